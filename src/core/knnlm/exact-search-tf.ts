/**
 * The same exact squared-L2 search as exact-search.ts (||q||^2 - 2 q.k + ||k||^2, as FAISS IndexFlatL2), run on
 * TensorFlow.js's wasm backend: the dot products of a block of queries against all keys are one matrix product
 * (XNNPACK, SIMD) and the k smallest distances per query come from the backend's top-k kernel, so no per-distance
 * JavaScript runs. Query blocks are sized to keep the [block, keys] score matrix near 4M floats.
 */
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { squaredNorms, type ExactSearchOptions, type Neighbours } from './exact-search'
import { tfReady } from './tf-backend'

export async function exactSearchTf(keys: Float32Array, queries: Float32Array, dims: number, k: number, opts: ExactSearchOptions & ProgressOptions = {}): Promise<Neighbours> {
  if (keys.length % dims !== 0 || queries.length % dims !== 0) {
    throw new LabError('dims-mismatch', `Keys or queries are not whole ${dims}-dimensional rows.`, { hint: 'Queries must have as many dimensions as the keys.' })
  }
  if (!Number.isInteger(k) || k < 1) throw new LabError('bad-option', `k must be a positive integer; got ${k}.`)
  const tf = await tfReady()
  const n = Math.min(keys.length / dims, opts.limit ?? Infinity)
  const m = queries.length / dims
  const indices = new Int32Array(m * k).fill(-1)
  const distances = new Float32Array(m * k).fill(Infinity)
  if (n === 0 || m === 0) return { queries: m, k, indices, distances }
  const kk = Math.min(k, n)
  const kn = opts.keyNorms ? opts.keyNorms.subarray(0, n) : squaredNorms(keys.subarray(0, n * dims), dims)
  const qn = squaredNorms(queries, dims)
  const QB = Math.max(1, Math.min(1024, Math.floor(4_000_000 / n)))
  const keysT = tf.tidy(() => tf.tensor2d(keys.subarray(0, n * dims), [n, dims]).transpose())
  const normsT = tf.tensor1d(kn)
  try {
    for (let q0 = 0; q0 < m; q0 += QB) {
      throwIfCancelled(opts.signal)
      const qb = Math.min(QB, m - q0)
      const [vals, idx] = tf.tidy(() => {
        const qt = tf.tensor2d(queries.subarray(q0 * dims, (q0 + qb) * dims), [qb, dims])
        // 2 q.k - ||k||^2 = ||q||^2 - distance: the largest are the nearest
        const score = tf.matMul(qt, keysT).mul(2).sub(normsT)
        const top = tf.topk(score, kk, true)
        return [top.values.dataSync() as Float32Array, top.indices.dataSync() as Int32Array]
      })
      for (let a = 0; a < qb; a++) {
        const base = qn[q0 + a]!
        const o = (q0 + a) * k
        for (let j = 0; j < kk; j++) {
          const dd = base - vals[a * kk + j]!
          distances[o + j] = dd > 0 ? dd : 0
          indices[o + j] = idx[a * kk + j]!
        }
      }
      opts.onProgress?.(Math.min(1, (q0 + qb) / m), `searched ${q0 + qb} of ${m} queries`)
      await new Promise((r) => setImmediate(r))
    }
  } finally {
    keysT.dispose()
    normsT.dispose()
  }
  return { queries: m, k, indices, distances }
}
