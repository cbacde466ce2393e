// The two backends of the exact datastore search: the native kernel (when it is built) and the WebAssembly
// matrix product (always; forced with SCALING_LAB_KNN_BACKEND=wasm, as when the kernel did not build). Both must
// find the naive reference's neighbours, and each result says which one ran.
import { afterEach, describe, expect, it } from 'vitest'
import { makeDatastore, searchDatastore } from '../../../src/core/knnlm/datastore'
import { naiveSearch } from '../../../src/core/knnlm/exact-search'
import { loadKnnKernel } from '../../../src/core/knnlm/knn-kernel'
import { seededRandom } from '../../../src/core/random'

function randomMatrix(rows: number, dims: number, seed: number): Float32Array {
  const r = seededRandom(seed)
  return Float32Array.from({ length: rows * dims }, () => r.normal())
}

const d = 24
const n = 2500
const keys = randomMatrix(n, d, 31)
const queries = randomMatrix(29, d, 32)
const ds = makeDatastore({ dims: d, dtype: 'float32', tokenizerId: null, modelId: null }, keys, Int32Array.from({ length: n }, (_, i) => i % 50))
const ref = naiveSearch(keys, queries, d, 8)

function withBackend<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  if (value === undefined) delete process.env.SCALING_LAB_KNN_BACKEND
  else process.env.SCALING_LAB_KNN_BACKEND = value
  return run()
}

afterEach(() => {
  delete process.env.SCALING_LAB_KNN_BACKEND
})

describe('exact datastore search backends', () => {
  it('WebAssembly (SCALING_LAB_KNN_BACKEND=wasm) finds the reference neighbours and says it ran', async () => {
    const got = await withBackend('wasm', () => searchDatastore(ds, queries, 8, { method: 'exact' }))
    expect(got.search).toBe('exact, WebAssembly; native kernel turned off (SCALING_LAB_KNN_BACKEND=wasm)')
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices))
    for (let i = 0; i < ref.distances.length; i++) expect(got.distances[i]).toBeCloseTo(ref.distances[i]!, 3)
  })

  it.skipIf(!loadKnnKernel())('the native kernel (built here) finds the same neighbours as WebAssembly and says it ran', async () => {
    const native = await withBackend('native', () => searchDatastore(ds, queries, 8, { method: 'exact', limit: 2000 }))
    const wasm = await withBackend('wasm', () => searchDatastore(ds, queries, 8, { method: 'exact', limit: 2000 }))
    expect(native.search).toMatch(/^exact, native (avx2-fma|portable)$/)
    expect(Array.from(native.indices)).toEqual(Array.from(wasm.indices))
    for (let i = 0; i < wasm.distances.length; i++) expect(native.distances[i]).toBeCloseTo(wasm.distances[i]!, 3)
    expect(Math.max(...Array.from(native.indices))).toBeLessThan(2000)
    // unset (auto) picks the native kernel when it is built
    expect((await withBackend(undefined, () => searchDatastore(ds, queries, 8, { method: 'exact' }))).search).toBe(native.search)
  })

  it('refuses an unknown SCALING_LAB_KNN_BACKEND with what it accepts', async () => {
    await expect(withBackend('gpu', () => searchDatastore(ds, queries, 8, { method: 'exact' }))).rejects.toThrow(/SCALING_LAB_KNN_BACKEND is "gpu"; it must be auto, native or wasm/)
  })
})
