/**
 * Planning (issue 13): the predictive interval of the compute-optimal loss at a target budget and the new runs that
 * narrow it most per FLOP (src/core/plan), behind the Plan view and `scaling-lab plan`. Shapes mirror
 * src/core/plan/plan-job.ts (plain JSON).
 */
import { z } from 'zod'
import { channel } from './channel'
import { BUDGET_MAX_FLOPS, BUDGET_MIN_FLOPS } from './fit'

export interface PlanRunInfo {
  params: number
  tokens: number
  flops: number
}

export interface PlanRecommendationInfo extends PlanRunInfo {
  tokens_per_param: number
  predicted_loss: number
  interval_after: [number, number]
}

export interface ForecastIntervalInfo {
  law: 'chinchilla'
  approach: string
  target: { flops?: number; params?: number; tokens?: number }
  level: number
  resamples: number
  failed: number
  seed: number
  residual_model: string
  loss: { value: number; interval: [number, number]; law_interval: [number, number] }
  N_opt?: { value: number; interval: [number, number] }
  D_opt?: { value: number; interval: [number, number] }
  residual_sd: number
}

/** One budget of the predictive fan past the data. */
export interface FanPointInfo {
  flops: number
  loss: number
  lo: number
  hi: number
  N_opt: number
  N_lo: number
  N_hi: number
  D_opt: number
  D_lo: number
  D_hi: number
}

export interface PlanInfo {
  target_flops: number
  spend_flops: number
  law: 'chinchilla'
  approach: string
  level: number
  resamples: number
  seed: number
  n_runs: number
  /** the loss metric the runs were fitted on, and why it is that one */
  loss_metric: string
  loss_metric_note: string
  forecast: ForecastIntervalInfo
  /** bootstrap predictive interval of the compute-optimal model's loss at the target, now */
  interval_now: [number, number]
  recommendations: PlanRecommendationInfo[]
  spent_flops: number
  interval_expected: [number, number]
  interval_now_local: [number, number]
  interval_expected_local: [number, number]
  naive: { runs: PlanRunInfo[]; ratio: number; tokens_per_param: number; next_params: number; scale: number; note: string; interval_expected: [number, number]; interval_expected_local: [number, number] }
  candidates: number
  size_bounds: { min: number; max: number }
  sigma: number
  param_sd_now: number
  param_sd_expected: number
  method: string
  assumptions: string[]
  warnings: { code: string; message: string; values?: Record<string, number> }[]
  fan: FanPointInfo[]
  params: Record<string, number>
  /** the runs the law was fitted on */
  runs: { run: string; params: number; tokens: number; flops: number; loss: number }[]
}

/** The forecast at a target and its fan past the data, without a plan (the Compute view's N_opt / D_opt fan). */
export interface ForecastFanInfo {
  target_flops: number
  level: number
  resamples: number
  seed: number
  n_runs: number
  loss_metric: string
  loss_metric_note: string
  forecast: ForecastIntervalInfo
  fan: FanPointInfo[]
  params: Record<string, number>
  runs: { run: string; params: number; tokens: number; flops: number; loss: number }[]
}

const id = z.number().int().positive()
const flops = z.number().min(BUDGET_MIN_FLOPS).max(BUDGET_MAX_FLOPS)
const size = z.number().min(1e3).max(1e15)

export const planRequest = z
  .object({
    projectId: id,
    runIds: z.array(id).max(100000).optional(),
    excluded: z.array(id).max(100000).optional(),
    metric: z.string().min(1).max(200).optional(),
    targetFlops: flops,
    spendFlops: flops,
    minParams: size.optional(),
    maxParams: size.optional(),
    /** allowed model sizes (an architecture constraint) */
    sizes: z.array(size).min(1).max(200).optional(),
    /** token multiples of 20 N */
    tokenMultiples: z.array(z.number().positive().max(1000)).min(1).max(50).optional(),
    bootstrap: z.number().int().min(20).max(10000).optional(),
    seed: z.number().int().min(0).max(2 ** 31).optional(),
    maxRuns: z.number().int().min(1).max(50).optional(),
  })
  .strict()
export type PlanRequest = z.infer<typeof planRequest>

export const forecastRequest = z
  .object({
    projectId: id,
    runIds: z.array(id).max(100000).optional(),
    excluded: z.array(id).max(100000).optional(),
    metric: z.string().min(1).max(200).optional(),
    targetFlops: flops,
    bootstrap: z.number().int().min(20).max(10000).optional(),
    seed: z.number().int().min(0).max(2 ** 31).optional(),
  })
  .strict()

export const planChannels = {
  /** the forecast at a target with its predictive, N_opt and D_opt intervals and the fan past the data, as a job; the job's result is the ForecastFanInfo */
  startForecastFan: channel<{ jobId: string }>()(forecastRequest),
  /** a plan as a job (fit, bootstrap over worker threads, choice of runs); the job's result is the PlanInfo */
  startPlan: channel<{ jobId: string }>()(planRequest),
}
