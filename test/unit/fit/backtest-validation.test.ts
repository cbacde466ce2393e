import { describe, expect, it } from 'vitest'
import { LabError } from '../../../src/shared/errors'
import { backtest } from '../../../src/core/fit/backtest'
import { runFit } from '../../../src/core/fit/fit-runner'
import { checkLawFit } from '../../../src/core/fit/fit-laws'
import type { ScalingPoint } from '../../../src/core/fit/types'
import { syntheticRuns } from './synthetic'

const exact = syntheticRuns((N, D) => Math.pow(3.1e8 * 8.64e19 / (6 * N * D), 0.05), { n: 30, seed: 8, noise: 0 })

function labError(fn: () => unknown): LabError {
  try {
    fn()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a LabError')
}

describe('backtest', () => {
  it('predicts runs above the cut-off without error when the law is exact', () => {
    const cutoff = [...exact].sort((a, b) => a.flops - b.flops)[20].flops
    const r = backtest('kaplan-c', exact, {}, cutoff)
    expect(r.n_train).toBe(20)
    expect(r.n_test).toBe(10)
    expect(r.mae).toBeLessThan(1e-12)
    expect(r.rows.every((row) => row.flops >= cutoff)).toBe(true)
  })

  it('computes MAE, RMSE and mean relative error from the per-run errors', () => {
    // train on an exact power law, then perturb the test runs by known amounts: errors are -0.1 and +0.2 etc.
    const sorted = [...exact].sort((a, b) => a.flops - b.flops)
    const cutoff = sorted[26].flops
    const bumps = [0.1, -0.2, 0.3, -0.4]
    const points: ScalingPoint[] = sorted.map((p, i) => (i >= 26 ? { ...p, loss: p.loss + bumps[i - 26] } : p))
    const r = backtest('kaplan-c', points, {}, cutoff)
    expect(r.mae).toBeCloseTo(0.25, 10)
    expect(r.rmse).toBeCloseTo(Math.sqrt((0.01 + 0.04 + 0.09 + 0.16) / 4), 10)
    const expectedRel = bumps.reduce((s, b, i) => s + Math.abs(b) / points[26 + i].loss, 0) / 4
    expect(r.mean_relative_error).toBeCloseTo(expectedRel, 10)
    // reachable through runFit as well
    expect(runFit('kaplan-c', points, { flopsCutoff: cutoff }).backtest!.mae).toBeCloseTo(0.25, 10)
  })

  it('explains cut-offs that leave nothing to predict or too little to fit', () => {
    expect(labError(() => backtest('kaplan-c', exact, {}, 1e40)).message).toMatch(/nothing to predict/)
    const lowest = Math.min(...exact.map((p) => p.flops))
    const e = labError(() => backtest('kaplan-c', exact, {}, lowest * 1.0000001))
    expect(e.code).toBe('fit-too-few-points')
    expect(e.message).toMatch(/Backtest/)
  })
})

describe('validation: clear errors, never NaN parameters', () => {
  const good = exact.slice(0, 10)

  it('rejects an empty selection', () => {
    expect(labError(() => runFit('kaplan-n', [])).code).toBe('fit-no-points')
  })

  it('rejects non-positive and non-finite values, naming the run and the field', () => {
    const bad = [...good]
    bad[3] = { ...bad[3], loss: -1 }
    const e = labError(() => runFit('kaplan-n', bad))
    expect(e.code).toBe('fit-invalid-value')
    expect(e.message).toContain(bad[3].run)
    expect(e.message).toContain('loss')
    const nan = [...good]
    nan[0] = { ...nan[0], params: NaN }
    expect(labError(() => runFit('chinchilla', nan)).message).toMatch(/params = NaN/)
    const experts = [...good]
    experts[1] = { ...experts[1], experts: 0 }
    expect(labError(() => runFit('routed', experts)).code).toBe('fit-invalid-value')
  })

  it('rejects too few points or too little variation for the law', () => {
    expect(labError(() => runFit('chinchilla', good.slice(0, 5))).code).toBe('fit-too-few-points')
    expect(labError(() => runFit('kaplan-n', good.map((p) => ({ ...p, params: 1e9 })))).message).toMatch(/distinct values of parameter counts/)
    expect(labError(() => runFit('kaplan-n', good.slice(0, 2), { irreducible: true })).code).toBe('fit-too-few-points')
    expect(labError(() => runFit('routed', good)).message).toMatch(/expert count/)
    expect(labError(() => runFit('isoflop', good)).code).toBe('fit-too-few-points')
  })

  it('rejects bad options and unknown laws', () => {
    expect(labError(() => runFit('kaplan-n', good, { bootstrap: -1 })).code).toBe('fit-bad-option')
    expect(labError(() => runFit('kaplan-n', good, { budget: 0 })).code).toBe('fit-bad-option')
    expect(labError(() => runFit('nope' as 'kaplan-n', good)).code).toBe('fit-unknown-law')
  })

  it('turns an optimiser that did not converge, or a non-finite parameter, into an error', () => {
    const base = { objective: 1, objectiveKind: 'x', iterations: 1000, diagnostics: { stop_reason: 'max-iterations' } }
    expect(labError(() => checkLawFit('chinchilla', { ...base, params: { E: 1 }, converged: false })).message).toMatch(/did not converge \(max-iterations\)/)
    expect(labError(() => checkLawFit('chinchilla', { ...base, params: { E: NaN }, converged: true })).code).toBe('fit-not-converged')
  })
})
