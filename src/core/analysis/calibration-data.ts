/**
 * Per-example predictions of one (task, model) as column arrays sorted by confidence, with each item's
 * contribution to the calibration measures precomputed (Guo et al. 2017, "On Calibration of Modern
 * Neural Networks", arXiv 1706.04599; Kadavath et al. 2022, arXiv 2207.05221):
 *   confidence c_i   probability of the chosen answer
 *   correct y_i      1 when the chosen answer is right
 *   brier_i          (c_i - y_i)^2: the top-label Brier score; on a binary task with p_i the probability
 *                    of the correct answer this is (1 - p_i)^2, i.e. half the two-class Brier score
 *   nll_i            -log p_i with p_i clipped to [1e-12, 1]
 *   bin_i            equal-width bin floor(c_i B), capped at B - 1 (bin b covers [b / B, (b + 1) / B))
 */
import type { PredictionRow } from './types'
import { PROBABILITY_FLOOR } from './prediction-metrics'
import { argsortNonNegative } from './argsort'

export interface CalibrationGroup {
  task: string
  model: string
  family: string | null
  params: number
  n: number
  /** all sorted by confidence, ascending */
  confidence: Float64Array
  correct: Float64Array
  brier: Float64Array
  nll: Float64Array
}

export function groupPredictions(rows: readonly PredictionRow[]): CalibrationGroup[] {
  // task -> model -> row indices (nested maps: no per-row key strings)
  const byTask = new Map<string, Map<string, number[]>>()
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    let byModel = byTask.get(r.task)
    if (!byModel) byTask.set(r.task, (byModel = new Map()))
    const list = byModel.get(r.model)
    if (list) list.push(i)
    else byModel.set(r.model, [i])
  }
  const out: CalibrationGroup[] = []
  for (const byModel of byTask.values())
    for (const list of byModel.values()) {
      const n = list.length
      const conf = new Float64Array(n)
      const corr = new Float64Array(n)
      const prob = new Float64Array(n)
      for (let k = 0; k < n; k++) {
        const r = rows[list[k]]
        const p = r.probability
        if (r.confidence !== undefined && r.correct !== undefined) {
          conf[k] = r.confidence
          corr[k] = r.correct
        } else {
          conf[k] = p > 0.5 ? p : 1 - p
          corr[k] = p > 0.5 ? 1 : 0
        }
        prob[k] = p
      }
      const first = rows[list[0]]
      out.push(fromColumns(first.task, first.model, first.family ?? null, first.params, conf, corr, prob))
    }
  return out.sort((a, b) => a.task.localeCompare(b.task) || a.params - b.params || a.model.localeCompare(b.model))
}

/** Build a group from raw columns (p = probability of the correct answer, for the NLL); sorts by confidence. */
export function fromColumns(
  task: string,
  model: string,
  family: string | null,
  params: number,
  conf: Float64Array,
  corr: Float64Array,
  prob: Float64Array,
): CalibrationGroup {
  const n = conf.length
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) keys[i] = conf[i] === 0 ? 0 : conf[i] // -0 sorts like 0
  const order = argsortNonNegative(keys)
  const confidence = new Float64Array(n)
  const correct = new Float64Array(n)
  const brier = new Float64Array(n)
  const nll = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    const i = order[k]
    confidence[k] = conf[i]
    correct[k] = corr[i]
    brier[k] = (conf[i] - corr[i]) ** 2
    nll[k] = -Math.log(Math.min(1, Math.max(PROBABILITY_FLOOR, prob[i])))
  }
  return { task, model, family, params, n, confidence, correct, brier, nll }
}

/** Equal-width bin of each (sorted) item. */
export function equalWidthBins(confidence: Float64Array, bins: number): Int32Array {
  const out = new Int32Array(confidence.length)
  for (let i = 0; i < confidence.length; i++) out[i] = Math.min(bins - 1, Math.floor(confidence[i] * bins))
  return out
}
