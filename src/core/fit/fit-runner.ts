/**
 * The one entry point of the fitting engine: runFit(law, points, options) fits a law, adds derived quantities,
 * optional bootstrap uncertainty (seeded), an optional backtest, and returns a plain-JSON FitResult.
 * bootstrapFit does the same with the resamples spread over worker threads (src/workers/fit-bootstrap.ts).
 * fitJob picks one of the two: the lab runs it in the fit-run worker (src/workers/fit-run.ts), never on its own thread.
 * Laws and formulas: see the files named in law-model.ts.
 */
import { availableParallelism } from 'node:os'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import { backtest } from './backtest'
import { bootstrapRange, predictionBand, summarizeBootstrap, type BootstrapRangeInput, type BootstrapSample } from './bootstrap'
import { checkFitInput, checkLawFit, deriveContext, deriveQuantities, fitLaw, type LawFit } from './fit-laws'
import { lawModel, type LossQuery } from './law-model'
import { CHINCHILLA_BUDGET } from './allocation'
import { LabError } from '../../shared/errors'
import type { FitOptions, FitResult, LawName, ScalingPoint } from './types'
import type { FitRunInput } from './fit-run-input'
import { LAW_NAMES } from './types'
import { fitVerdict } from './fit-verdict'
import { refuseFlatLosses, refuseRisingLoss } from './verdict-checks'

export const CI_LEVEL = 0.95

function checkOptions(law: LawName, options: FitOptions): void {
  if (!LAW_NAMES.includes(law)) {
    throw new LabError('fit-unknown-law', `Unknown law "${String(law)}".`, { hint: `Use one of ${LAW_NAMES.join(', ')}.` })
  }
  const b = options.bootstrap
  if (b !== undefined && !(Number.isInteger(b) && b >= 0 && b <= 100000)) {
    throw new LabError('fit-bad-option', `Bootstrap resamples must be a whole number from 0 to 100000; got ${String(b)}.`)
  }
  if (options.seed !== undefined && !Number.isFinite(options.seed)) {
    throw new LabError('fit-bad-option', `The seed must be a number; got ${String(options.seed)}.`)
  }
}

export function fullFit(law: LawName, points: readonly ScalingPoint[], options: FitOptions, opts: ProgressOptions): LawFit {
  checkOptions(law, options)
  checkFitInput(law, points, options)
  refuseFlatLosses(law, points)
  const fit = fitLaw(law, points, options, opts)
  checkLawFit(law, fit)
  refuseRisingLoss(law, fit.params)
  return fit
}

function assemble(law: LawName, points: readonly ScalingPoint[], options: FitOptions, fit: LawFit, samples: BootstrapSample[] | undefined, opts: ProgressOptions): FitResult {
  const derived = deriveQuantities(law, fit.params, deriveContext(points, options))
  const judged = fitVerdict(law, points, options, fit, { signal: opts.signal })
  const result: FitResult = {
    law,
    n_points: points.length,
    params: fit.params,
    objective: fit.objective,
    derived,
    converged: fit.converged,
    iterations: fit.iterations,
    verdict: judged.verdict,
    evidence: judged.evidence,
    warnings: judged.warnings,
    diagnostics: {
      objective_kind: fit.objectiveKind,
      seed: options.seed ?? 1,
      budget: options.budget ?? CHINCHILLA_BUDGET,
      ...fit.diagnostics,
    },
  }
  if (samples) {
    const s = summarizeBootstrap(samples, CI_LEVEL)
    result.se = s.se
    result.ci = s.ci
    const band = predictionBand(law, fit.params, samples, points, CI_LEVEL, options.budget)
    if (band) result.band = band
    Object.assign(result.diagnostics as Record<string, unknown>, { ci_level: s.level, bootstrap_resamples: s.resamples, bootstrap_failed: s.failed })
  }
  if (options.flopsCutoff !== undefined) result.backtest = backtest(law, points, options, options.flopsCutoff, { signal: opts.signal })
  return result
}

/** Fit `law` on `points` in this thread (bootstrap resamples too). */
export function runFit(law: LawName, points: ScalingPoint[], options: FitOptions = {}, opts: ProgressOptions = {}): FitResult {
  const resamples = options.bootstrap ?? 0
  const fitShare = resamples > 0 ? 0.3 : 1
  const fit = fullFit(law, points, options, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(fitShare * f, m) })
  let samples: BootstrapSample[] | undefined
  if (resamples > 0) {
    samples = bootstrapRange(
      { law, points, options, full: { params: fit.params, vector: fit.vector }, start: 0, end: resamples },
      { signal: opts.signal, onProgress: (f) => opts.onProgress?.(fitShare + (1 - fitShare) * f, 'bootstrap') },
    )
  }
  const result = assemble(law, points, options, fit, samples, opts)
  opts.onProgress?.(1, 'done')
  return result
}

export interface BootstrapFitOptions extends ProgressOptions {
  /** worker threads (default os.availableParallelism()) */
  workers?: number
  /** how a worker is run (default runInWorker from src/core/jobs); tests and benchmarks may pass another launcher */
  runWorker?: <T>(name: string, workerData: unknown, opts: ProgressOptions) => Promise<T>
}

/**
 * The raw resamples of a fitted law (options.bootstrap of them), split over worker threads; progress 0..1 is the
 * resamples' alone. bootstrapFit summarises them; forecasts and plans (src/core/plan) use them draw by draw.
 */
export async function bootstrapSamples(law: LawName, points: ScalingPoint[], options: FitOptions, fit: Pick<LawFit, 'params' | 'vector'>, opts: BootstrapFitOptions = {}): Promise<{ samples: BootstrapSample[]; threads: number }> {
  const resamples = options.bootstrap ?? 0
  if (resamples <= 0) return { samples: [], threads: 0 }
  const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), Math.ceil(resamples / 25)))
  const done = new Array<number>(workers).fill(0)
  const report = (): void => opts.onProgress?.(done.reduce((s, v) => s + v, 0) / workers, 'bootstrap')
  const full = { params: fit.params, vector: fit.vector }
  const parts = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = Math.floor((resamples * w) / workers)
      const end = Math.floor((resamples * (w + 1)) / workers)
      const input: BootstrapRangeInput = { law, points, options, full, start, end }
      return (opts.runWorker ?? runInWorker)<BootstrapSample[]>('fit-bootstrap', input, {
        signal: opts.signal,
        onProgress: (f) => {
          done[w] = f
          report()
        },
      })
    }),
  )
  return { samples: parts.flat(), threads: workers }
}

/** Like runFit with options.bootstrap resamples (default 1000), the resamples split over worker threads. */
export async function bootstrapFit(law: LawName, points: ScalingPoint[], options: FitOptions = {}, opts: BootstrapFitOptions = {}): Promise<FitResult> {
  const resamples = options.bootstrap ?? 1000
  const withCount = { ...options, bootstrap: resamples }
  const fit = fullFit(law, points, withCount, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(0.2 * f, m) })
  throwIfCancelled(opts.signal)
  const { samples, threads } = await bootstrapSamples(law, points, withCount, fit, {
    ...opts,
    onProgress: (f, m) => opts.onProgress?.(0.2 + 0.8 * f, m),
  })
  const result = assemble(law, points, withCount, fit, samples, opts)
  Object.assign(result.diagnostics as Record<string, unknown>, { bootstrap_threads: threads })
  opts.onProgress?.(1, 'done')
  return result
}

/**
 * A whole fit as one job, the work the fit-run worker does: without bootstrap runFit; with it bootstrapFit (its
 * resamples over worker threads of their own). The backtest (options.flopsCutoff) runs here too.
 */
export function fitJob(input: FitRunInput, opts: BootstrapFitOptions = {}): Promise<FitResult> | FitResult {
  const { law, points, options } = input
  return (options.bootstrap ?? 0) > 0 ? bootstrapFit(law, points, options, opts) : runFit(law, points, options, opts)
}

/** Predicted loss of a fitted law (or a preset) at a point. */
export function predictLoss(fit: Pick<FitResult, 'law' | 'params'>, point: LossQuery): number {
  const value = lawModel(fit).predict(point)
  if (!Number.isFinite(value)) {
    throw new LabError('fit-no-prediction', `The ${fit.law} law gives no finite prediction at N = ${point.params}, D = ${point.tokens}, C = ${point.flops}.`)
  }
  return value
}
