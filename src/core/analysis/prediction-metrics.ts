/**
 * Per-example predictions as task metrics, so the same models can be seen on a discontinuous and on
 * continuous metrics (Schaeffer et al. 2023, arXiv 2304.15004):
 *   accuracy        mean correct_i                              (exact match of the chosen answer)
 *   log_likelihood  mean log p_i, p_i clipped to [1e-12, 1]     (p_i = probability of the correct answer)
 *   brier           mean (confidence_i - correct_i)^2           (top-label Brier score; on a binary task
 *                   this equals mean (1 - p_i)^2, half the two-class Brier score)
 * Items are the rows' `item` ids; for each model the contributions are kept per item so a bootstrap can
 * resample the same items for every model (paired resampling).
 */
import type { EvalPoint, PredictionRow } from './types'
import { groupBy } from './size-series'
import { validatePredictionRows } from './validate'

export const PREDICTION_METRICS = ['accuracy', 'log_likelihood', 'brier'] as const
export type PredictionMetric = (typeof PREDICTION_METRICS)[number]

export const PROBABILITY_FLOOR = 1e-12

/** Confidence in the chosen answer and whether it is right, by the rules of PredictionRow. */
export function confidenceAndCorrect(r: PredictionRow): { confidence: number; correct: 0 | 1 } {
  if (r.confidence !== undefined && r.correct !== undefined) return { confidence: r.confidence, correct: r.correct }
  const p = r.probability
  return { confidence: Math.max(p, 1 - p), correct: p > 0.5 ? 1 : 0 }
}

export function itemContribution(r: PredictionRow, metric: PredictionMetric): number {
  const { confidence, correct } = confidenceAndCorrect(r)
  if (metric === 'accuracy') return correct
  if (metric === 'brier') return (confidence - correct) ** 2
  return Math.log(Math.min(1, Math.max(PROBABILITY_FLOOR, r.probability)))
}

export interface ItemTable {
  task: string
  models: { model: string; params: number; family?: string }[]
  items: string[]
  /** contributions[m][i] for model m and item i (items every model answered) */
  contributions: Float64Array[]
}

/** Per-model per-item contributions on the items that every model of the task answered. */
export function itemTable(rows: readonly PredictionRow[], task: string, metric: PredictionMetric): ItemTable {
  const byModel = groupBy(
    rows.filter((r) => r.task === task),
    (r) => r.model,
  )
  const models = [...byModel.entries()].map(([model, list]) => ({ model, params: list[0].params, family: list[0].family, list }))
  models.sort((a, b) => a.params - b.params || a.model.localeCompare(b.model))
  let common: string[] | null = null
  for (const m of models) {
    const ids = new Set(m.list.map((r) => r.item))
    common = common === null ? [...ids] : common.filter((id) => ids.has(id))
  }
  const items = [...(common ?? [])].sort()
  const index = new Map(items.map((id, i) => [id, i]))
  const contributions = models.map((m) => {
    const out = new Float64Array(items.length)
    for (const r of m.list) {
      const i = index.get(r.item)
      if (i !== undefined) out[i] = itemContribution(r, metric)
    }
    return out
  })
  return { task, models: models.map(({ model, params, family }) => ({ model, params, family })), items, contributions }
}

/** One EvalPoint per (task, model, metric) from per-example rows, with the item count and standard error. */
export function evalPointsFromPredictions(rows: readonly PredictionRow[], metrics: readonly PredictionMetric[] = PREDICTION_METRICS): EvalPoint[] {
  validatePredictionRows(rows)
  const out: EvalPoint[] = []
  const byTaskModel = groupBy(rows, (r) => JSON.stringify([r.task, r.model]))
  for (const list of byTaskModel.values()) {
    const first = list[0]
    for (const metric of metrics) {
      let s = 0
      let s2 = 0
      for (const r of list) {
        const v = itemContribution(r, metric)
        s += v
        s2 += v * v
      }
      const n = list.length
      const value = s / n
      const variance = n > 1 ? Math.max(0, (s2 - n * value * value) / (n - 1)) : 0
      const point: EvalPoint = { model: first.model, params: first.params, task: first.task, metric, value, n, stderr: Math.sqrt(variance / n) }
      // rows with only the probability of the correct answer are binary: chance accuracy is 1/2
      if (metric === 'accuracy' && list.every((r) => r.confidence === undefined)) point.choices = 2
      if (first.family !== undefined) point.family = first.family
      out.push(point)
    }
  }
  return out
}
