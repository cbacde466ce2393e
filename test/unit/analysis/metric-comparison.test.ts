import { describe, expect, it } from 'vitest'
import { metricComparison } from '../../../src/core/analysis/metric-comparison'
import type { EvalPoint, PredictionRow } from '../../../src/core/analysis/types'
import { LabError } from '../../../src/shared/errors'
import { seededRandom } from '../../../src/core/random'
import { pythiaArithmetic } from './load-fixtures'

/**
 * Schaeffer et al. 2023 (arXiv 2304.15004), section 2: per-token cross-entropy falling as a power law in
 * N, CE(N) = (N / 1e9)^-0.7, makes the exact match of a 10-token answer, exp(-CE)^10, look like a jump
 * while the answer's log-likelihood, -10 CE, changes smoothly.
 */
function schaefferPoints(jumpInModels = false): EvalPoint[] {
  const pts: EvalPoint[] = []
  for (let u = 7; u <= 11.01; u += 0.5) {
    const N = 10 ** u
    const ce = jumpInModels ? (u < 9.6 ? 6 : 0.05) : (N / 1e9) ** -0.7
    pts.push({ model: `m${u}`, params: N, task: 'add', metric: 'exact_match', value: Math.exp(-ce) ** 10 })
    pts.push({ model: `m${u}`, params: N, task: 'add', metric: 'log_likelihood', value: -10 * ce })
  }
  return pts
}

describe('the metric question (Schaeffer et al. 2023)', () => {
  it('sees the jump in exact match but not in log-likelihood: metric-induced', () => {
    const r = metricComparison(schaefferPoints(), { task: 'add' })
    const em = r.metrics.find((m) => m.metric === 'exact_match')!
    const ll = r.metrics.find((m) => m.metric === 'log_likelihood')!
    expect(em.kind).toBe('emergent')
    expect(em.continuous).toBe(false)
    expect(ll.kind).toBe('smooth')
    expect(ll.continuous).toBe(true)
    expect(r.verdict).toBe('metric-induced')
    // normalised curves run from 0 (worst size) to 1 (best size)
    expect(em.normalized[0].normalized).toBe(0)
    expect(em.normalized[em.normalized.length - 1].normalized).toBe(1)
    expect(ll.normalized[0].normalized).toBe(0)
  })

  it('says in-the-models when the continuous metric jumps too', () => {
    const r = metricComparison(schaefferPoints(true), { task: 'add' })
    expect(r.metrics.every((m) => m.kind === 'emergent')).toBe(true)
    expect(r.verdict).toBe('in-the-models')
  })

  it('derives accuracy, log-likelihood and Brier score from per-example predictions', () => {
    const rng = seededRandom(4)
    const rows: PredictionRow[] = []
    for (let u = 7; u <= 11.01; u += 0.5) {
      const pCorrect = Math.exp(-((10 ** u / 1e9) ** -0.7))
      for (let i = 0; i < 300; i++) {
        const probability = Math.min(1, Math.max(0, pCorrect + 0.05 * rng.normal()))
        // a two-option question: the pick is right when the correct answer has more than half
        rows.push({ model: `m${u}`, params: 10 ** u, task: 'qa', item: `q${i}`, probability, correct: probability > 0.5 ? 1 : 0 })
      }
    }
    const r = metricComparison([], { task: 'qa', predictions: rows })
    expect(r.metrics.map((m) => m.metric)).toEqual(['accuracy', 'brier', 'log_likelihood'])
    expect(r.metrics.find((m) => m.metric === 'brier')!.higher_is_better).toBe(false)
    expect(['metric-induced', 'in-the-models', 'no-jump']).toContain(r.verdict)
  })

  it('needs two metrics', () => {
    const only = schaefferPoints().filter((p) => p.metric === 'exact_match')
    expect(() => metricComparison(only, { task: 'add' })).toThrow(LabError)
    const r = metricComparison(
      [...only, ...only.map((p) => ({ ...p, metric: 'acc_norm' }))],
      { task: 'add' },
    )
    expect(r.verdict).toBe('no-continuous-metric')
  })

  it('reads one shot count: the smallest by default (said), the one asked for, or all pooled', () => {
    // at 2 shots the per-token cross-entropy is halved, so the two series differ at every size
    const two = [0, 2].flatMap((shots) => schaefferPoints().map((p) => ({ ...p, shots, value: shots === 2 && p.metric === 'log_likelihood' ? p.value / 2 : p.value })))
    const firstLl = schaefferPoints().find((p) => p.metric === 'log_likelihood')!.value
    const byDefault = metricComparison(two, { task: 'add' })
    expect(byDefault).toMatchObject({ shots: 0, shots_available: [0, 2], shots_by_default: true, pooled_shots: false, verdict: 'metric-induced' })
    expect(byDefault.warnings.join(' ')).toMatch(/Shot counts 0, 2 present: compared at 0-shot/)
    expect(byDefault.metrics.find((m) => m.metric === 'log_likelihood')!.normalized[0].value).toBeCloseTo(firstLl, 12)
    const at2 = metricComparison(two, { task: 'add', shots: 2 })
    expect(at2).toMatchObject({ shots: 2, shots_by_default: false, warnings: [] })
    expect(at2.metrics.find((m) => m.metric === 'log_likelihood')!.normalized[0].value).toBeCloseTo(firstLl / 2, 12)
    const pooled = metricComparison(two, { task: 'add', poolShots: true })
    expect(pooled).toMatchObject({ shots: null, pooled_shots: true })
    expect(pooled.metrics.find((m) => m.metric === 'log_likelihood')!.normalized[0].value).toBeCloseTo((3 * firstLl) / 4, 12)
    expect(() => metricComparison(two, { task: 'add', shots: 5 })).toThrow(/no 5-shot evaluations \(shot counts: 0, 2\)/)
  })

  it('on the real Pythia arithmetic (5 shot counts, one metric) refuses for want of a second metric, not for the shots', () => {
    const arithmetic = pythiaArithmetic().filter((p) => p.checkpoint === 143000)
    expect(new Set(arithmetic.map((p) => p.shots)).size).toBe(5)
    expect(() => metricComparison(arithmetic, { task: 'arithmetic_addition_2operand_x1_0to99' })).toThrow(/only the metric "exact_match_acc_mean_over_x1"; the metric question needs two/)
  })
})
