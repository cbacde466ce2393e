import { describe, expect, it } from 'vitest'
import { twoStepPrediction } from '../../../src/core/analysis/two-step-prediction'
import { fitTaskLoss } from '../../../src/core/analysis/task-loss-law'
import type { EvalPoint } from '../../../src/core/analysis/types'
import { LabError } from '../../../src/shared/errors'
import { seededRandom } from '../../../src/core/random'

/**
 * A ladder in the manner of Bhagia et al. 2024 (arXiv 2412.04403): four small sizes, each trained to
 * 1, 2, 5 and 10 times 20 tokens per parameter, plus two large targets. Task loss follows the Chinchilla
 * form with Hoffmann et al. 2022's published Approach-3 values (E 1.69, A 406.4, B 410.7, alpha 0.34,
 * beta 0.28; REFERENCES.md), accuracy a sigmoid of it: Acc = 0.7 / (1 + exp(6 (L - 2.5))) + 0.25.
 */
const LAW = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }
const loss = (N: number, D: number): number => LAW.E + LAW.A / N ** LAW.alpha + LAW.B / D ** LAW.beta
const accuracy = (L: number): number => 0.7 / (1 + Math.exp(6 * (L - 2.5))) + 0.25

function ladder(noise = 0, seed = 1): EvalPoint[] {
  const rng = seededRandom(seed)
  const pts: EvalPoint[] = []
  const runs: { model: string; N: number; D: number }[] = []
  for (const N of [190e6, 370e6, 760e6, 1.3e9]) for (const mult of [1, 2, 5, 10]) runs.push({ model: `n${N / 1e6}m-x${mult}`, N, D: 20 * N * mult })
  runs.push({ model: 'n7b', N: 7e9, D: 20 * 7e9 * 2 }, { model: 'n13b', N: 13e9, D: 20 * 13e9 * 2 })
  for (const r of runs)
    for (const frac of [0.25, 0.5, 0.75, 1]) {
      const D = r.D * frac
      const L = loss(r.N, D) + noise * rng.normal()
      const common = { model: r.model, params: r.N, tokens: D, task: 'hellaswag', checkpoint: Math.round(frac * 1000) }
      pts.push({ ...common, metric: 'task_loss', value: L })
      pts.push({ ...common, metric: 'acc', value: accuracy(L) + noise * rng.normal() })
    }
  return pts
}

describe('two-step prediction (Bhagia et al. 2024)', () => {
  it('recovers the published Chinchilla law from exact ladder losses', () => {
    const N: number[] = []
    const D: number[] = []
    const L: number[] = []
    for (const n of [1e8, 3e8, 1e9, 3e9]) for (const m of [1, 3, 10]) {
      N.push(n)
      D.push(20 * n * m)
      L.push(loss(n, 20 * n * m))
    }
    const law = fitTaskLoss(N, D, L, 'N,D')
    expect(law.alpha).toBeCloseTo(0.34, 2)
    expect(law.beta).toBeCloseTo(0.28, 2)
    expect(law.E).toBeCloseTo(1.69, 1)
  })

  it('predicts the held-out 7B and 13B accuracies from the small ladder', () => {
    const r = twoStepPrediction(ladder(), { task: 'hellaswag', lossMetric: 'task_loss', accuracyMetric: 'acc', holdout: 2 })
    expect(r.step1.form).toBe('N,D')
    expect(r.ladder).toHaveLength(16)
    expect(r.held_out).toEqual(['n7b', 'n13b'])
    for (const b of r.backtest) {
      expect(Math.abs(b.loss_error) / b.actual_loss).toBeLessThan(0.01)
      expect(Math.abs(b.accuracy_error)).toBeLessThan(0.01)
      expect(Math.abs(b.accuracy_from_actual_loss - b.actual_accuracy)).toBeLessThan(0.005)
    }
    expect(r.step2.k).toBeLessThan(0)
    expect(r.step2.points.length).toBe(64)
  })

  it('stays close with noisy evaluations and predicts further targets', () => {
    const r = twoStepPrediction(ladder(0.01, 3), {
      task: 'hellaswag',
      lossMetric: 'task_loss',
      accuracyMetric: 'acc',
      holdout: 2,
      targets: [{ params: 70e9, tokens: 1.4e12, label: 'chinchilla-70b' }],
    })
    for (const b of r.backtest) expect(Math.abs(b.accuracy_error)).toBeLessThan(0.05)
    const target = r.predictions[0]
    expect(target.label).toBe('chinchilla-70b')
    // a 50-fold extrapolation from 1% noise: within 5% in loss and 0.05 in accuracy
    expect(Math.abs(target.loss - loss(70e9, 1.4e12)) / loss(70e9, 1.4e12)).toBeLessThan(0.05)
    expect(Math.abs(target.accuracy - accuracy(loss(70e9, 1.4e12)))).toBeLessThan(0.05)
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
  })

  it('refuses a ladder too small for the law and a task without both metrics', () => {
    const few = ladder().filter((p) => p.model.startsWith('n190m') || p.model === 'n7b')
    expect(() => twoStepPrediction(few, { task: 'hellaswag', lossMetric: 'task_loss', accuracyMetric: 'acc' })).toThrow(LabError)
    expect(() => twoStepPrediction(few, { task: 'hellaswag', lossMetric: 'task_loss', accuracyMetric: 'acc' })).toThrow(/at least 3 sizes/)
    expect(() => twoStepPrediction(ladder(), { task: 'hellaswag', lossMetric: 'bpb', accuracyMetric: 'acc' })).toThrow(/both "bpb" and "acc"/)
  })
})
