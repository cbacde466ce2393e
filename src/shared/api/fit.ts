/**
 * Fits and compute trade-offs: the channels behind the Scaling, IsoFLOP and Compute views and the
 * `scaling-lab fit / optimal / figure` commands. Result shapes mirror src/core/fit/types.ts (plain JSON).
 */
import { z } from 'zod'
import { channel } from './channel'

export const LAWS = ['kaplan-n', 'kaplan-d', 'kaplan-c', 'kaplan-nd', 'envelope', 'isoflop', 'chinchilla', 'routed'] as const
export type Law = (typeof LAWS)[number]
export const PRESET_NAMES = ['chinchilla', 'besiroglu', 'kaplan', 'hoffmann-approach1', 'hoffmann-approach2'] as const
/** The FLOP budgets the lab answers for (fit --budget, optimal --flops, the optimalAllocation channel). */
export const BUDGET_MIN_FLOPS = 1e10
export const BUDGET_MAX_FLOPS = 1e32
/** Hoffmann et al. 2022: Gopher and Chinchilla were trained with about the same compute, 5.76e23 FLOPs; a fit's
 *  N_opt, D_opt and loss at the budget are derived there unless its options name a budget. */
export const CHINCHILLA_BUDGET_FLOPS = 5.76e23
export type PresetId = (typeof PRESET_NAMES)[number]

/** Why a fit's loss is the metric it is: named in the request, the project's choice, or the preference order. */
export type LossMetricSource = 'request' | 'project' | 'preference'

/** One run as a fit sees it: N, D, C, final loss (C = 6ND filled by the catalog when missing). */
export interface ScalingPointInfo {
  runId: number
  run: string
  family: string | null
  params: number
  tokens: number
  flops: number
  loss: number
  activeParams?: number
  experts?: number
}

export interface BacktestInfo {
  cutoff: number
  n_train: number
  n_test: number
  rows: { run: string; flops: number; loss: number; predicted: number; error: number; relative_error: number }[]
  mae: number
  rmse: number
  mean_relative_error: number
}

export interface FitResultInfo {
  law: Law
  n_points: number
  params: Record<string, number>
  objective: number
  se?: Record<string, number>
  ci?: Record<string, [number, number]>
  derived: Record<string, number>
  backtest?: BacktestInfo
  band?: { x: 'params' | 'tokens' | 'flops'; y: 'loss' | 'N_opt'; level: number; points: { x: number; y: number; lo: number; hi: number }[] }
  converged: boolean
  iterations: number
  /** 'law': every check passed; 'flagged': see warnings (src/core/fit/verdict-checks.ts; absent on fits stored before) */
  verdict?: 'law' | 'flagged'
  evidence?: FitEvidenceInfo
  warnings?: FitWarningInfo[]
  diagnostics?: Record<string, unknown>
}

/** A reason a reviewer would question a fit (code, a sentence, the run or budget concerned, the numbers). */
export interface FitWarningInfo {
  code: string
  message: string
  run?: string
  values?: Record<string, number>
}

/** What a fit's verdict rests on: loss range, exponents, leave-one-out refits and the thresholds used. */
export interface FitEvidenceInfo {
  loss_min: number
  loss_max: number
  loss_relative_spread: number
  exponents: Record<string, number>
  leave_one_out?: { left_out: string; exponents: Record<string, number> }[]
  loo_max_shift?: number
  thresholds: Record<string, number>
}

/** A stored fit: the result plus everything needed to run it again exactly. */
export interface StoredFit {
  id: number
  projectId: number
  law: Law
  /** metric: the loss the fit used; metricSource: why (asked for, the project's choice, the preference order) */
  selection: { runIds: number[]; metric: string; metricSource?: LossMetricSource; metricNote?: string }
  excluded: number[]
  options: FitRequestOptions
  seed: number
  result: FitResultInfo
  objective: number
  codeVersion: string
  /** the data snapshot's SHA-256, the fitting engine's version and the runs fitted (null: stored before fits recorded them) */
  provenance?: { dataHash: string; engineVersion: number; runs: number } | null
  durationMs: number
  createdAt: string
}

/** One compute group of an IsoFLOP fit (FitResultInfo.diagnostics.groups when law = 'isoflop'; Hoffmann et al. 2022, Approach 2). */
export interface IsoflopGroupInfo {
  flops: number
  runs: string[]
  /** [log10 N, loss] of each member */
  points: [number, number][]
  /** parabola L = c0 + c1 x + c2 x^2 in x = log10 N */
  parabola?: [number, number, number]
  vertex?: { N: number; D: number; loss: number; log10N: number; inRange: boolean }
  rejected?: string
  /** whether the budget enters the N_opt(C), D_opt(C) fits (absent on fits stored before: read as vertex present) */
  used?: boolean
  /** why it was skipped: too-few-sizes, minimum-at-edge, opens-downward, vertex-outside */
  reason?: string
  /** the lowest-loss run and the runs the parabola was fitted on */
  best?: string
  fitted?: string[]
  extrapolated?: { N: number; log10N: number }
}

export interface AllocationInfo {
  source: string
  flops: number
  N_opt: number
  D_opt: number
  tokens_per_param: number
  loss: number | null
  /** set when inference demand was given: Sardana et al. 2024 */
  inference?: { inference_tokens: number; N: number; D_train: number; total_flops: number; chinchilla_total_flops: number; target_loss?: number; training_flops?: number; tokens_per_param?: number }
  /** set when unique tokens were given: Muennighoff et al. 2023 */
  dataConstrained?: { unique_tokens: number; epochs: number; N_opt: number; D_opt: number; loss: number }
  /** the dataset the loss is measured on, when known (a preset): losses on different data are not comparable */
  loss_dataset?: string
  /** what a reviewer would question about this allocation (e.g. Kaplan's overfitting bound, code 'kaplan-overfitting') */
  warnings?: { code: string; message: string; values?: Record<string, number> }[]
}

export interface PresetInfo {
  id: PresetId
  /** 'envelope' / 'isoflop': an allocation-only frontier (Hoffmann's Approaches 1 and 2), no loss */
  law: 'chinchilla' | 'kaplan' | 'envelope' | 'isoflop'
  params: Record<string, number>
  citation: string
  /** the dataset the preset's loss is measured on (absent: the preset predicts no loss) */
  lossDataset?: string
}

const id = z.number().int().positive()
const positive = z.number().positive().finite()

export const fitRequestOptions = z
  .object({
    estimator: z.enum(['huber-sum', 'huber-mle']).optional(),
    bootstrap: z.number().int().min(0).max(10000).optional(),
    seed: z.number().int().min(0).max(2 ** 31).optional(),
    flopsCutoff: positive.optional(),
    isoflopTolerance: z.number().positive().max(1).optional(),
    irreducible: z.boolean().optional(),
    budget: z.number().min(BUDGET_MIN_FLOPS).max(BUDGET_MAX_FLOPS).optional(),
  })
  .strict()
export type FitRequestOptions = z.infer<typeof fitRequestOptions>

export const fitChannels = {
  /** the runs of a project as points for a fit (hidden runs left out unless named) */
  scalingPoints: channel<ScalingPointInfo[]>()(
    z.object({ projectId: id, runIds: z.array(id).max(100000).optional(), metric: z.string().min(1).max(200).optional() }).strict(),
  ),
  /** quick fits in the main process for interactive exclusion (no bootstrap): answers at once */
  previewFit: channel<FitResultInfo>()(
    z.object({ projectId: id, law: z.enum(LAWS), runIds: z.array(id).max(100000).optional(), excluded: z.array(id).max(100000).optional(), metric: z.string().min(1).max(200).optional(), options: fitRequestOptions.optional() }).strict(),
  ),
  /** a full fit as a job (bootstrap in worker threads); the job's result is the StoredFit */
  startFit: channel<{ jobId: string }>()(
    z.object({ projectId: id, law: z.enum(LAWS), runIds: z.array(id).max(100000).optional(), excluded: z.array(id).max(100000).optional(), metric: z.string().min(1).max(200).optional(), options: fitRequestOptions.optional() }).strict(),
  ),
  listFits: channel<StoredFit[]>()(z.object({ projectId: id }).strict()),
  getFit: channel<StoredFit>()(z.object({ fitId: id }).strict()),
  deleteFit: channel<{ deleted: boolean }>()(z.object({ fitId: id }).strict()),
  listPresets: channel<PresetInfo[]>()(z.object({}).strict()),
  /** compute-optimal allocation at a budget under a stored fit or a preset */
  optimalAllocation: channel<AllocationInfo>()(
    z
      .object({
        flops: z.number().min(BUDGET_MIN_FLOPS).max(BUDGET_MAX_FLOPS),
        fitId: id.optional(),
        preset: z.enum(PRESET_NAMES).optional(),
        inferenceTokens: z.number().min(0).max(1e20).optional(),
        uniqueTokens: z.number().positive().max(1e20).optional(),
      })
      .strict(),
  ),
}
