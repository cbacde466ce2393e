/**
 * Downstream forecasts that know when not to forecast (issue 13): triage of a task on a ladder of small models
 * (Lourie et al. 2025, "Scaling Laws Are Unreliable for Downstream Tasks: A Reality Check", arXiv 2507.00885), then the
 * two-step prediction (N, D) -> task loss -> accuracy of Bhagia et al. 2024 (arXiv 2412.04403) at a target, with
 * bootstrap intervals over the ladder runs. The channels behind the Forecast view and `scaling-lab forecast`.
 */
import { z } from 'zod'
import { channel } from './channel'

/** Lourie et al. 2025's categories, plus `insufficient` when the ladder cannot tell. */
export const TRIAGE_VERDICTS = ['predictable', 'inverse', 'non-monotonic', 'noisy', 'trendless', 'breakthrough', 'insufficient'] as const
export type TriageVerdict = (typeof TRIAGE_VERDICTS)[number]

/** One size of the ladder line the triage reads (runs with the same tokens per parameter). */
export interface TriageSize {
  model: string
  params: number
  tokens: number | null
  /** final values: mean of the last checkpoints */
  loss: number
  accuracy: number
  /** checkpoint-to-checkpoint standard deviation of the last checkpoints (null: too few checkpoints) */
  loss_sd: number | null
  accuracy_sd: number | null
}

export interface TriageTrend {
  /** best order-restricted fit of the score across sizes */
  fit: 'flat' | 'positive' | 'inverse' | 'u-shaped' | 'inverted-u'
  /** p-values of the monotone-trend and the one-turn tests (parametric bootstrap) */
  trend_p: number
  turn_p: number
  /** last minus first size of the best monotone fit (accuracy: up is better; loss: down is better) */
  change: number
}

export interface ForecastTriage {
  verdict: TriageVerdict
  /** one sentence per finding, in the order they were checked */
  reasons: string[]
  evidence: {
    /** the ladder line read across sizes: its tokens per parameter and sizes */
    tokens_per_param: number | null
    sizes: TriageSize[]
    accuracy_trend: TriageTrend | null
    loss_trend: TriageTrend | null
    /** the paper's variance analysis on the largest ladder run: SD and CV of its last checkpoints */
    noise: {
      model: string
      checkpoints: number
      loss_sd: number
      loss_cv: number
      accuracy_sd: number
      accuracy_cv: number
      /** the loss CV above which the task is called noisy */
      threshold_cv: number
    } | null
    /** smallest accuracy change that matters */
    tolerance: number
    alpha: number
  }
}

export interface ForecastValue {
  /** null when the triage refuses to forecast */
  value: number | null
  /** 95% percentile interval of the bootstrap over ladder runs (null without a value) */
  interval: [number, number] | null
}

export interface LadderRecipeOut {
  final_checkpoints: number
  skip_fraction: number
  moving_average: number
  ceiling: number | null
}

export interface HeldOutRow {
  model: string
  params: number
  tokens: number | null
  actual_loss: number
  predicted_loss: number
  actual_accuracy: number
  predicted_accuracy: number
  /** step 2 alone: the sigmoid at the actual loss */
  accuracy_from_actual_loss: number
}

export interface LadderForecastResult {
  task: string
  loss_metric: string
  accuracy_metric: string
  /** the ladder runs the two steps were fitted on */
  runs: string[]
  /** how the runs were chosen */
  runs_rule: string
  recipe: LadderRecipeOut
  target: { label: string; params: number; tokens: number; flops_6nd: number }
  triage: ForecastTriage
  loss: ForecastValue
  accuracy: ForecastValue
  interval_method: { kind: 'bootstrap-runs'; resamples: number; used: number; level: number; seed: number; note: string }
  step1: { E: number; A: number; B: number; alpha: number; beta: number; objective: number; points: { model: string; params: number; tokens: number; loss: number; fitted: number }[] }
  step2: { a: number; k: number; L0: number; b: number; rss: number; n: number; points: { loss: number; accuracy: number }[]; curve: [number, number][] }
  /** models larger than every ladder run, predicted from the same fits and compared with what they scored */
  held_out: HeldOutRow[]
  warnings: string[]
}

export interface ForecastTaskRow {
  task: string
  triage: ForecastTriage | null
  held_out: HeldOutRow[]
  /** why this task could not be triaged or fitted (the other tasks are still answered) */
  error: string | null
}

const label = z.string().trim().min(1).max(200)
const id = z.number().int().positive()

const forecastRequest = z
  .object({
    projectId: id,
    task: label,
    lossMetric: label.default('bpb'),
    accuracyMetric: label.default('acc'),
    targetParams: z.number().positive().max(1e15),
    targetTokens: z.number().positive().max(1e18),
    targetLabel: z.string().max(100).optional(),
    /** ladder runs to fit on; default every model with at most half the target's parameters */
    runs: z.array(label).max(1000).optional(),
    resamples: z.number().int().min(0).max(2000).default(200),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  })
  .strict()

export const forecastChannels = {
  /** starts a job (bootstrap refits on a worker thread); result: LadderForecastResult */
  forecastTask: channel<{ jobId: string }>()(forecastRequest),
  /** triage and predicted-vs-actual of the held-out larger models, for every task that has both metrics */
  forecastTable: channel<ForecastTaskRow[]>()(
    z
      .object({
        projectId: id,
        lossMetric: label.default('bpb'),
        accuracyMetric: label.default('acc'),
        targetParams: z.number().positive().max(1e15),
        runs: z.array(label).max(1000).optional(),
      })
      .strict(),
  ),
}
