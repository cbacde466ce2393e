/**
 * Exact k-nearest-neighbour search under squared L2 distance by brute force, as FAISS's IndexFlatL2 does
 * (Johnson, Douze and Jégou 2019, "Billion-scale similarity search with GPUs"):
 *   ||q - k||^2 = ||q||^2 - 2 q.k + ||k||^2,
 * with the dot products computed block by block (a query block against a key block, so both stay in cache) and a
 * bounded max-heap per query keeping the k smallest distances.
 */
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { TopKHeap } from './top-k-heap'

export interface Neighbours {
  /** number of queries */
  queries: number
  k: number
  /** [queries, k] datastore row of each neighbour, nearest first (-1 when the store has fewer than k rows) */
  indices: Int32Array
  /** [queries, k] squared L2 distances, ascending */
  distances: Float32Array
  /** how the search ran, as results report it (searchDatastore sets it): "exact, native avx2-fma", ... */
  search?: string
}

export function squaredNorms(x: Float32Array, dims: number): Float32Array {
  const n = x.length / dims
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    let s = 0
    const o = i * dims
    for (let j = 0; j < dims; j++) s += x[o + j]! * x[o + j]!
    out[i] = s
  }
  return out
}

export interface ExactSearchOptions extends ProgressOptions {
  /** precomputed ||k||^2 of the keys */
  keyNorms?: Float32Array
  /** search only the first `limit` keys (datastore-size sweeps) */
  limit?: number
}

export function checkDims(what: string, dims: number, expected: number): void {
  if (dims !== expected) {
    throw new LabError('dims-mismatch', `${what} have ${dims} dimensions but the datastore keys have ${expected}.`, { hint: 'Queries must come from the same layer of the same model as the keys.' })
  }
}

export function exactSearch(keys: Float32Array, queries: Float32Array, dims: number, k: number, opts: ExactSearchOptions = {}): Neighbours {
  if (keys.length % dims !== 0) throw new LabError('dims-mismatch', `The keys (${keys.length} values) are not a whole number of ${dims}-dimensional rows.`, { hint: 'Check the dims in the datastore header.' })
  if (queries.length % dims !== 0) {
    throw new LabError('dims-mismatch', `The queries (${queries.length} values) are not a whole number of ${dims}-dimensional rows.`, { hint: 'Queries must have as many dimensions as the keys.' })
  }
  if (!Number.isInteger(k) || k < 1) throw new LabError('bad-option', `k must be a positive integer; got ${k}.`)
  const n = Math.min(keys.length / dims, opts.limit ?? Infinity)
  const m = queries.length / dims
  const kn = opts.keyNorms ?? squaredNorms(keys.subarray(0, n * dims), dims)
  const qn = squaredNorms(queries, dims)
  const indices = new Int32Array(m * k)
  const distances = new Float32Array(m * k)
  const QB = 8
  const KB = 256
  const dots = new Float64Array(QB * KB)
  const heaps = Array.from({ length: QB }, () => new TopKHeap(k))
  for (let q0 = 0; q0 < m; q0 += QB) {
    throwIfCancelled(opts.signal)
    const qb = Math.min(QB, m - q0)
    for (let k0 = 0; k0 < n; k0 += KB) {
      const kb = Math.min(KB, n - k0)
      for (let a = 0; a < qb; a++) {
        const qo = (q0 + a) * dims
        for (let b = 0; b < kb; b++) {
          const ko = (k0 + b) * dims
          let s0 = 0
          let s1 = 0
          let s2 = 0
          let s3 = 0
          let j = 0
          for (; j + 3 < dims; j += 4) {
            s0 += queries[qo + j]! * keys[ko + j]!
            s1 += queries[qo + j + 1]! * keys[ko + j + 1]!
            s2 += queries[qo + j + 2]! * keys[ko + j + 2]!
            s3 += queries[qo + j + 3]! * keys[ko + j + 3]!
          }
          for (; j < dims; j++) s0 += queries[qo + j]! * keys[ko + j]!
          dots[a * KB + b] = s0 + s1 + s2 + s3
        }
      }
      for (let a = 0; a < qb; a++) {
        const heap = heaps[a]!
        const base = qn[q0 + a]!
        for (let b = 0; b < kb; b++) {
          const dd = Math.max(0, base - 2 * dots[a * KB + b]! + kn[k0 + b]!)
          if (dd < heap.worst) heap.push(dd, k0 + b)
        }
      }
    }
    for (let a = 0; a < qb; a++) heaps[a]!.drainSorted(distances, indices, (q0 + a) * k)
    if ((q0 / QB) % 16 === 0) opts.onProgress?.(Math.min(1, (q0 + qb) / m), `searched ${q0 + qb} of ${m} queries`)
  }
  return { queries: m, k, indices, distances }
}

/** Reference implementation for tests: direct sum of squared differences and a full sort. */
export function naiveSearch(keys: Float32Array, queries: Float32Array, dims: number, k: number): Neighbours {
  const n = keys.length / dims
  const m = queries.length / dims
  const indices = new Int32Array(m * k).fill(-1)
  const distances = new Float32Array(m * k).fill(Infinity)
  for (let q = 0; q < m; q++) {
    const all: Array<[number, number]> = []
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let j = 0; j < dims; j++) {
        const diff = queries[q * dims + j]! - keys[i * dims + j]!
        s += diff * diff
      }
      all.push([s, i])
    }
    all.sort((x, y) => x[0] - y[0] || x[1] - y[1])
    for (let j = 0; j < Math.min(k, n); j++) {
      distances[q * k + j] = all[j]![0]
      indices[q * k + j] = all[j]![1]
    }
  }
  return { queries: m, k, indices, distances }
}
