/**
 * Input checks shared by the analyses: every problem a user can cause becomes a LabError that says
 * what is wrong, in which row, and what to do. Nothing downstream ever sees NaN.
 */
import { LabError } from '../../shared/errors'
import type { EvalPoint, PredictionRow, XAxis } from './types'

function describePoint(p: EvalPoint, i: number): string {
  return `evaluation ${i + 1} (model "${p.model}", task "${p.task}", metric "${p.metric}")`
}

function describeRow(r: PredictionRow, i: number): string {
  return `prediction row ${i + 1} (model "${r.model}", task "${r.task}", item "${r.item}")`
}

/** Size of a point on the chosen axis: params, tokens, or FLOPs (6 N D when not given; Kaplan et al. 2020). */
export function xValue(p: EvalPoint, x: XAxis): number | undefined {
  if (x === 'params') return p.params
  if (x === 'tokens') return p.tokens
  if (p.flops !== undefined) return p.flops
  if (p.tokens !== undefined) return 6 * p.params * p.tokens
  return undefined
}

/** Check the size of the points that will be plotted on a tokens or FLOPs axis (after the checkpoint is chosen). */
export function validateXValues(points: readonly EvalPoint[], x: XAxis): void {
  if (x === 'params') return
  points.forEach((p, i) => {
    const v = xValue(p, x)
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0))
      throw new LabError('missing-size', `Model "${p.model}" has no ${x === 'tokens' ? 'training-token count' : 'FLOP count'} > 0 on a log axis (${x} = ${String(v)}): ${describePoint(p, i)}.`, {
        hint: x === 'tokens' ? 'Set the tokens of the run, choose a later checkpoint, or analyse against params.' : 'Set FLOPs or tokens of the run, or analyse against params.',
      })
  })
}

export function validateEvalPoints(points: readonly EvalPoint[]): void {
  points.forEach((p, i) => {
    if (typeof p.model !== 'string' || p.model === '')
      throw new LabError('invalid-evaluation', `${describePoint(p, i)} has no model name.`, { hint: 'Give every evaluation the model it belongs to.' })
    if (!(typeof p.params === 'number' && Number.isFinite(p.params) && p.params > 0))
      throw new LabError('missing-size', `Model "${p.model}" has no size: ${describePoint(p, i)} has params = ${String(p.params)}.`, {
        hint: 'Set the parameter count of the run in the catalog (e.g. 1.4B) or leave this model out.',
      })
    if (!(typeof p.value === 'number' && Number.isFinite(p.value)))
      throw new LabError('invalid-evaluation', `${describePoint(p, i)} has value ${String(p.value)}, not a finite number.`, {
        hint: 'Fix or drop this evaluation.',
      })
    if (p.stderr !== undefined && !(Number.isFinite(p.stderr) && p.stderr >= 0))
      throw new LabError('invalid-evaluation', `${describePoint(p, i)} has standard error ${String(p.stderr)}; it must be a number >= 0.`, {
        hint: 'Leave the standard error empty when it is unknown.',
      })
    if (p.choices !== undefined && !(Number.isInteger(p.choices) && p.choices >= 2))
      throw new LabError('invalid-evaluation', `${describePoint(p, i)} has ${String(p.choices)} choices; it must be an integer >= 2.`, {
        hint: 'Leave choices empty for generation tasks.',
      })
  })
}

export function validatePredictionRows(rows: readonly PredictionRow[]): void {
  rows.forEach((r, i) => {
    if (typeof r.model !== 'string' || r.model === '')
      throw new LabError('invalid-prediction', `${describeRow(r, i)} has no model name.`, { hint: 'Every per-example prediction needs its model.' })
    if (!(typeof r.params === 'number' && Number.isFinite(r.params) && r.params > 0))
      throw new LabError('missing-size', `Model "${r.model}" has no size: ${describeRow(r, i)} has params = ${String(r.params)}.`, {
        hint: 'Set the parameter count of the model (e.g. 774M) when importing its predictions.',
      })
    if (r.probability !== undefined && !(typeof r.probability === 'number' && r.probability >= 0 && r.probability <= 1))
      throw new LabError('bad-probability', `${describeRow(r, i)}: probability ${String(r.probability)} is outside [0, 1].`, {
        hint: 'Probabilities must be normalised (softmax over the choices), not logits or log-probabilities.',
      })
    if (r.confidence !== undefined && !(typeof r.confidence === 'number' && r.confidence >= 0 && r.confidence <= 1))
      throw new LabError('bad-probability', `${describeRow(r, i)}: confidence ${String(r.confidence)} is outside [0, 1].`, {
        hint: 'Confidence is the probability of the chosen answer, between 0 and 1.',
      })
    if (r.correct !== undefined && r.correct !== 0 && r.correct !== 1)
      throw new LabError('invalid-prediction', `${describeRow(r, i)}: correct is ${String(r.correct)}; it must be 0 or 1.`, {
        hint: 'Mark each item 1 when the chosen answer is right, else 0.',
      })
    if (r.confidence !== undefined && r.correct === undefined)
      throw new LabError('invalid-prediction', `${describeRow(r, i)} gives confidence without correct.`, {
        hint: 'Give whether the chosen answer was right next to its confidence, or import per-option probabilities with the gold option.',
      })
    if (r.probability === undefined && r.correct === undefined)
      throw new LabError('invalid-prediction', `${describeRow(r, i)} has neither the probability of the correct answer nor correct.`, {
        hint: 'Import the probability of the correct answer, whether the pick was right (with its confidence), or per-option probabilities.',
      })
  })
}

/** Throw when fewer distinct sizes than `needed` remain (one size cannot show a trend). */
export function requireSizes(count: number, needed: number, what: string): void {
  if (count < needed)
    throw new LabError(
      'too-few-sizes',
      count <= 1
        ? `${what}: only one model size; a trend across scale needs at least ${needed} sizes.`
        : `${what}: only ${count} model sizes; this analysis needs at least ${needed}.`,
      { hint: 'Import evaluations of more model sizes of the family, or choose another task or family.' },
    )
}
