/** Shared types of the scaling-law fitting engine (plain JSON in and out, so results cross worker and IPC boundaries). */
import type { FitEvidence, FitWarning } from './verdict-checks'

/** One training run (or checkpoint): N parameters, D tokens, C FLOPs (C = 6ND is the caller's job), final loss in nats. */
export interface ScalingPoint {
  run: string
  params: number
  tokens: number
  flops: number
  loss: number
  /** parameters used per token (mixture of experts); defaults to params */
  activeParams?: number
  /** number of experts (1 or absent for a dense model) */
  experts?: number
}

export type LawName = 'kaplan-n' | 'kaplan-d' | 'kaplan-c' | 'kaplan-nd' | 'envelope' | 'isoflop' | 'chinchilla' | 'routed'

export const LAW_NAMES: readonly LawName[] = ['kaplan-n', 'kaplan-d', 'kaplan-c', 'kaplan-nd', 'envelope', 'isoflop', 'chinchilla', 'routed']

export type Estimator = 'huber-sum' | 'huber-mle'

export interface FitOptions {
  /** Approach 3 only: sum of Huber losses (Hoffmann et al.) or Huber likelihood with free scale (Besiroglu et al.); default huber-sum */
  estimator?: Estimator
  /** number of bootstrap resamples (0 = none) */
  bootstrap?: number
  /** seed of every random step (bootstrap resamples); default 1 */
  seed?: number
  /** backtest: fit on runs with flops < cutoff, score the prediction on the rest */
  flopsCutoff?: number
  /** Approach 1 and 2: half-width in log10(C) of a compute group (default 0.05 dex) */
  isoflopTolerance?: number
  /** Kaplan single-variable laws: add an irreducible term E (default false) */
  irreducible?: boolean
  /** compute budget in FLOPs at which derived N_opt, D_opt, loss are reported (default 5.76e23, the Chinchilla/Gopher budget) */
  budget?: number
}

export interface BacktestRow {
  run: string
  flops: number
  loss: number
  predicted: number
  /** predicted - loss */
  error: number
  /** |predicted - loss| / loss */
  relative_error: number
}

export interface BacktestResult {
  cutoff: number
  n_train: number
  n_test: number
  rows: BacktestRow[]
  mae: number
  rmse: number
  mean_relative_error: number
}

/** A lo/hi curve over a grid for charts: the central fit and a percentile interval from the bootstrap. */
export interface PredictionBand {
  x: 'params' | 'tokens' | 'flops'
  y: 'loss' | 'N_opt'
  level: number
  points: { x: number; y: number; lo: number; hi: number }[]
}

export interface FitResult {
  law: LawName
  n_points: number
  params: Record<string, number>
  /** the minimised objective (see diagnostics.objective_kind) */
  objective: number
  /** bootstrap standard errors of params and derived quantities */
  se?: Record<string, number>
  /** bootstrap percentile intervals (level in diagnostics.ci_level) */
  ci?: Record<string, [number, number]>
  derived: Record<string, number>
  backtest?: BacktestResult
  band?: PredictionBand
  converged: boolean
  iterations: number
  /** 'law': every check of verdict-checks.ts passed; 'flagged': see warnings (degenerate data is refused outright) */
  verdict?: 'law' | 'flagged'
  /** what the verdict rests on: loss range, exponents, leave-one-out refits, thresholds */
  evidence?: FitEvidence
  warnings?: FitWarning[]
  diagnostics?: Record<string, unknown>
}
