// Reference perplexities from scripts/reference/knnlm-reference.py (NumPy brute force, float64).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateImported, sweepImported } from '../../../src/core/knnlm/api'
import { knnLogProbs, mixLogProb, perplexity } from '../../../src/core/knnlm/knn-distribution'

const fx = join(import.meta.dirname, '..', '..', 'fixtures', 'knnlm')
const expected = JSON.parse(readFileSync(join(fx, 'expected.json'), 'utf8')) as {
  cases: Array<{ lambda: number; k: number; temperature: number; ppl_knnlm_f32: number; ppl_knnlm_f16: number; ppl_lm: number }>
}
const files = (keys: string) => ({
  keys: join(fx, keys),
  values: join(fx, 'values.npy'),
  queries: join(fx, 'queries.npy'),
  targets: join(fx, 'targets.npy'),
  lmLogProbs: join(fx, 'lm-logprobs.npy'),
})

describe('p_kNN and the interpolation', () => {
  it('aggregates neighbour weights per token (hand example)', () => {
    // neighbours at squared distances 1, 2, 3 with values 5, 7, 5; T = 1:
    // p(5) = (e^-1 + e^-3) / (e^-1 + e^-2 + e^-3)
    const nb = { queries: 1, k: 3, indices: Int32Array.of(0, 1, 2), distances: Float32Array.of(1, 2, 3) }
    const values = Int32Array.of(5, 7, 5)
    const lp = knnLogProbs(nb, values, Int32Array.of(5), 3, 1)[0]!
    const want = (Math.exp(-1) + Math.exp(-3)) / (Math.exp(-1) + Math.exp(-2) + Math.exp(-3))
    expect(Math.exp(lp)).toBeCloseTo(want, 10)
    expect(knnLogProbs(nb, values, Int32Array.of(9), 3, 1)[0]).toBe(-Infinity)
  })
  it('mixes in log space', () => {
    expect(mixLogProb(Math.log(0.2), Math.log(0.6), 0.25)).toBeCloseTo(Math.log(0.25 * 0.2 + 0.75 * 0.6), 12)
    expect(mixLogProb(-Infinity, Math.log(0.6), 0.25)).toBeCloseTo(Math.log(0.75 * 0.6), 12)
    expect(mixLogProb(-1000, -1001, 0.5)).toBeCloseTo(Math.log(0.5) - 1000 + Math.log(1 + Math.exp(-1)), 8)
  })
  it('perplexity of a uniform distribution over V tokens is V', () => {
    expect(perplexity(new Array(10).fill(-Math.log(50)))).toBeCloseTo(50, 10)
    expect(() => perplexity([0, -Infinity])).toThrow(/infinite/)
  })
})

describe('bring your own numbers (.npy)', () => {
  for (const c of expected.cases) {
    it(`matches NumPy for lambda ${c.lambda}, k ${c.k}, T ${c.temperature} (float32 and float16 keys)`, async () => {
      const r32 = await evaluateImported({ ...files('keys-f32.npy'), lambda: c.lambda, k: c.k, temperature: c.temperature })
      expect(r32.ppl_lm).toBeCloseTo(c.ppl_lm, 4)
      expect(r32.ppl_knnlm).toBeCloseTo(c.ppl_knnlm_f32, 4)
      const r16 = await evaluateImported({ ...files('keys-f16.npy'), lambda: c.lambda, k: c.k, temperature: c.temperature })
      expect(r16.ppl_knnlm).toBeCloseTo(c.ppl_knnlm_f16, 4)
    })
  }
  it('sweeps lambda on imported numbers', async () => {
    const s = await sweepImported({ ...files('keys-f32.npy'), lambdas: [0, 0.25, 0.5], ks: [8], temperatures: [1], sizes: [0.5, 1] })
    expect(s.grid).toHaveLength(3)
    expect(s.lambdaCurve[0]!.ppl).toBeCloseTo(expected.cases[0]!.ppl_lm, 4)
    expect(s.lambdaCurve[1]!.ppl).toBeCloseTo(expected.cases[0]!.ppl_knnlm_f32, 4)
    expect(s.sizeCurve.map((p) => p.keys)).toEqual([150, 300])
  })
  it('refuses queries whose dimensions differ from the keys', async () => {
    await expect(evaluateImported({ ...files('keys-f32.npy'), queries: join(fx, 'queries-wrong-dims.npy') })).rejects.toThrow(/dimensions/)
  })
  it('refuses lambda = 1', async () => {
    await expect(evaluateImported({ ...files('keys-f32.npy'), lambda: 1 })).rejects.toThrow(/lambda/)
  })
})
