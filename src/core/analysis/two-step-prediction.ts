/**
 * Two-step task prediction (Bhagia et al. 2024, "Establishing Task Scaling Laws via Compute-Efficient
 * Model Ladders", arXiv 2412.04403): from a ladder of small models,
 *   step 1  task loss from size and data, L(N, D) = E + A / N^alpha + B / D^beta   (task-loss-law.ts),
 *           fitted on each ladder model's final checkpoint;
 *   step 2  accuracy from task loss, Acc = a / (1 + exp(-k (L - L0))) + b       (accuracy-from-loss.ts),
 *           fitted on every (model, checkpoint) of the ladder that has both metrics;
 * then predict the accuracy of larger models by chaining them. The backtest holds out the largest sizes
 * the user has and reports predicted against actual loss and accuracy (and accuracy predicted from the
 * actual loss, which isolates the error of step 2).
 */
import type { BacktestRow, TwoStepResult } from '../../shared/api/analysis-results'
export type { BacktestRow, TwoStepResult }
import { LabError } from '../../shared/errors'
import type { EvalPoint } from './types'
import { fitAccuracyFromLoss, predictAccuracy, type AccuracyFromLoss } from './accuracy-from-loss'
import { selectCheckpoint } from './size-series'
import { fitTaskLoss, predictTaskLoss, type TaskLossLaw } from './task-loss-law'
import { validateEvalPoints } from './validate'

export interface TwoStepOptions {
  task: string
  lossMetric: string
  accuracyMetric: string
  family?: string
  shots?: number
  /** number of the largest model sizes held out for the backtest (default 1; 0 = fit on everything) */
  holdout?: number
  /** further sizes to predict */
  targets?: { params: number; tokens?: number; label?: string }[]
  /** fit step 2 on every checkpoint of the ladder (default) or on final checkpoints only */
  step2Checkpoints?: 'all' | 'final'
  /** force the step-1 form; by default N,D when the ladder has >= 6 models and >= 2 token counts */
  lossForm?: 'N,D' | 'N'
}

interface Pair {
  model: string
  params: number
  tokens?: number
  checkpoint?: number
  loss: number
  accuracy: number
}

function pairs(points: readonly EvalPoint[], opts: TwoStepOptions): Pair[] {
  const keyOf = (p: EvalPoint): string => JSON.stringify([p.model, p.checkpoint ?? null, p.shots ?? null])
  const keep = (p: EvalPoint): boolean => p.task === opts.task && (opts.family === undefined || p.family === opts.family) && (opts.shots === undefined || p.shots === opts.shots)
  const loss = new Map<string, EvalPoint>()
  for (const p of points) if (keep(p) && p.metric === opts.lossMetric) loss.set(keyOf(p), p)
  const out: Pair[] = []
  for (const p of points) {
    if (!keep(p) || p.metric !== opts.accuracyMetric) continue
    const l = loss.get(keyOf(p))
    if (l) out.push({ model: p.model, params: p.params, tokens: p.tokens ?? l.tokens, checkpoint: p.checkpoint, loss: l.value, accuracy: p.value })
  }
  return out
}

export function twoStepPrediction(points: readonly EvalPoint[], opts: TwoStepOptions): TwoStepResult {
  validateEvalPoints(points)
  const all = pairs(points, opts)
  if (all.length === 0)
    throw new LabError('no-evaluations', `No model of task "${opts.task}" has both "${opts.lossMetric}" and "${opts.accuracyMetric}".`, {
      hint: 'Import the task loss and the accuracy of the same models and checkpoints.',
    })
  const sizes = [...new Set(all.map((p) => p.params))].sort((a, b) => a - b)
  const holdout = opts.holdout ?? 1
  if (!(Number.isInteger(holdout) && holdout >= 0 && holdout < sizes.length))
    throw new LabError('invalid-option', `holdout must be a whole number from 0 to ${sizes.length - 1} (the task has ${sizes.length} sizes), got ${String(opts.holdout)}.`)
  const cut = holdout > 0 ? sizes[sizes.length - holdout] : Infinity
  const ladderPairs = all.filter((p) => p.params < cut)
  const heldPairs = all.filter((p) => p.params >= cut)
  const finalOf = (ps: Pair[]): Pair[] => {
    const last = new Map<string, number>()
    for (const p of ps) last.set(p.model, Math.max(last.get(p.model) ?? -Infinity, p.checkpoint ?? Infinity))
    return ps.filter((p) => (p.checkpoint ?? Infinity) === last.get(p.model))
  }
  const ladderFinal = finalOf(ladderPairs)
  const tokensKnown = ladderFinal.every((p) => p.tokens !== undefined && p.tokens > 0)
  const distinctTokens = new Set(ladderFinal.map((p) => p.tokens)).size
  const form = opts.lossForm ?? (tokensKnown && ladderFinal.length >= 6 && distinctTokens >= 2 ? 'N,D' : 'N')
  if (form === 'N,D' && !tokensKnown)
    throw new LabError('missing-tokens', `Step 1 with L(N, D) needs the training tokens of every ladder model of "${opts.task}".`, { hint: 'Import tokens, or use lossForm "N".' })
  const distinctSizes = new Set(ladderFinal.map((p) => p.params)).size
  if (distinctSizes < 3)
    throw new LabError('too-few-sizes', `Step 1 needs ladder models of at least 3 sizes for "${opts.task}"; there ${distinctSizes === 1 ? 'is 1' : `are ${distinctSizes}`}.`, {
      hint: 'Import more small models (a ladder), or hold out fewer sizes.',
    })
  const needed = form === 'N,D' ? 6 : 4
  if (ladderFinal.length < needed)
    throw new LabError('too-few-sizes', `Step 1 (${form === 'N,D' ? 'L(N, D)' : 'L(N)'}) needs at least ${needed} ladder models of "${opts.task}"; there are ${ladderFinal.length}.`, {
      hint: 'Import more small models (a ladder), or hold out fewer sizes.',
    })
  const law = fitTaskLoss(
    ladderFinal.map((p) => p.params),
    ladderFinal.map((p) => p.tokens),
    ladderFinal.map((p) => p.loss),
    form,
  )
  const step2Pairs = (opts.step2Checkpoints ?? 'all') === 'all' ? ladderPairs : ladderFinal
  if (step2Pairs.length < 5)
    throw new LabError('too-few-sizes', `Step 2 (accuracy from loss) needs at least 5 (loss, accuracy) pairs from the ladder of "${opts.task}"; there are ${step2Pairs.length}.`, {
      hint: 'Import intermediate checkpoints or more ladder models.',
    })
  const sig = fitAccuracyFromLoss(
    step2Pairs.map((p) => p.loss),
    step2Pairs.map((p) => p.accuracy),
  )
  for (const v of [law.E, law.A, law.alpha, law.B, law.beta, sig.a, sig.k, sig.L0, sig.b])
    if (!Number.isFinite(v)) throw new LabError('fit-failed', `The two-step fit of "${opts.task}" did not converge.`, { hint: 'Check the loss and accuracy values of the ladder.' })

  const requireTokens = (p: { tokens?: number }, what: string): number | undefined => {
    if (form === 'N,D' && !(p.tokens !== undefined && p.tokens > 0))
      throw new LabError('missing-tokens', `${what} has no training-token count; step 1 uses L(N, D).`, { hint: 'Give its tokens.' })
    return p.tokens
  }
  const backtest: BacktestRow[] = finalOf(heldPairs)
    .sort((a, b) => a.params - b.params || a.model.localeCompare(b.model))
    .map((p) => {
      const predictedLoss = predictTaskLoss(law, p.params, requireTokens(p, `Held-out model "${p.model}"`))
      const predictedAccuracy = predictAccuracy(sig, predictedLoss)
      return {
        model: p.model,
        params: p.params,
        tokens: p.tokens ?? null,
        actual_loss: p.loss,
        predicted_loss: predictedLoss,
        actual_accuracy: p.accuracy,
        predicted_accuracy: predictedAccuracy,
        accuracy_from_actual_loss: predictAccuracy(sig, p.loss),
        loss_error: predictedLoss - p.loss,
        accuracy_error: predictedAccuracy - p.accuracy,
      }
    })
  const predictions = (opts.targets ?? []).map((t, i) => {
    if (!(Number.isFinite(t.params) && t.params > 0)) throw new LabError('missing-size', `Target ${i + 1} has no size (params = ${String(t.params)}).`, { hint: 'Give the parameter count to predict.' })
    const loss = predictTaskLoss(law, t.params, requireTokens(t, `Target ${i + 1}`))
    return { label: t.label ?? `target ${i + 1}`, params: t.params, tokens: t.tokens ?? null, loss, accuracy: predictAccuracy(sig, loss) }
  })
  const losses = [...step2Pairs.map((p) => p.loss), ...backtest.map((b) => b.predicted_loss), ...predictions.map((p) => p.loss)]
  const lo = Math.min(...losses)
  const hi = Math.max(...losses)
  const curve: [number, number][] = Array.from({ length: 48 }, (_, i) => {
    const l = lo + ((hi - lo) * i) / 47
    return [l, predictAccuracy(sig, l)]
  })
  return {
    task: opts.task,
    family: opts.family ?? null,
    loss_metric: opts.lossMetric,
    accuracy_metric: opts.accuracyMetric,
    ladder: [...new Set(ladderFinal.map((p) => p.model))],
    held_out: backtest.map((b) => b.model),
    step1: {
      ...law,
      points: ladderFinal.map((p) => ({ model: p.model, params: p.params, tokens: p.tokens ?? null, loss: p.loss, fitted: predictTaskLoss(law, p.params, p.tokens) })),
    },
    step2: {
      ...sig,
      points: step2Pairs.map((p) => ({ model: p.model, checkpoint: p.checkpoint ?? null, loss: p.loss, accuracy: p.accuracy, fitted: predictAccuracy(sig, p.loss) })),
    },
    backtest,
    predictions,
    curve,
  }
}
