import { describe, expect, it } from 'vitest'
import { jaccard, shingleHashes } from '../../../src/core/corpus/minhash/shingles'
import { createMinHasher, estimateJaccard } from '../../../src/core/corpus/minhash/minhash'
import { candidateProbability, lshCandidatePairs, lshThreshold } from '../../../src/core/corpus/minhash/lsh'
import { nearDedupStage, resolveNearDedupOptions } from '../../../src/core/corpus/stages/near-dedup'
import { LabError } from '../../../src/shared/errors'
import { seededRandom } from '../../../src/core/random'
import { distinctWords, doc } from './helpers'

/** Jaccard of word 5-gram sets computed with plain string sets: an independent check of shingles.ts */
function referenceJaccard(a: string, b: string, n = 5): number {
  const grams = (t: string): Set<string> => {
    const w = t.toLowerCase().split(/\s+/).filter(Boolean)
    const s = new Set<string>()
    for (let i = 0; i + n <= w.length; i++) s.add(w.slice(i, i + n).join(' '))
    return s
  }
  const A = grams(a)
  const B = grams(b)
  let both = 0
  for (const g of A) if (B.has(g)) both++
  return both / (A.size + B.size - both)
}

/** copy of `words` with every `every`-th word replaced by a fresh word */
function mutate(words: string[], every: number, tag: string): string[] {
  return words.map((w, i) => (i % every === every - 1 ? `${tag}${i}` : w))
}

describe('shingles and Jaccard', () => {
  it('gives the exact Jaccard of two known sets: 80 shared of 120 = 2/3', () => {
    const words = distinctWords(120)
    const a = shingleHashes(words.slice(0, 100).join(' '), 1)
    const b = shingleHashes(words.slice(20, 120).join(' '), 1)
    expect(a.length).toBe(100)
    expect(jaccard(a, b)).toBeCloseTo(80 / 120, 12)
  })

  it('ignores case and punctuation and treats a short text as one shingle', () => {
    expect(jaccard(shingleHashes('The whale, the sea and the ship sailed on.', 5), shingleHashes('the whale the sea and the ship sailed on', 5))).toBe(1)
    expect(shingleHashes('too short', 5).length).toBe(1)
  })
})

describe('MinHash', () => {
  it('estimates a known Jaccard within four standard errors, sqrt(J(1-J)/k)', () => {
    const words = distinctWords(120)
    const a = shingleHashes(words.slice(0, 100).join(' '), 1)
    const b = shingleHashes(words.slice(20, 120).join(' '), 1)
    const k = 256
    const h = createMinHasher(k, 7)
    const j = 2 / 3
    expect(Math.abs(estimateJaccard(h.signature(a), h.signature(b)) - j)).toBeLessThan(4 * Math.sqrt((j * (1 - j)) / k))
  })

  it('is reproducible from its seed and changes with it', () => {
    const s = shingleHashes(distinctWords(50).join(' '), 5)
    expect(createMinHasher(64, 1).signature(s)).toEqual(createMinHasher(64, 1).signature(s))
    expect(createMinHasher(64, 2).signature(s)).not.toEqual(createMinHasher(64, 1).signature(s))
  })

  it('has an unbiased estimate over many random pairs', () => {
    // mean error over 40 pairs with Jaccard from 0.1 to 0.9 stays within 0.02 (4 standard errors of the mean)
    const rng = seededRandom(3)
    const h = createMinHasher(128, 11)
    let sumError = 0
    for (let t = 0; t < 40; t++) {
      const shared = 10 + rng.int(80)
      const only = 100 - shared
      const base = t * 1000
      const a = shingleHashes(distinctWords(shared + only, base).join(' '), 1)
      const b = shingleHashes([...distinctWords(shared, base), ...distinctWords(only, base + 500)].join(' '), 1)
      sumError += estimateJaccard(h.signature(a), h.signature(b)) - jaccard(a, b)
    }
    expect(Math.abs(sumError / 40)).toBeLessThan(0.02)
  })
})

describe('LSH banding', () => {
  it('follows 1 - (1 - s^r)^b and its threshold (1/b)^(1/r)', () => {
    expect(candidateProbability(0.5, 2, 2)).toBeCloseTo(1 - 0.75 ** 2, 12) // 0.4375
    expect(lshThreshold(16, 4)).toBeCloseTo(0.5, 12)
  })

  it('pairs documents that agree on a whole band, each pair once', () => {
    const sig = (xs: number[]): Uint32Array => Uint32Array.from(xs)
    const pairs = lshCandidatePairs([sig([1, 2, 3, 4]), sig([1, 2, 9, 9]), sig([7, 7, 3, 4]), sig([5, 6, 8, 8])], 2, 2)
    expect(pairs).toEqual([
      [0, 1],
      [0, 2],
    ])
  })
})

describe('near-duplicate stage', () => {
  const base = distinctWords(300)
  const a = base.join(' ')
  const near = mutate(base, 60, 'zz').join(' ') // 5 substitutions, each in 5 shingles: (296 - 25) / (296 + 25) = 0.844
  const far = mutate(base, 6, 'yy').join(' ') // 50 substitutions: only the 50 windows between them survive, about 0.09
  const other = distinctWords(300, 9000).join(' ')

  it('finds the near-duplicate with its exact Jaccard and keeps the unrelated and the far ones', () => {
    const jNear = referenceJaccard(a, near)
    const jFar = referenceJaccard(a, far)
    expect(jNear).toBeGreaterThan(0.8)
    expect(jFar).toBeLessThan(0.5)
    const out = nearDedupStage([doc('a', a), doc('other', other), doc('near', near), doc('far', far)])
    expect(out.kept.map((d) => d.id)).toEqual(['a', 'other', 'far'])
    expect(out.removed.map((r) => [r.id, r.rule])).toEqual([['near', 'near-duplicate']])
    expect(out.removed[0].reason).toContain('near-duplicate of a')
    expect(out.clusters).toHaveLength(1)
    expect(out.clusters?.[0].keptId).toBe('a')
    expect(out.clusters?.[0].removed[0].similarity).toBeCloseTo(jNear, 12)
  })

  it('moves with the threshold and can judge by the signature estimate', () => {
    const docs = [doc('a', a), doc('near', near), doc('far', far)]
    expect(nearDedupStage(docs, { threshold: 0.95 }).removed).toHaveLength(0)
    expect(nearDedupStage(docs, { threshold: 0.05, numPerm: 256, bands: 256 }).removed.map((r) => r.id)).toEqual(['near', 'far'])
    const est = nearDedupStage(docs, { verify: 'estimate', numPerm: 256 })
    expect(est.removed.map((r) => r.id)).toEqual(['near'])
    expect(Math.abs((est.clusters?.[0].removed[0].similarity ?? 0) - referenceJaccard(a, near))).toBeLessThan(0.1)
  })

  it('joins chains into one cluster kept by its earliest member', () => {
    // a-b and b-c about 0.84, a-c about 0.71: c joins a only through b
    const b = mutate(base, 60, 'b1').join(' ')
    const c = mutate(mutate(base, 60, 'b1'), 59, 'c1').join(' ')
    expect(referenceJaccard(a, c)).toBeLessThan(0.8)
    const out = nearDedupStage([doc('c', c), doc('a', a), doc('b', b)])
    expect(out.kept.map((d) => d.id)).toEqual(['c'])
    expect(out.clusters?.[0].keptId).toBe('c')
    expect(out.clusters?.[0].removed.map((m) => m.id).sort()).toEqual(['a', 'b'])
  })

  it('checks that bands x rows = numPerm and the threshold is in (0, 1]', () => {
    expect(resolveNearDedupOptions({ numPerm: 64 })).toMatchObject({ numPerm: 64, bands: 16, rows: 4 })
    expect(resolveNearDedupOptions({ bands: 8, rows: 8 })).toMatchObject({ numPerm: 64 })
    expect(() => resolveNearDedupOptions({ bands: 10 })).toThrow(LabError)
    expect(() => resolveNearDedupOptions({ threshold: 0 })).toThrow(/threshold/)
    expect(() => resolveNearDedupOptions({ shingleSize: 0 })).toThrow(/shingleSize/)
  })
})
