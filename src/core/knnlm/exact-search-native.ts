/**
 * Exact squared-L2 top-k search with the native kernel (native/knn-kernel): ||q||^2 - 2 q.k + ||k||^2 as FAISS's
 * IndexFlatL2 computes it (Johnson, Douze and Jegou 2019), the dot products as a blocked single-precision matrix
 * product with an AVX2/FMA micro-kernel (a portable one elsewhere), split over threads. Queries go to the kernel
 * in chunks of a few GFLOP so progress is reported and cancel takes effect between chunks; the work itself runs
 * off the JavaScript thread.
 */
import { availableParallelism } from 'node:os'
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import type { ExactSearchOptions, Neighbours } from './exact-search'
import { knnKernelStatus, loadKnnKernel } from './knn-kernel'

export interface NativeSearchOptions extends ExactSearchOptions, ProgressOptions {
  /** threads for the kernel (default: the machine's cores, at most 8) */
  threads?: number
}

/** floating-point operations per kernel call: big enough to amortise packing, small enough for a responsive cancel */
const FLOPS_PER_CALL = 4e9
/** top-k reservoir memory per thread per call (queries x 2k x 8 bytes) stays under ~64 MB */
const HEAP_ENTRIES_PER_CALL = 4e6
/** the result arrays (queries x k entries of 8 bytes) stay within what one typed array can hold */
const MAX_RESULTS = 2 ** 31 - 1

export async function exactSearchNative(keys: Float32Array, queries: Float32Array, dims: number, k: number, opts: NativeSearchOptions = {}): Promise<Neighbours> {
  const kernel = loadKnnKernel()
  if (!kernel) throw new LabError('kernel-missing', `The native exact-search kernel is ${knnKernelStatus()}.`, { hint: 'Run node scripts/build-knn-kernel.mjs (needs python3, make and a C++ compiler).' })
  if (!Number.isInteger(dims) || dims < 1) throw new LabError('bad-option', `dims must be a positive integer; got ${dims}.`)
  if (keys.length % dims !== 0) throw new LabError('dims-mismatch', `The keys (${keys.length} values) are not a whole number of ${dims}-dimensional rows.`, { hint: 'Check the dims in the datastore header.' })
  if (queries.length % dims !== 0) {
    throw new LabError('dims-mismatch', `The queries (${queries.length} values) are not a whole number of ${dims}-dimensional rows.`, { hint: 'Queries must come from the same layer of the same model as the keys.' })
  }
  if (!Number.isInteger(k) || k < 1) throw new LabError('bad-option', `k must be a positive integer; got ${k}.`)
  const n = Math.min(keys.length / dims, opts.limit ?? Infinity)
  const m = queries.length / dims
  if (m * k > MAX_RESULTS) {
    throw new LabError('too-large', `${m} queries x k = ${k} are ${m * k} neighbours, more than one search can hold (${MAX_RESULTS}).`, { hint: 'Use a smaller k, or search the queries in batches.' })
  }
  const indices = new Int32Array(m * k).fill(-1)
  const distances = new Float32Array(m * k).fill(Infinity)
  if (n === 0 || m === 0) return { queries: m, k, indices, distances }
  const threads = Math.max(1, Math.min(opts.threads ?? Math.min(8, availableParallelism()), 64))
  const keyRows = keys.subarray(0, n * dims)
  const chunk = Math.max(1, Math.min(4096, Math.floor(FLOPS_PER_CALL / (2 * n * dims)), Math.floor(HEAP_ENTRIES_PER_CALL / k)))
  for (let q0 = 0; q0 < m; q0 += chunk) {
    throwIfCancelled(opts.signal)
    const qb = Math.min(chunk, m - q0)
    await kernel
      .search(keyRows, queries.subarray(q0 * dims, (q0 + qb) * dims), dims, k, threads, distances.subarray(q0 * k, (q0 + qb) * k), indices.subarray(q0 * k, (q0 + qb) * k))
      .catch((e: unknown) => {
        throw kernelFailure(e, q0, qb)
      })
    opts.onProgress?.((q0 + qb) / m, `searched ${q0 + qb} of ${m} queries`)
  }
  return { queries: m, k, indices, distances }
}

/** The kernel's rejection (an Error with an ERR_KNN_KERNEL_* code) as a LabError that says what to do. */
function kernelFailure(e: unknown, q0: number, qb: number): LabError {
  const code = (e as { code?: unknown }).code
  const message = e instanceof Error ? e.message : String(e)
  const what = `The native exact search failed on queries ${q0 + 1}-${q0 + qb}: ${message}.`
  if (code === 'ERR_KNN_KERNEL_OUT_OF_MEMORY') return new LabError('kernel-out-of-memory', what, { hint: 'Use a smaller k, or close other programs; SCALING_LAB_KNN_BACKEND=wasm uses the WebAssembly search instead.' })
  if (code === 'ERR_KNN_KERNEL_THREAD') return new LabError('kernel-thread', what, { hint: 'The system could not start a thread: search with fewer threads, or set SCALING_LAB_KNN_BACKEND=wasm.' })
  return new LabError('kernel-failed', what, { hint: 'Set SCALING_LAB_KNN_BACKEND=wasm to use the WebAssembly search instead, and report this error.' })
}
