// Exact search against a naive reference (direct squared differences + full sort); HNSW recall on random data.
import { describe, expect, it } from 'vitest'
import { exactSearch, naiveSearch } from '../../../src/core/knnlm/exact-search'
import { exactSearchTf } from '../../../src/core/knnlm/exact-search-tf'
import { HnswIndex } from '../../../src/core/knnlm/hnsw-index'
import { seededRandom } from '../../../src/core/random'

function randomMatrix(rows: number, dims: number, seed: number): Float32Array {
  const r = seededRandom(seed)
  return Float32Array.from({ length: rows * dims }, () => r.normal())
}

describe('exact search', () => {
  const d = 24
  const keys = randomMatrix(1500, d, 1)
  const queries = randomMatrix(37, d, 2)
  const ref = naiveSearch(keys, queries, d, 10)
  it('finds the same neighbours as the naive reference', () => {
    const got = exactSearch(keys, queries, d, 10)
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices))
    for (let i = 0; i < ref.distances.length; i++) expect(got.distances[i]).toBeCloseTo(ref.distances[i]!, 3)
  })
  it('the wasm matrix-product variant agrees too', async () => {
    const got = await exactSearchTf(keys, queries, d, 10)
    expect(Array.from(got.indices)).toEqual(Array.from(ref.indices))
  })
  it('searches a prefix of the store and pads when k exceeds it', () => {
    const got = exactSearch(keys, queries, d, 5, { limit: 3 })
    expect(got.indices[3]).toBe(-1)
    expect(Math.max(...Array.from(got.indices))).toBeLessThan(3)
  })
  it('refuses mismatched dimensions', () => {
    expect(() => exactSearch(keys, randomMatrix(3, d - 1, 3), d, 4)).toThrow(/dimension/)
  })
})

describe('HNSW index (usearch)', () => {
  it('has recall@10 of at least 0.9 and exact distances for what it returns', () => {
    const d = 16
    const keys = randomMatrix(5000, d, 4)
    const queries = randomMatrix(50, d, 5)
    const index = HnswIndex.build(keys, d)
    const got = index.search(keys, queries, 10, { candidates: 40 })
    const ref = naiveSearch(keys, queries, d, 10)
    let hit = 0
    for (let q = 0; q < 50; q++) {
      const truth = new Set(Array.from(ref.indices.subarray(q * 10, q * 10 + 10)))
      for (const i of got.indices.subarray(q * 10, q * 10 + 10)) if (truth.has(i)) hit++
    }
    expect(hit / 500).toBeGreaterThanOrEqual(0.9)
    // distances are recomputed exactly: compare one with the reference's value for the same key
    const i0 = got.indices[0]!
    let s = 0
    for (let j = 0; j < d; j++) s += (queries[j]! - keys[i0 * d + j]!) ** 2
    expect(got.distances[0]).toBeCloseTo(s, 4)
    // one query comes back from usearch in another shape (Matches, not BatchMatches): same answer
    const one = index.search(keys, queries.subarray(0, d), 10, { candidates: 40 })
    expect(Array.from(one.indices)).toEqual(Array.from(got.indices.subarray(0, 10)))
  })
})
