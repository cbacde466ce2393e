/**
 * The predictive interval against scripts/reference/forecast-interval.py (NumPy/SciPy, run on the same 240 Chinchilla
 * runs with the same resample indices and residual picks, both written to the fixture). Tolerance: the two sides
 * minimise the same Huber objective with different L-BFGS codes, so optima differ slightly: the full fits agree to
 * 5e-7 relative, loss interval ends to 6e-8 and N_opt, D_opt ends to 1.3e-6 (seen when the fixture was written); the
 * tolerances below are about ten times those gaps.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chinchillaData, weightedChinchillaData } from '../../../src/core/fit/chinchilla-objective'
import { chinchillaVectorFromParams } from '../../../src/core/fit/chinchilla-law'
import { fitLaw } from '../../../src/core/fit/fit-laws'
import { checkTarget, forecastInterval, residualIndex } from '../../../src/core/fit/forecast-interval'
import { HOFFMANN_START } from '../../../src/core/fit/chinchilla-mle'
import { loadChinchilla } from './chinchilla-data'

interface Reference {
  seed: number
  full: Record<string, number>
  resample_indices: number[][]
  residual_indices: number[]
  budgets: { flops: number; loss: number; N_opt: number; D_opt: number; loss_interval: [number, number]; law_interval: [number, number]; N_interval: [number, number]; D_interval: [number, number] }[]
}

const ref = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'forecast', 'chinchilla-forecast-reference.json'), 'utf8')) as Reference
const points = loadChinchilla()

function close(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(rel)
}

describe('forecast interval (reference: scripts/reference/forecast-interval.py)', () => {
  const full = fitLaw('chinchilla', points, {}, {}, { vector: chinchillaVectorFromParams(HOFFMANN_START) })
  const base = chinchillaData(points)
  const samples = ref.resample_indices.map((idx) => {
    const counts = new Int32Array(points.length)
    for (const i of idx) counts[i]++
    return fitLaw('chinchilla', points, {}, {}, { vector: full.vector!, data: weightedChinchillaData(base, counts) }).params
  })

  it('fits the same full-data optimum', () => {
    for (const k of ['E', 'A', 'B', 'alpha', 'beta']) close(full.params[k], ref.full[k], 5e-6)
  })

  for (const b of ref.budgets) {
    it(`gives SciPy's loss, N_opt and D_opt intervals at C = ${b.flops.toExponential(2)}`, () => {
      const f = forecastInterval(full.params, samples, points, { flops: b.flops }, ref.seed, 0.95, (k) => ref.residual_indices[k])
      close(f.loss.value, b.loss, 1e-6)
      f.loss.interval.forEach((v, i) => close(v, b.loss_interval[i], 1e-6))
      f.loss.law_interval.forEach((v, i) => close(v, b.law_interval[i], 1e-6))
      f.N_opt!.interval.forEach((v, i) => close(v, b.N_interval[i], 2e-5))
      f.D_opt!.interval.forEach((v, i) => close(v, b.D_interval[i], 2e-5))
      // the predictive interval holds the law's interval widened by the runs' scatter
      expect(f.loss.interval[1] - f.loss.interval[0]).toBeGreaterThan(f.loss.law_interval[1] - f.loss.law_interval[0])
      expect(f.failed).toBe(0)
      expect(f.resamples).toBe(ref.resample_indices.length)
    })
  }

  it('draws residual picks from the seed, reproducibly, and refuses an ambiguous target', () => {
    const picks = Array.from({ length: 200 }, (_, k) => residualIndex(240, 3, k))
    expect(picks).toEqual(Array.from({ length: 200 }, (_, k) => residualIndex(240, 3, k)))
    expect(new Set(picks).size).toBeGreaterThan(100)
    expect(() => checkTarget({ flops: 1e22, params: 1e9, tokens: 2e10 })).toThrow(/not both/)
    expect(() => checkTarget({ params: 1e9 })).toThrow(/either/)
  })

  it('refuses an interval from fewer than 20 usable resamples', () => {
    expect(() => forecastInterval(full.params, samples.slice(0, 10), points, { flops: 1e24 }, 1)).toThrow(/at least 20/)
  })
})
