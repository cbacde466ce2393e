/**
 * Per-example predictions of one (task, model) as column arrays sorted by confidence, with each item's
 * contribution to the calibration measures precomputed (Guo et al. 2017, "On Calibration of Modern
 * Neural Networks", arXiv 1706.04599; Kadavath et al. 2022, arXiv 2207.05221):
 *   confidence c_i   probability of the chosen answer (the pick): from a confidence column, from
 *                    per-option probabilities at import (the argmax), or, only when the caller declares
 *                    two answer options per item (choices = 2), max(p_i, 1 - p_i)
 *   correct y_i      1 when the chosen answer is right: the `correct` column (or, with choices = 2, p_i > 1/2)
 *   brier_i          (1 - p_i)^2: the Brier score on the gold answer (p_i = probability of the correct
 *                    answer; on a binary task half the two-class Brier score); without p_i, the top-label
 *                    (c_i - y_i)^2, which equals it on a binary task
 *   nll_i            -log p_i with p_i clipped to [1e-12, 1]
 *   bin_i            equal-width bin floor(c_i B), capped at B - 1 (bin b covers [b / B, (b + 1) / B))
 * A multiple-choice item is never read as two-way: with only p_i (and y_i) the pick's confidence is
 * unknown, so accuracy, Brier and NLL are reported and ECE / MCE / the reliability diagram are not.
 */
import type { PredictionRow } from './types'
import { pickOf, PROBABILITY_FLOOR } from './prediction-metrics'
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
  /** which measures the items support (every item must carry what a measure needs) */
  known: KnownMeasures
}

/** What a group's items determine: the pick's confidence (ECE), correctness (accuracy), the gold probability (NLL). */
export interface KnownMeasures {
  /** how the pick's confidence was obtained, or null when some item lacks it */
  confidence: 'confidence' | 'two-choice' | null
  /** items without the pick's confidence */
  missingConfidence: number
  /** items without correctness */
  missingCorrect: number
  /** items without the probability of the correct answer */
  missingProbability: number
}

/** @param choices answer options per item, when the caller knows it (2 allows the two-way reading) */
export function groupPredictions(rows: readonly PredictionRow[], choices?: number): CalibrationGroup[] {
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
      const known: KnownMeasures = { confidence: 'confidence', missingConfidence: 0, missingCorrect: 0, missingProbability: 0 }
      for (let k = 0; k < n; k++) {
        const r = rows[list[k]]
        const pick = pickOf(r, choices)
        if (pick.confidence === null) known.missingConfidence++
        else if (r.confidence === undefined) known.confidence = 'two-choice'
        if (pick.correct === null) known.missingCorrect++
        if (r.probability === undefined) known.missingProbability++
        conf[k] = pick.confidence ?? 0
        corr[k] = pick.correct ?? 0
        prob[k] = r.probability ?? Number.NaN
      }
      if (known.missingConfidence > 0) known.confidence = null
      const first = rows[list[0]]
      out.push(fromColumns(first.task, first.model, first.family ?? null, first.params, conf, corr, prob, known))
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
  known: KnownMeasures = { confidence: 'confidence', missingConfidence: 0, missingCorrect: 0, missingProbability: 0 },
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
    const p = prob[i]
    const hasP = p === p
    brier[k] = hasP ? (1 - p) ** 2 : (conf[i] - corr[i]) ** 2
    nll[k] = hasP ? -Math.log(Math.min(1, Math.max(PROBABILITY_FLOOR, p))) : 0
  }
  return { task, model, family, params, n, confidence, correct, brier, nll, known }
}

/** Equal-width bin of each (sorted) item. */
export function equalWidthBins(confidence: Float64Array, bins: number): Int32Array {
  const out = new Int32Array(confidence.length)
  for (let i = 0; i < confidence.length; i++) out[i] = Math.min(bins - 1, Math.floor(confidence[i] * bins))
  return out
}
