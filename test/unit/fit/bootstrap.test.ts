import { describe, expect, it } from 'vitest'
import { bootstrapRange, resampleCounts, summarizeBootstrap } from '../../../src/core/fit/bootstrap'
import { bootstrapFit, predictLoss, runFit } from '../../../src/core/fit/fit-runner'
import { fitLaw } from '../../../src/core/fit/fit-laws'
import { quantile, sampleSd } from '../../../src/core/numeric/stats'
import { loadChinchilla } from './chinchilla-data'
import { syntheticRuns } from './synthetic'

const kaplanPoints = syntheticRuns((N) => Math.pow(8.8e13 / N, 0.076), { n: 40, seed: 17, noise: 0.01, nRange: [1e6, 1e10] })

describe('bootstrap resamples', () => {
  it('are reproducible from the seed and independent of how the range is split', () => {
    const a = resampleCounts(50, 7, 3)
    expect(Array.from(a)).toEqual(Array.from(resampleCounts(50, 7, 3)))
    expect(a.reduce((s, v) => s + v, 0)).toBe(50)
    expect(Array.from(resampleCounts(50, 8, 3))).not.toEqual(Array.from(a))
    const full = fitLaw('kaplan-n', kaplanPoints)
    const input = { law: 'kaplan-n' as const, points: kaplanPoints, options: { seed: 5 }, full }
    const whole = bootstrapRange({ ...input, start: 0, end: 6 })
    const split = [...bootstrapRange({ ...input, start: 0, end: 2 }), ...bootstrapRange({ ...input, start: 2, end: 6 })]
    expect(split).toEqual(whole)
  })

  it('summarises standard errors (n - 1) and type-7 percentile intervals', () => {
    const samples = [1, 2, 3, 4, 5].map((v) => ({ x: v }))
    const s = summarizeBootstrap([...samples, null], 0.5)
    expect(s.se.x).toBeCloseTo(sampleSd([1, 2, 3, 4, 5]), 14)
    expect(s.se.x).toBeCloseTo(Math.sqrt(2.5), 14)
    expect(s.ci.x).toEqual([2, 4])
    expect(s.failed).toBe(1)
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5)
  })

  it('gives the same answer in worker threads as in this thread', async () => {
    const options = { bootstrap: 60, seed: 3 }
    const here = runFit('kaplan-n', kaplanPoints, options)
    let last = 0
    const threaded = await bootstrapFit('kaplan-n', kaplanPoints, options, { workers: 2, onProgress: (f) => (last = f) })
    expect(threaded.diagnostics?.bootstrap_threads).toBe(2)
    expect(threaded.se).toEqual(here.se)
    expect(threaded.ci).toEqual(here.ci)
    expect(last).toBe(1)
    // the band brackets the central curve and is drawn from the smallest N to 10x the largest
    const band = threaded.band!
    expect(band.x).toBe('params')
    expect(band.points.length).toBe(40)
    for (const p of band.points) {
      expect(p.lo).toBeLessThanOrEqual(p.y * (1 + 1e-9))
      expect(p.hi).toBeGreaterThanOrEqual(p.y * (1 - 1e-9))
    }
  }, 60_000)
})

describe('Chinchilla bootstrap (Besiroglu et al. 2024)', () => {
  it('lands near the published standard errors 0.026, 124.52, 1293.28, 0.015, 0.021', () => {
    // 150 resamples only, to keep the test quick: the SEs themselves then scatter by about 6-12 %, more for the
    // heavy-tailed B, so the tolerances are loose (25 % for E, alpha, beta; 35 % for A and B).
    const r = runFit('chinchilla', loadChinchilla(), { bootstrap: 150, seed: 1 })
    const se = r.se!
    const near = (value: number, published: number, tol: number): void => expect(Math.abs(value / published - 1)).toBeLessThan(tol)
    near(se.E, 0.026, 0.25)
    near(se.A, 124.52, 0.35)
    near(se.B, 1293.28, 0.35)
    near(se.alpha, 0.015, 0.25)
    near(se.beta, 0.021, 0.25)
    // every derived quantity has an interval too, containing its point estimate
    for (const k of ['a', 'b', 'N_opt', 'D_opt', 'tokens_per_param', 'loss_opt', 'loss_10x']) {
      expect(se[k]).toBeGreaterThan(0)
      const [lo, hi] = r.ci![k]
      expect(lo).toBeLessThanOrEqual(r.derived[k])
      expect(hi).toBeGreaterThanOrEqual(r.derived[k])
    }
    expect(r.band!.x).toBe('flops')
    // the result is plain JSON and names the parameters E A B alpha beta
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
    expect(Object.keys(r.params)).toEqual(['E', 'A', 'B', 'alpha', 'beta'])
    expect(predictLoss(r, { params: 70e9, tokens: 1.4e12, flops: 5.88e23 })).toBeCloseTo(r.params.E + r.params.A / 70e9 ** r.params.alpha + r.params.B / 1.4e12 ** r.params.beta, 12)
  }, 60_000)
})
