/**
 * Catalog rows as analysis inputs. Evaluations: the run is the model, tokens are those seen at the
 * checkpoint (else the run's), FLOPs 6 N D (catalog's evaluation query; Kaplan et al. 2020), a checkpoint
 * written as text ("step143000", "global_step_2000") is read by its last number. Predictions: the
 * probability of the correct answer, the pick's confidence and whether it was right, each as stored;
 * nothing is derived by assuming two answer options (calibration-data.ts does that only when asked).
 */
import { LabError } from '../../shared/errors'
import type { EvaluationRow, PredictionRow as CatalogPrediction } from '../catalog/types'
import type { EvalPoint, PredictionRow } from './types'

export function checkpointNumber(c: number | string | null): number | undefined {
  if (c === null) return undefined
  if (typeof c === 'number') return Number.isFinite(c) ? c : undefined
  const m = c.match(/(\d+(?:\.\d+)?)(?!.*\d)/)
  return m ? Number(m[1]) : undefined
}

export function evalPointsFromCatalog(rows: readonly EvaluationRow[]): EvalPoint[] {
  return rows.map((r) => {
    const p: EvalPoint = { model: r.run, params: r.params ?? Number.NaN, task: r.task, metric: r.metric, value: r.value }
    if (r.family !== null) p.family = r.family
    if (r.tokensSeen !== null) p.tokens = r.tokensSeen
    if (r.flops !== null) p.flops = r.flops
    if (r.stderr !== null) p.stderr = r.stderr
    if (r.n !== null) p.n = r.n
    if (r.shots !== null) p.shots = r.shots
    const c = checkpointNumber(r.checkpoint)
    if (c !== undefined) p.checkpoint = c
    if (r.choices !== null) p.choices = r.choices
    return p
  })
}

export function predictionRowsFromCatalog(rows: readonly CatalogPrediction[]): PredictionRow[] {
  return rows.map((r, i) => {
    const out: PredictionRow = { model: r.run, params: r.params ?? Number.NaN, task: r.task, item: r.item }
    if (r.family !== null) out.family = r.family
    if (r.probability !== null) out.probability = r.probability
    if (r.correct !== null) out.correct = r.correct ? 1 : 0
    if (r.confidence !== null && r.correct !== null) out.confidence = r.confidence
    if (r.probability === null && r.correct === null)
      throw new LabError('invalid-prediction', `Prediction ${i + 1} (model "${r.run}", task "${r.task}", item "${r.item}") has neither a probability nor correct.`, {
        hint: 'Import the probability of the correct answer, the confidence and whether the answer was right, or per-option probabilities.',
      })
    return out
  })
}
