/**
 * Backtesting an extrapolation: fit on the runs whose compute is below a cut-off, predict the loss of every run at or
 * above it, and report the errors (per run, and MAE = mean |e|, RMSE = sqrt(mean e^2), mean relative error =
 * mean |e| / L, with e = predicted - observed loss). The honest test of a scaling law is how well it predicts the
 * larger runs it was not fitted on.
 */
import { LabError } from '../../shared/errors'
import type { ProgressOptions } from '../jobs/cancelled'
import { checkFitInput, checkLawFit, fitLaw } from './fit-laws'
import { lawModel } from './law-model'
import type { BacktestResult, FitOptions, LawName, ScalingPoint } from './types'

export function backtest(law: LawName, points: readonly ScalingPoint[], options: FitOptions, cutoff: number, opts: ProgressOptions = {}): BacktestResult {
  if (!(Number.isFinite(cutoff) && cutoff > 0)) {
    throw new LabError('fit-bad-option', `The backtest cut-off must be a positive number of FLOPs; got ${String(cutoff)}.`, { hint: 'Give --flops-cutoff like 1e21.' })
  }
  const train = points.filter((p) => p.flops < cutoff)
  const test = points.filter((p) => p.flops >= cutoff)
  if (test.length === 0) {
    throw new LabError('fit-too-few-points', `No runs at or above the backtest cut-off ${cutoff.toExponential(3)} FLOPs, so there is nothing to predict.`, {
      hint: 'Lower --flops-cutoff below the largest run.',
    })
  }
  try {
    checkFitInput(law, train, options)
  } catch (e) {
    if (e instanceof LabError) {
      throw new LabError(e.code, `Backtest below ${cutoff.toExponential(3)} FLOPs: ${e.message}`, { hint: 'Raise --flops-cutoff so more runs fall below it.' })
    }
    throw e
  }
  const fit = fitLaw(law, train, options, opts)
  checkLawFit(law, fit)
  const model = lawModel({ law, params: fit.params })
  const rows = test.map((p) => {
    const predicted = model.predict(p)
    const error = predicted - p.loss
    return { run: p.run, flops: p.flops, loss: p.loss, predicted, error, relative_error: Math.abs(error) / p.loss }
  })
  if (rows.some((r) => !Number.isFinite(r.predicted))) {
    throw new LabError('fit-not-converged', 'The law fitted below the cut-off gives no finite prediction for some runs above it.', { hint: 'Check the fit on the training runs.' })
  }
  const m = rows.length
  return {
    cutoff,
    n_train: train.length,
    n_test: m,
    rows,
    mae: rows.reduce((s, r) => s + Math.abs(r.error), 0) / m,
    rmse: Math.sqrt(rows.reduce((s, r) => s + r.error * r.error, 0) / m),
    mean_relative_error: rows.reduce((s, r) => s + r.relative_error, 0) / m,
  }
}
