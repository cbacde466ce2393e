/**
 * The order tests behind the trend verdict (trend-order-test.ts) against scripts/reference/trend-order-test.py
 * (numpy, its own pool-adjacent-violators and unimodal regression): every fit's chi^2, both likelihood-ratio
 * statistics and the steps in units of their errors agree to rounding; the bootstrap p-values agree to
 * Monte-Carlo error (different generators, 4,000 draws each). Then the verdicts on the documented synthetic
 * cases and on real public data (Pythia lambada / piqa and arithmetic, GPT-2 BoolQ over four sizes).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { classifyTrend, type TrendResult } from '../../../src/core/analysis/trend-shape'
import { isotonic, orderChi2, orderFits, unimodal } from '../../../src/core/analysis/trend-order-test'
import { evalPointsFromPredictions } from '../../../src/core/analysis/prediction-metrics'
import type { EvalPoint } from '../../../src/core/analysis/types'
import { boolqPredictions, pythiaArithmetic, pythiaLambadaPiqa } from './load-fixtures'

interface RefCase {
  sizes: number[]
  values: number[]
  se: number[]
  sigma: number | null
  chi2: Record<'flat' | 'positive' | 'inverse' | 'u_shaped' | 'inverted_u', number>
  trend: { statistic: number; p_value: number }
  turn: { statistic: number; p_value: number }
  steps_z: number[]
}
const REF = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'trend', 'order-test-reference.json'), 'utf8')).cases as Record<string, RefCase>

/** The synthetic cases as evaluations (lower-is-better for the loss), stderr when the reference had it. */
function synthetic(name: string, metric = 'acc', withErrors = true): EvalPoint[] {
  const c = REF[name]
  return c.sizes.map((params, i) => ({ model: `m${i}`, params, task: name, metric, value: c.values[i], ...(withErrors ? { stderr: c.se[i] } : {}) }))
}

const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)))

function agrees(r: TrendResult, ref: RefCase): void {
  expect(r.points.map((p) => p.x)).toEqual(ref.sizes)
  r.points.forEach((p, i) => close(p.value, ref.values[i]))
  const test = r.evidence.test!
  expect(test).not.toBeNull()
  for (const k of ['flat', 'positive', 'inverse', 'u_shaped', 'inverted_u'] as const) close(test.chi2[k], ref.chi2[k])
  close(test.trend.statistic, ref.trend.statistic)
  close(test.turn.statistic, ref.turn.statistic)
  r.evidence.steps.forEach((s, i) => close(s.z, ref.steps_z[i]))
  if (ref.sigma === null) expect(test.sigma).toBeNull()
  else close(test.sigma!, ref.sigma)
  // Monte-Carlo p-values: 4,000 draws each side, so within 0.02 of each other (and on the same side of 0.05 here)
  expect(Math.abs(test.trend.p_value - ref.trend.p_value)).toBeLessThan(0.02)
  expect(Math.abs(test.turn.p_value - ref.turn.p_value)).toBeLessThan(0.02)
}

describe('isotonic and unimodal regression (hand-checked cases)', () => {
  it('pools adjacent violators with weights', () => {
    expect(isotonic([1, 3, 2, 4], [1, 1, 1, 1])).toEqual([1, 2.5, 2.5, 4])
    // weights 1 and 3: the pooled mean is (3 + 3) / 4 = 1.5
    expect(isotonic([3, 1], [1, 3])).toEqual([1.5, 1.5])
    expect(unimodal([1, 3, 2], [1, 1, 1])).toEqual([1, 3, 2])
    // a valley is not unimodal: the best up-then-down fit of 2, 1, 2 pools two of them
    expect(orderFits([2, 1, 2], [1, 1, 1]).chi2['inverted-u']).toBeCloseTo(0.5, 12)
    expect(orderFits([2, 1, 2], [1, 1, 1]).chi2['u-shaped']).toBe(0)
  })

  it('computes the same chi^2 in the fast inner loop as from the fits', () => {
    const y = [0.3, 0.5, 0.2, 0.6, 0.55, 0.1, 0.4]
    const w = [1, 2, 0.5, 4, 1, 3, 2]
    const slow = orderFits(y, w).chi2
    const fast = orderChi2(y, w)
    for (const k of Object.keys(slow) as (keyof typeof slow)[]) expect(fast[k]).toBeCloseTo(slow[k], 12)
  })
})

describe('trend verdicts on documented synthetic cases (scripts/reference/trend-order-test.py)', () => {
  it('calls a steadily falling loss over four sizes with small errors standard scaling, not insufficient', () => {
    const r = classifyTrend(synthetic('synthetic-loss-steady', 'loss'))[0]
    agrees(r, REF['synthetic-loss-steady'])
    expect(r.higher_is_better).toBe(false)
    expect(r.shape).toBe('positive')
    // steps of -0.5, -0.4, -0.3 with errors 0.02 * sqrt(2): z = -17.7, -14.1, -10.6
    expect(r.evidence.steps.map((s) => Number(s.z.toFixed(1)))).toEqual([-17.7, -14.1, -10.6])
    expect(r.evidence.reason).toMatch(/^The task improves with scale \(standard scaling\): a monotone fit beats a flat one/)
    expect(r.evidence.errors).toBe('Errors: the standard errors given with the evaluations.')
  })

  it('finds inverse scaling, a U, and keeps insufficient for genuinely noisy data', () => {
    const inv = classifyTrend(synthetic('synthetic-inverse'))[0]
    agrees(inv, REF['synthetic-inverse'])
    expect(inv.shape).toBe('inverse')
    const u = classifyTrend(synthetic('synthetic-u'))[0]
    agrees(u, REF['synthetic-u'])
    expect(u.shape).toBe('u-shaped')
    expect(u.evidence.test!.turn.at).toBe(1.6e9)
    const noisy = classifyTrend(synthetic('synthetic-flat-noisy'))[0]
    agrees(noisy, REF['synthetic-flat-noisy'])
    expect(noisy.shape).toBe('insufficient')
    const precise = classifyTrend(synthetic('synthetic-flat-precise'))[0]
    agrees(precise, REF['synthetic-flat-precise'])
    expect(precise.shape).toBe('flat')
  })

  it('without errors, estimates one from the scatter and says so', () => {
    const r = classifyTrend(synthetic('synthetic-no-errors', 'acc', false))[0]
    agrees(r, REF['synthetic-no-errors'])
    expect(r.evidence.noise).toBe('residual')
    expect(r.evidence.errors).toMatch(/^No size has a known error: equal errors at every size were assumed, estimated from the scatter around a quadratic in log size \(sigma = [\d.]+, 3 degrees of freedom\)\.$/)
    expect(r.shape).toBe('positive')
  })
})

describe('trend verdicts on real public data', () => {
  it('Pythia v1 lambada and piqa at the final checkpoint: standard scaling in both families', () => {
    const pythia = pythiaLambadaPiqa()
    for (const task of ['lambada_openai', 'piqa'])
      for (const family of ['pythia', 'pythia-deduped']) {
        const r = classifyTrend(pythia, { task, family })[0]
        agrees(r, REF[`pythia-${task}-${family}`])
        expect(r.shape, `${task} ${family}`).toBe('positive')
      }
  })

  it('Pythia-deduped arithmetic (shot counts pooled as runs)', () => {
    const arith = pythiaArithmetic()
    const add = classifyTrend(arith, { task: 'arithmetic_addition_2operand_x1_0to99', poolShots: true })[0]
    agrees(add, REF['arithmetic-addition'])
    expect(add.evidence.noise).toBe('runs')
    expect(add.shape).toBe('positive')
    const mult = classifyTrend(arith, { task: 'arithmetic_multiplication_2operand_x1_0to99', poolShots: true })[0]
    agrees(mult, REF['arithmetic-multiplication'])
    expect(mult.shape).toBe('positive')
  })

  it('GPT-2 BoolQ accuracy over four sizes, with the item count n on every point', () => {
    const points = evalPointsFromPredictions(boolqPredictions(), ['accuracy'])
    const one = classifyTrend(points, { task: 'boolq-1shot-gpt2' })[0]
    agrees(one, REF['boolq-1shot'])
    expect(one.points.map((p) => p.n)).toEqual([3270, 3270, 3270, 3270])
    expect(one.shape).toBe('positive')
    // 0-shot: 0.536, 0.598, 0.619, then 0.572 for gpt2-xl (steps +5.1, +1.7, -3.9 errors): up, then down
    const zero = classifyTrend(points, { task: 'boolq-0shot-gpt2' })[0]
    agrees(zero, REF['boolq-0shot'])
    expect(zero.shape).toBe('inverted-u')
    expect(zero.evidence.test!.turn.at).toBe(7.7403e8)
    expect(zero.evidence.test!.turn.arms.before).toBeCloseTo(0.0829, 4)
    expect(zero.evidence.test!.turn.arms.after).toBeCloseTo(-0.0468, 4)
  })
})
