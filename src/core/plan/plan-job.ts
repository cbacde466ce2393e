/**
 * `scaling-lab plan` and the Plan panel: fit the Chinchilla law (Approach 3, Hoffmann et al. 2022) on the runs,
 * bootstrap it, give the predictive interval of the compute-optimal model's loss at the target
 * (src/core/fit/forecast-interval.ts), and choose the new runs that narrow it most per FLOP (plan-runs.ts).
 * planFromSamples is pure (tests run it in-thread); planJob runs the bootstrap over worker threads.
 */
import { LabError } from '../../shared/errors'
import { throwIfCancelled } from '../jobs/cancelled'
import { bootstrapRange, type BootstrapSample } from '../fit/bootstrap'
import { bootstrapSamples, fullFit, type BootstrapFitOptions } from '../fit/fit-runner'
import { chinchillaOf, forecastFan, forecastInterval, logResiduals, type FanPoint, type ForecastInterval } from '../fit/forecast-interval'
import type { ScalingPoint } from '../fit/types'
import { PLAN_ASSUMPTIONS, PLAN_METHOD, planRuns, type RunPlan } from './plan-runs'
import { candidateRuns, type CandidateBounds } from './candidates'

export interface PlanJobInput extends Omit<CandidateBounds, 'spendFlops'> {
  points: ScalingPoint[]
  targetFlops: number
  spendFlops: number
  /** bootstrap resamples (default 200) and seed (default 1) */
  bootstrap?: number
  seed?: number
  level?: number
  maxRuns?: number
}

export interface PlanWarning {
  code: string
  message: string
  /** the numbers in the message (for the view's own sentence in the reader's language) */
  values?: Record<string, number>
}

export interface PlanResult extends RunPlan {
  target_flops: number
  spend_flops: number
  law: 'chinchilla'
  approach: string
  level: number
  resamples: number
  seed: number
  n_runs: number
  /** the forecast at the target now: loss, N_opt, D_opt with their intervals */
  forecast: ForecastInterval
  interval_now: [number, number]
  method: string
  assumptions: string[]
  warnings: PlanWarning[]
  /** the predictive fan past the data: loss and N_opt, D_opt intervals over compute */
  fan: FanPoint[]
  params: Record<string, number>
  /** the runs the law was fitted on (for the charts) */
  runs: { run: string; params: number; tokens: number; flops: number; loss: number }[]
}

function fanBudgets(points: readonly ScalingPoint[], target: number): number[] {
  const lo = Math.min(...points.map((p) => p.flops))
  const hi = Math.max(target, 10 * Math.max(...points.map((p) => p.flops)))
  return Array.from({ length: 24 }, (_, i) => lo * Math.pow(hi / lo, i / 23))
}

function checkInput(input: PlanJobInput): void {
  for (const [k, v] of [['target', input.targetFlops], ['spend', input.spendFlops]] as const) {
    if (!(Number.isFinite(v) && v > 0)) throw new LabError('plan-bad-option', `The ${k} compute must be a positive number of FLOPs; got ${String(v)}.`, { hint: `Give --${k}-flops like 1e22.` })
  }
  if (input.minParams !== undefined && input.maxParams !== undefined && input.minParams > input.maxParams) {
    throw new LabError('plan-bad-option', `The smallest size ${input.minParams} is above the largest ${input.maxParams}.`, { hint: 'Swap --min-params and --max-params.' })
  }
  // an empty grid is refused before any fit is spent on it
  candidateRuns(input, input.points)
}

function warningsOf(input: PlanJobInput, forecast: ForecastInterval, plan: RunPlan): PlanWarning[] {
  const out: PlanWarning[] = []
  const maxFlops = Math.max(...input.points.map((p) => p.flops))
  if (forecast.failed > 0) out.push({ code: 'resamples-failed', values: { failed: forecast.failed, resamples: forecast.resamples }, message: `${forecast.failed} of ${forecast.resamples} bootstrap resamples gave no fit or no allocation and are left out of the intervals.` })
  if (input.targetFlops <= maxFlops) out.push({ code: 'target-inside-data', values: { target: input.targetFlops, max: maxFlops }, message: `The target ${input.targetFlops.toExponential(2)} FLOPs is not past the largest run (${maxFlops.toExponential(2)} FLOPs): this is interpolation, not a forecast.` })
  if (input.targetFlops > 1e4 * maxFlops) out.push({ code: 'far-extrapolation', values: { ratio: input.targetFlops / maxFlops }, message: `The target is ${(input.targetFlops / maxFlops).toExponential(1)} times the largest run's compute: more than four decades past the data, where the law's form itself is the main risk, which no interval here covers.` })
  if (plan.recommendations.length === 0) out.push({ code: 'no-recommendation', message: 'No affordable candidate narrows the interval: the spend buys nothing the fit does not know already, or is too small for the grid.' })
  const width = (i: readonly [number, number]): number => i[1] - i[0]
  const narrowing = 1 - width(plan.interval_expected) / width(forecast.loss.interval)
  if (plan.recommendations.length > 0 && narrowing < 0.01)
    out.push({
      code: 'little-narrowing',
      values: { percent: Number((100 * narrowing).toFixed(2)) },
      message: `The recommended runs narrow the interval by only ${(100 * narrowing).toFixed(2)}%: its width comes from the scatter of the runs around the law (the residual noise), which more runs do not reduce, so this spend buys little certainty at the target.`,
    })
  if (plan.naive.scale < 0.5 || plan.naive.scale > 2) out.push({ code: 'naive-scaled', values: { scale: plan.naive.scale }, message: `The naive next size costs ${(1 / plan.naive.scale ** 2).toFixed(2)} times the spend, so it was scaled by ${plan.naive.scale.toFixed(2)} in N and D: the comparison is with a run of the spend's cost at the ladder's tokens per parameter.` })
  return out
}

/** The whole plan from a full fit's parameters and its bootstrap draws (pure). */
export function planFromSamples(input: PlanJobInput, params: Record<string, number>, samples: readonly BootstrapSample[]): PlanResult {
  checkInput(input)
  const seed = input.seed ?? 1
  const level = input.level ?? 0.95
  const forecast = forecastInterval(params, samples, input.points, { flops: input.targetFlops }, seed, level)
  const law = chinchillaOf(params)
  const plan = planRuns({ ...input, law, runs: input.points, logResiduals: logResiduals(law, input.points), center: forecast.loss.value, intervalNow: forecast.loss.interval, level })
  return {
    target_flops: input.targetFlops,
    spend_flops: input.spendFlops,
    law: 'chinchilla',
    approach: forecast.approach,
    level,
    resamples: samples.length,
    seed,
    n_runs: input.points.length,
    forecast,
    interval_now: forecast.loss.interval,
    ...plan,
    method: PLAN_METHOD,
    assumptions: [...PLAN_ASSUMPTIONS],
    warnings: warningsOf(input, forecast, plan),
    fan: forecastFan(params, samples, input.points, fanBudgets(input.points, input.targetFlops), seed, level),
    params,
    runs: input.points.map((p) => ({ run: p.run, params: p.params, tokens: p.tokens, flops: p.flops, loss: p.loss })),
  }
}

export interface ForecastJobInput {
  points: ScalingPoint[]
  targetFlops: number
  bootstrap?: number
  seed?: number
  level?: number
}

export interface ForecastResult {
  target_flops: number
  level: number
  resamples: number
  seed: number
  n_runs: number
  forecast: ForecastInterval
  fan: FanPoint[]
  params: Record<string, number>
  runs: PlanResult['runs']
}

/** The forecast at a target and its fan past the data, without a plan (the Compute view's fan), as a job. */
export async function forecastJob(input: ForecastJobInput, opts: BootstrapFitOptions = {}): Promise<ForecastResult> {
  if (!(Number.isFinite(input.targetFlops) && input.targetFlops > 0)) throw new LabError('plan-bad-option', `The target compute must be a positive number of FLOPs; got ${String(input.targetFlops)}.`)
  const seed = input.seed ?? 1
  const level = input.level ?? 0.95
  const options = { seed, bootstrap: input.bootstrap ?? 200 }
  const fit = fullFit('chinchilla', input.points, options, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(0.2 * f, m) })
  throwIfCancelled(opts.signal)
  const { samples } = await bootstrapSamples('chinchilla', input.points, options, fit, { ...opts, onProgress: (f, m) => opts.onProgress?.(0.2 + 0.75 * f, m) })
  const forecast = forecastInterval(fit.params, samples, input.points, { flops: input.targetFlops }, seed, level)
  const fan = forecastFan(fit.params, samples, input.points, fanBudgets(input.points, input.targetFlops), seed, level)
  opts.onProgress?.(1, 'done')
  return {
    target_flops: input.targetFlops,
    level,
    resamples: samples.length,
    seed,
    n_runs: input.points.length,
    forecast,
    fan,
    params: fit.params,
    runs: input.points.map((p) => ({ run: p.run, params: p.params, tokens: p.tokens, flops: p.flops, loss: p.loss })),
  }
}

/** Fit, bootstrap in this thread, plan: for tests and small inputs. */
export function planInThread(input: PlanJobInput): PlanResult {
  checkInput(input)
  const options = { seed: input.seed ?? 1, bootstrap: input.bootstrap ?? 200 }
  const fit = fullFit('chinchilla', input.points, options, {})
  const samples = bootstrapRange({ law: 'chinchilla', points: input.points, options, full: fit, start: 0, end: options.bootstrap })
  return planFromSamples(input, fit.params, samples)
}

/** The plan as a job: the full fit here, the resamples over worker threads, progress and cancel. */
export async function planJob(input: PlanJobInput, opts: BootstrapFitOptions = {}): Promise<PlanResult> {
  checkInput(input)
  const options = { seed: input.seed ?? 1, bootstrap: input.bootstrap ?? 200 }
  const fit = fullFit('chinchilla', input.points, options, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(0.2 * f, m) })
  throwIfCancelled(opts.signal)
  const { samples } = await bootstrapSamples('chinchilla', input.points, options, fit, { ...opts, onProgress: (f, m) => opts.onProgress?.(0.2 + 0.75 * f, m) })
  throwIfCancelled(opts.signal)
  const result = planFromSamples(input, fit.params, samples)
  opts.onProgress?.(1, 'done')
  return result
}
