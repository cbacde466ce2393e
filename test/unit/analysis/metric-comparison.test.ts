import { describe, expect, it } from 'vitest'
import { metricComparison } from '../../../src/core/analysis/metric-comparison'
import type { EvalPoint, PredictionRow } from '../../../src/core/analysis/types'
import { LabError } from '../../../src/shared/errors'
import { seededRandom } from '../../../src/core/random'

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

  it('names shot counts, not families, when a metric has one series per shot count', () => {
    const two = [0, 2].flatMap((shots) => schaefferPoints().map((p) => ({ ...p, shots })))
    expect(() => metricComparison(two, { task: 'add' })).toThrow(/shot counts 0, 2 for metric "exact_match": one series each/)
  })
})
