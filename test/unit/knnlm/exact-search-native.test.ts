// The native exact-search kernel against the naive reference (direct squared differences in double precision and
// a full sort): shapes that exercise every edge of the 6x16 tiling, threads, chunking, prefixes, padding, cancel.
// `npm test` builds the kernel first (scripts/build-knn-kernel.mjs); when that build failed (a warning: the app
// then searches with WebAssembly, see search-backends.test.ts) these tests are skipped, and the skip is counted.
import { describe, expect, it } from 'vitest'
import { naiveSearch, type Neighbours } from '../../../src/core/knnlm/exact-search'
import { exactSearchNative } from '../../../src/core/knnlm/exact-search-native'
import { knnKernelStatus, loadKnnKernel } from '../../../src/core/knnlm/knn-kernel'
import { seededRandom } from '../../../src/core/random'

function randomMatrix(rows: number, dims: number, seed: number): Float32Array {
  const r = seededRandom(seed)
  return Float32Array.from({ length: rows * dims }, () => r.normal())
}

/** Same neighbours as the reference, allowing swaps only between keys whose distances tie to float precision. */
function expectSameNeighbours(got: Neighbours, ref: Neighbours): void {
  expect(got.indices.length).toBe(ref.indices.length)
  for (let i = 0; i < ref.indices.length; i++) {
    if (ref.indices[i] === -1) {
      expect(got.indices[i]).toBe(-1)
      expect(got.distances[i]).toBe(Infinity)
      continue
    }
    const tol = 1e-4 * Math.max(1, ref.distances[i]!)
    expect(Math.abs(got.distances[i]! - ref.distances[i]!)).toBeLessThan(tol)
    if (got.indices[i] !== ref.indices[i]) {
      // a swap is only acceptable between (near-)equal distances
      const other = Array.from(ref.indices).indexOf(got.indices[i]!, i - (i % ref.k))
      expect(other).toBeGreaterThanOrEqual(0)
      expect(Math.abs(ref.distances[other]! - ref.distances[i]!)).toBeLessThan(tol)
    }
  }
}

describe.skipIf(!loadKnnKernel())(`native exact search kernel (${knnKernelStatus()})`, () => {
  it('is built and loads', () => {
    expect(loadKnnKernel(), knnKernelStatus()).not.toBeNull()
    expect(knnKernelStatus()).toMatch(/^native (avx2-fma|portable)$/)
  })

  // row counts that are not multiples of the 16-key panels or 6-query panels; dims from 1 to past one cache block
  for (const [n, m, d, k] of [
    [1, 1, 1, 1],
    [17, 7, 3, 5],
    [1500, 37, 24, 10],
    [2100, 13, 64, 64],
    [5003, 11, 130, 7],
    [300, 5, 1100, 3],
  ] as const) {
    it(`agrees with the naive reference: ${n} keys x ${d} dims, ${m} queries, k = ${k}`, async () => {
      const keys = randomMatrix(n, d, n + d)
      const queries = randomMatrix(m, d, m + d + 1)
      const ref = naiveSearch(keys, queries, d, k)
      for (const threads of [1, 2, 3]) expectSameNeighbours(await exactSearchNative(keys, queries, d, k, { threads }), ref)
    })
  }

  it('the portable micro-kernel (machines without AVX2/FMA) agrees too', async () => {
    const kernel = loadKnnKernel()!
    const [n, m, d, k] = [2100, 13, 37, 9]
    const keys = randomMatrix(n, d, 21)
    const queries = randomMatrix(m, d, 22)
    process.env.SCALING_LAB_KNN_PORTABLE = '1'
    try {
      const distances = new Float32Array(m * k)
      const indices = new Int32Array(m * k)
      expect(await kernel.search(keys, queries, d, k, 2, distances, indices)).toBe('portable')
      expectSameNeighbours({ queries: m, k, indices, distances }, naiveSearch(keys, queries, d, k))
    } finally {
      delete process.env.SCALING_LAB_KNN_PORTABLE
    }
  })

  it('pads with -1 and Infinity when k exceeds the keys, and searches only a prefix with limit', async () => {
    const d = 8
    const keys = randomMatrix(40, d, 9)
    const queries = randomMatrix(9, d, 10)
    const got = await exactSearchNative(keys, queries, d, 50)
    expectSameNeighbours(got, naiveSearch(keys, queries, d, 50))
    expect(got.indices[40]).toBe(-1)
    const prefix = await exactSearchNative(keys, queries, d, 5, { limit: 3 })
    expect(prefix.indices[3]).toBe(-1)
    expect(Math.max(...Array.from(prefix.indices))).toBe(2)
  })

  it('keeps the lower index on exact ties, like the reference', async () => {
    const d = 4
    // keys 0..39 repeat the same 4 rows, so every distance ties ten ways
    const base = randomMatrix(4, d, 11)
    const keys = new Float32Array(40 * d)
    for (let i = 0; i < 40; i++) keys.set(base.subarray((i % 4) * d, (i % 4 + 1) * d), i * d)
    const queries = randomMatrix(3, d, 12)
    const got = await exactSearchNative(keys, queries, d, 10, { threads: 2 })
    const ref = naiveSearch(keys, queries, d, 10)
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices))
  })

  it('reports progress per chunk and stops when cancelled', async () => {
    const d = 16
    const keys = randomMatrix(3000, d, 13)
    const queries = randomMatrix(50, d, 14)
    const seen: number[] = []
    await exactSearchNative(keys, queries, d, 4, { onProgress: (f) => seen.push(f) })
    expect(seen.at(-1)).toBe(1)
    const controller = new AbortController()
    controller.abort()
    await expect(exactSearchNative(keys, queries, d, 4, { signal: controller.signal })).rejects.toThrow(/cancel/i)
  })

  it('refuses mismatched dimensions and a bad k with a clear message', async () => {
    const keys = randomMatrix(10, 4, 15)
    await expect(exactSearchNative(keys, randomMatrix(2, 3, 16).subarray(0, 6), 4, 2)).rejects.toThrow(/The queries \(6 values\) are not a whole number of 4-dimensional rows/)
    await expect(exactSearchNative(keys, randomMatrix(2, 4, 16), 4, 0)).rejects.toThrow(/k must be a positive integer/)
  })

  it('refuses more neighbours than one search can hold (queries x k), before allocating them', async () => {
    const keys = randomMatrix(10, 4, 17)
    await expect(exactSearchNative(keys, randomMatrix(3, 4, 18), 4, 2 ** 30)).rejects.toMatchObject({ name: 'LabError', code: 'too-large', message: expect.stringMatching(/3 queries x k = 1073741824 are 3221225472 neighbours/) })
  })

  // SCALING_LAB_KNN_FAULT makes the C++ search throw where real failures happen: in a search thread (out of
  // memory, any exception) or when a thread cannot start. Each must reject with a LabError, and the process (this
  // test worker) must go on searching.
  for (const [fault, code, message] of [
    ['bad_alloc', 'kernel-out-of-memory', /^The native exact search failed on queries 1-7: out of memory \(7 queries x k = 5 need .* MB of top-k reservoirs per search thread\)\.$/],
    ['error', 'kernel-failed', /^The native exact search failed on queries 1-7: the search failed: fault injected by SCALING_LAB_KNN_FAULT=error\.$/],
    ['thread', 'kernel-thread', /^The native exact search failed on queries 1-7: could not start a search thread: fault injected by SCALING_LAB_KNN_FAULT=thread/],
  ] as const) {
    it(`rejects (${code}) instead of ending the process when the C++ search fails: ${fault}`, async () => {
      const [n, m, d, k] = [5000, 7, 8, 5]
      const keys = randomMatrix(n, d, 19)
      const queries = randomMatrix(m, d, 20)
      process.env.SCALING_LAB_KNN_FAULT = fault
      try {
        // 2 threads: the fault hits the second search thread (or its start), not the calling one
        const failed = exactSearchNative(keys, queries, d, k, { threads: 2 })
        await expect(failed).rejects.toMatchObject({ name: 'LabError', code, message: expect.stringMatching(message), hint: expect.stringMatching(/SCALING_LAB_KNN_BACKEND=wasm/) })
      } finally {
        delete process.env.SCALING_LAB_KNN_FAULT
      }
      expectSameNeighbours(await exactSearchNative(keys, queries, d, k, { threads: 2 }), naiveSearch(keys, queries, d, k))
    })
  }
})
