/**
 * Per-example predictions as task metrics, so the same models can be seen on a discontinuous and on
 * continuous metrics (Schaeffer et al. 2023, arXiv 2304.15004):
 *   accuracy        mean correct_i                              (exact match of the chosen answer; needs
 *                                                               the `correct` column)
 *   log_likelihood  mean log p_i, p_i clipped to [1e-12, 1]     (p_i = probability of the correct answer)
 *   brier           mean (1 - p_i)^2                            (Brier score on the gold answer; on a
 *                   binary task half the two-class Brier score; without p_i, the top-label (c_i - y_i)^2)
 * A row is never read as a two-way choice unless the caller says every item has two options: with only
 * p_i, correctness and the pick's confidence are unknown on a multiple-choice task (p_i < 1/2 may still
 * be the largest of several options), so accuracy is then not computed.
 * Items are the rows' `item` ids; for each model the contributions are kept per item so a bootstrap can
 * resample the same items for every model (paired resampling).
 */
import type { EvalPoint, PredictionRow } from './types'
import { groupBy } from './size-series'
import { validatePredictionRows } from './validate'

export const PREDICTION_METRICS = ['accuracy', 'log_likelihood', 'brier'] as const
export type PredictionMetric = (typeof PREDICTION_METRICS)[number]

export const PROBABILITY_FLOOR = 1e-12

/**
 * Confidence in the chosen answer (the pick) and whether it is right: from the row's confidence and
 * correct columns; the two-way reading max(p, 1 - p) and p > 1/2 only when `choices` is 2. Null: unknown.
 */
export function pickOf(r: PredictionRow, choices?: number): { confidence: number | null; correct: 0 | 1 | null } {
  const p = r.probability
  const twoWay = choices === 2 && p !== undefined
  const correct = r.correct ?? (twoWay ? (p > 0.5 ? 1 : 0) : null)
  const confidence = r.confidence ?? (twoWay ? Math.max(p, 1 - p) : null)
  return { confidence, correct }
}

/** Whether a row carries what a metric needs. */
export function rowHasMetric(r: PredictionRow, metric: PredictionMetric): boolean {
  if (metric === 'accuracy') return r.correct !== undefined
  if (metric === 'log_likelihood') return r.probability !== undefined
  return r.probability !== undefined || (r.confidence !== undefined && r.correct !== undefined)
}

/** One item's contribution to a metric; call only when rowHasMetric(r, metric). */
export function itemContribution(r: PredictionRow, metric: PredictionMetric): number {
  if (metric === 'accuracy') return r.correct ?? 0
  const p = r.probability
  if (metric === 'brier') return p !== undefined ? (1 - p) ** 2 : ((r.confidence ?? 0) - (r.correct ?? 0)) ** 2
  return Math.log(Math.min(1, Math.max(PROBABILITY_FLOOR, p ?? 0)))
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
    rows.filter((r) => r.task === task && rowHasMetric(r, metric)),
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

/**
 * One EvalPoint per (task, model, metric) from per-example rows, with the item count and standard error;
 * a metric some row cannot support (accuracy without `correct`, log-likelihood without the probability of
 * the correct answer) is left out for that (task, model).
 */
export function evalPointsFromPredictions(rows: readonly PredictionRow[], metrics: readonly PredictionMetric[] = PREDICTION_METRICS): EvalPoint[] {
  validatePredictionRows(rows)
  const out: EvalPoint[] = []
  const byTaskModel = groupBy(rows, (r) => JSON.stringify([r.task, r.model]))
  for (const list of byTaskModel.values()) {
    const first = list[0]
    for (const metric of metrics) {
      if (!list.every((r) => rowHasMetric(r, metric))) continue
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
      if (first.family !== undefined) point.family = first.family
      out.push(point)
    }
  }
  return out
}
