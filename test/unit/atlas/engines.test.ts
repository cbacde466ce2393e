/**
 * The atlas engines against scripts/reference/atlas-claims.py (NumPy / SciPy, committed output
 * test/fixtures/atlas/reference-claims.json) and against the published numbers each claim cites.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { capabilityPca, cutoffBacktest, familyCapabilityFits } from '../../../src/core/analysis/observational-scaling'
import { datablationsPoints, MUENNIGHOFF_C4 } from '../../../src/core/atlas/claims/datablations'
import { obsscalingModels } from '../../../src/core/atlas/claims/obsscaling'
import { routingRuns } from '../../../src/core/atlas/claims/routing'
import { dataConstrainedR2, fitDataConstrained } from '../../../src/core/fit/data-constrained-fit'
import { fitSaturatingRoutedLaw } from '../../../src/core/fit/routed-saturating'
import { projectRow } from '../../../src/core/numeric/pca'

const ROOT = join(__dirname, '..', '..', '..')
const ATLAS = join(ROOT, 'resources', 'atlas')
const ref = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'atlas', 'reference-claims.json'), 'utf8'))

describe('data-constrained law fit (Muennighoff et al. 2023)', () => {
  const points = datablationsPoints(join(ATLAS, 'datablations'))
  it('fits R_N* and R_D* on the 182 runs where the reference does, near the notebook output 5.309743 / 15.387756', () => {
    expect(points).toHaveLength(182)
    const fit = fitDataConstrained(MUENNIGHOFF_C4, points)
    expect(fit.rNStar).toBeCloseTo(ref.datablations.r_n_star, 3)
    expect(fit.rDStar).toBeCloseTo(ref.datablations.r_d_star, 2)
    expect(fit.objective).toBeCloseTo(ref.datablations.objective, 9)
    expect(Math.abs(fit.rNStar - 5.309743) / 5.309743).toBeLessThan(0.01)
    expect(Math.abs(fit.rDStar - 15.387756) / 15.387756).toBeLessThan(0.01)
  })
  it("gives R^2 0.7722046 at the paper's constants (notebook cell 34)", () => {
    expect(dataConstrainedR2(MUENNIGHOFF_C4, points, 5.309743, 15.387756)).toBeCloseTo(0.7722046, 6)
  })
  it('finds the lower minimum of the flat objective from a wide start grid, as SciPy does', () => {
    const starts = [0.5, 1, 2, 5, 10, 20, 50, 100, 200]
    const wide = fitDataConstrained(MUENNIGHOFF_C4, points, { rN: starts, rD: starts })
    expect(wide.objective).toBeCloseTo(ref.datablations.wide_objective, 8)
    expect(wide.rNStar).toBeCloseTo(ref.datablations.wide_r_n_star, 1)
  })
  it('refuses runs with more unique than total tokens', () => {
    expect(() => fitDataConstrained(MUENNIGHOFF_C4, [...points.slice(0, 5), { params: 1e8, tokens: 1e9, uniqueTokens: 2e9, loss: 3 }])).toThrow(/unique/)
  })
})

describe("Clark et al.'s routed law with saturating experts", () => {
  const runs = routingRuns(join(ATLAS, 'routing')).filter((r) => !r.skipped)
  for (const router of ['S-Base', 'RL-R', 'Hash'] as const) {
    it(`${router}: a, b, c, d and the residual as the SciPy variable projection`, () => {
      const fit = fitSaturatingRoutedLaw(runs.filter((r) => r.router === 'Dense' || r.router === router).map((r) => r.run))
      const want = ref.routing[router]
      expect(fit.n_points).toBe(want.n_points)
      expect(fit.mse_log10).toBeCloseTo(want.mse_log10, 12)
      expect(fit.a).toBeCloseTo(want.a, 4)
      expect(fit.b).toBeCloseTo(want.b, 3)
      expect(fit.c).toBeCloseTo(want.c, 4)
      expect(fit.d).toBeCloseTo(want.d, 3)
    })
  }
})

describe('observational scaling (Ruan et al. 2024)', () => {
  const models = obsscalingModels(join(ATLAS, 'obsscaling'))
  const x = models.map((m) => m.scores)
  const pca = capabilityPca(x)
  it('explains 0.8016, 0.1190, 0.0463 of the variance with PC1-3 on the 77 models (pca_check.csv)', () => {
    expect(models).toHaveLength(77)
    ref.obsscaling.evr.forEach((v: number, i: number) => expect(pca.explainedRatio[i]).toBeCloseTo(v, 6))
    expect(pca.explainedRatio[0]).toBeCloseTo(0.8016, 4)
    expect(pca.explainedRatio[0] + pca.explainedRatio[1] + pca.explainedRatio[2]).toBeCloseTo(0.967, 3)
  })
  it('fits PC1 against log10 FLOPs per family as NumPy does', () => {
    const { fits } = familyCapabilityFits(models.map((m, i) => ({ family: m.family, flops: m.flops, pc1: projectRow(pca, pca.imputed[i], 1)[0] })))
    expect(fits.map((f) => f.family)).toEqual(Object.keys(ref.obsscaling.families))
    for (const f of fits) {
      expect(f.slope).toBeCloseTo(ref.obsscaling.families[f.family].slope, 5)
      expect(f.r2).toBeCloseTo(ref.obsscaling.families[f.family].r2, 6)
    }
  })
  it('backtests at 1e23 FLOPs with the reference errors', () => {
    const bt = cutoffBacktest(x, models.map((m) => m.flops), 1e23, 3)
    const want = ref.obsscaling.backtest
    expect([bt.n_fit, bt.n_held_out, bt.n_predictions]).toEqual([want.n_fit, want.n_held_out, want.n_predictions])
    expect(bt.mae).toBeCloseTo(want.mae, 5)
    expect(bt.rmse).toBeCloseTo(want.rmse, 5)
  })
})
