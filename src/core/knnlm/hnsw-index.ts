/**
 * Approximate nearest neighbours for large datastores: a hierarchical navigable small-world graph
 * (Malkov and Yashunin 2018, "Efficient and robust approximate nearest neighbor search using HNSW graphs",
 * arXiv 1603.09320) built by USearch under squared L2. The graph proposes candidates; their distances are then
 * recomputed exactly against the float32 keys and re-sorted (Khandelwal et al. 2020 found exact distances help).
 */
import type usearchApi from 'usearch'
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { checkDims, type Neighbours } from './exact-search'
import { TopKHeap } from './top-k-heap'

export interface HnswOptions {
  /** graph degree M (default 16) */
  connectivity?: number
  /** ef at construction (default 128) */
  expansionAdd?: number
  /** ef at search (default 64); raised to the number of candidates when that is larger */
  expansionSearch?: number
}

type Usearch = typeof usearchApi
type UsearchIndex = InstanceType<Usearch['Index']>

let loadedUsearch: Usearch | undefined

/** USearch (a native addon) loads with the first graph built or read, not with this module. */
function usearchLib(): Usearch {
  return (loadedUsearch ??= (createRequire(import.meta.url)('usearch') as { default: Usearch }).default)
}

/** usearch's own threads for adding and searching (it parallelises over the vectors of one call) */
const THREADS = Math.min(8, availableParallelism())

export class HnswIndex {
  private constructor(
    private readonly index: UsearchIndex,
    readonly dims: number,
    private readonly options: Required<HnswOptions>,
  ) {}

  private static create(dims: number, o: HnswOptions, expansionSearch?: number): { index: UsearchIndex; options: Required<HnswOptions> } {
    const options = { connectivity: o.connectivity ?? 16, expansionAdd: o.expansionAdd ?? 128, expansionSearch: expansionSearch ?? o.expansionSearch ?? 64 }
    const usearch = usearchLib()
    const index = new usearch.Index({
      dimensions: dims,
      metric: usearch.MetricKind.L2sq,
      quantization: usearch.ScalarKind.F32,
      connectivity: options.connectivity,
      expansion_add: options.expansionAdd,
      expansion_search: options.expansionSearch,
      multi: false,
    })
    return { index, options }
  }

  static build(keys: Float32Array, dims: number, o: HnswOptions & ProgressOptions = {}): HnswIndex {
    const n = keys.length / dims
    const { index, options } = HnswIndex.create(dims, o)
    const chunk = 4096
    for (let s = 0; s < n; s += chunk) {
      throwIfCancelled(o.signal)
      const e = Math.min(n, s + chunk)
      const ids = new BigUint64Array(e - s)
      for (let i = s; i < e; i++) ids[i - s] = BigInt(i)
      index.add(ids, keys.subarray(s * dims, e * dims), THREADS)
      o.onProgress?.(e / n, `indexed ${e} of ${n} keys`)
    }
    return new HnswIndex(index, dims, options)
  }

  static load(path: string, dims: number, o: HnswOptions = {}): HnswIndex {
    if (!existsSync(path)) throw new LabError('index-not-found', `No HNSW index at ${path}.`, { file: path, hint: 'Build the datastore with an HNSW index first.' })
    const { index, options } = HnswIndex.create(dims, o)
    index.load(path)
    if (index.dimensions() !== dims) checkDims('The HNSW index vectors', index.dimensions(), dims)
    return new HnswIndex(index, dims, options)
  }

  save(path: string): number {
    this.index.save(path)
    return statSync(path).size
  }

  get size(): number {
    return this.index.size()
  }

  /** rough memory of the graph and its vector copy: n (4 d + 2 M x 4 + 16) bytes */
  get memoryBytes(): number {
    return this.size * (4 * this.dims + 8 * this.options.connectivity + 16)
  }

  /**
   * k nearest keys of each query: `candidates` (default 2k) proposals from the graph, exact distances recomputed
   * against `keys`, best k kept. `limit` restricts to rows below it (datastore-size sweeps).
   */
  search(keys: Float32Array, queries: Float32Array, k: number, o: { candidates?: number; limit?: number } & ProgressOptions = {}): Neighbours {
    const d = this.dims
    if (queries.length % d !== 0) checkDims('The queries', queries.length, d)
    const m = queries.length / d
    const limit = o.limit ?? Infinity
    const cand = Math.max(k, o.candidates ?? 2 * k, limit < this.size ? Math.ceil((2 * k * this.size) / Math.max(1, limit)) : 0)
    const want = Math.min(this.size, cand)
    const indices = new Int32Array(m * k)
    const distances = new Float32Array(m * k)
    const heap = new TopKHeap(k)
    // large batches: usearch spreads one call's queries over its threads
    const batch = 2048
    for (let q0 = 0; q0 < m; q0 += batch) {
      throwIfCancelled(o.signal)
      const qb = Math.min(batch, m - q0)
      const res = this.index.search(queries.subarray(q0 * d, (q0 + qb) * d), want, THREADS)
      // one query gives Matches, several BatchMatches: read the flat result arrays of either without copies
      const flatKeys = res.keys
      const counts = res instanceof usearchLib().BatchMatches ? res.counts : undefined
      for (let a = 0; a < qb; a++) {
        const qo = (q0 + a) * d
        const from = counts ? a * want : 0
        const found = counts ? Number(counts[a]) : flatKeys.length
        for (let c = from; c < from + found; c++) {
          const i = Number(flatKeys[c])
          if (i >= limit) continue
          let s = 0
          const ko = i * d
          for (let j = 0; j < d; j++) {
            const diff = queries[qo + j]! - keys[ko + j]!
            s += diff * diff
          }
          heap.push(s, i)
        }
        heap.drainSorted(distances, indices, (q0 + a) * k)
      }
      o.onProgress?.((q0 + qb) / m, `searched ${q0 + qb} of ${m} queries`)
    }
    return { queries: m, k, indices, distances }
  }
}
