/**
 * Approach 2 uses a budget only when its minimum is bracketed (src/core/fit/isoflop.ts). Reference: every budget's
 * used / reason / N_opt and the exponents a, b on the reconstructed Chinchilla data, computed independently by
 * scripts/reference/fit-isoflop.py (NumPy) into test/fixtures/chinchilla/isoflop-reference.json.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fitIsoflop, fitIsoflopGroup } from '../../../src/core/fit/isoflop'
import { runFit } from '../../../src/core/fit/fit-runner'
import type { ScalingPoint } from '../../../src/core/fit/types'
import { CHINCHILLA_CSV, loadChinchilla } from './chinchilla-data'

interface RefBudget {
  flops: number
  runs: number
  used: boolean
  reason?: string
  N_opt?: number
  loss?: number
  fitted?: string[]
}
const ref = JSON.parse(readFileSync(join(CHINCHILLA_CSV, '..', 'isoflop-reference.json'), 'utf8')) as { a: number; b: number; budgets: RefBudget[] }

describe('IsoFLOP budgets on the Chinchilla reconstruction (scripts/reference/fit-isoflop.py)', () => {
  const fit = fitIsoflop(loadChinchilla(0), 0.05)

  it('uses and skips the same budgets for the same reasons, fitting the same runs', () => {
    expect(fit.groups.map((g) => [g.runs.length, g.used, g.reason ?? null])).toEqual(ref.budgets.map((b) => [b.runs, b.used, b.reason ?? null]))
    fit.groups.forEach((g, i) => {
      expect(g.flops / ref.budgets[i].flops).toBeCloseTo(1, 12)
      if (ref.budgets[i].fitted) expect(g.fitted).toEqual(ref.budgets[i].fitted)
    })
    // the reference has every kind of skip that real data produces
    expect(new Set(ref.budgets.map((b) => b.reason).filter(Boolean))).toEqual(new Set(['minimum-at-edge', 'opens-downward', 'vertex-outside']))
  })

  it('finds the same vertices and exponents a, b (to 1e-9)', () => {
    fit.groups.forEach((g, i) => {
      const r = ref.budgets[i]
      if (!r.used) return expect(g.vertex).toBeUndefined()
      expect(g.vertex!.N / r.N_opt!).toBeCloseTo(1, 9)
      expect(g.vertex!.loss).toBeCloseTo(r.loss!, 9)
    })
    expect(fit.a).toBeCloseTo(ref.a, 9)
    expect(fit.b).toBeCloseTo(ref.b, 9)
    expect(fit.levels).toBe(ref.budgets.filter((b) => b.used).length)
  })

  it('says per budget why it was skipped, in the stored result', () => {
    const r = runFit('isoflop', loadChinchilla(0))
    const groups = (r.diagnostics as { groups: { used: boolean; reason?: string; rejected?: string }[] }).groups
    for (const g of groups.filter((x) => !x.used)) expect(g.rejected && g.reason).toBeTruthy()
  })
})

describe('IsoFLOP bracketing on synthetic profiles', () => {
  const budget = (losses: number[], sizes = losses.map((_, k) => 1e8 * Math.pow(10, 0.25 * k))): ScalingPoint[] =>
    losses.map((loss, k) => ({ run: `r${k}`, params: sizes[k], tokens: 1e20 / (6 * sizes[k]), flops: 1e20, loss }))

  it('fits only the lowest-loss run and two sizes either side, so a far-off run cannot bend the vertex', () => {
    // a clean parabola with its minimum at r3, plus a wild run at the small end that a full-profile fit would follow
    const losses = [9, 2.4, 2.1, 2.0, 2.1, 2.4, 2.9]
    const g = fitIsoflopGroup(1e20, budget(losses))
    expect(g.used).toBe(true)
    expect(g.fitted).toEqual(['r1', 'r2', 'r3', 'r4', 'r5'])
    expect(g.vertex!.N / (1e8 * Math.pow(10, 0.75))).toBeCloseTo(1, 9)
  })

  it('skips a budget whose best run is the smallest or the largest model, or ties with one', () => {
    expect(fitIsoflopGroup(1e20, budget([2.0, 2.1, 2.3, 2.6])).reason).toBe('minimum-at-edge')
    expect(fitIsoflopGroup(1e20, budget([2.6, 2.3, 2.1, 2.0])).reason).toBe('minimum-at-edge')
    expect(fitIsoflopGroup(1e20, budget([2.0, 2.3, 2.0, 2.6])).reason).toBe('minimum-at-edge')
  })

  it('skips a window that opens downward, and a budget of fewer than 3 sizes', () => {
    const w = fitIsoflopGroup(1e20, budget([1.0, 1.6, 0.9, 1.6, 1.0, 1.2].map((v) => v + 1)))
    expect(w.reason).toBe('opens-downward')
    expect(w.vertex).toBeUndefined()
    const two = fitIsoflopGroup(1e20, budget([2.2, 2.0, 2.1], [1e8, 1e9, 1e9]))
    expect(two.reason).toBe('too-few-sizes')
  })

  it('refuses the fit, listing every budget, when fewer than two are bracketed', () => {
    const points = [...budget([2.0, 2.1, 2.3]), ...budget([2.3, 2.1, 2.0]).map((p) => ({ ...p, run: `b${p.run}`, flops: 1e21, tokens: 1e21 / (6 * p.params) }))]
    expect(() => fitIsoflop(points)).toThrow(/2 compute budgets whose minimum is bracketed; found 0 of 2.*smallest model sampled.*largest model sampled/)
  })
})
