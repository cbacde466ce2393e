/**
 * The robustness audit ("multiverse" / specification curve: Simonsohn, Simmons & Nelson 2020, "Specification curve
 * analysis", Nature Human Behaviour 4; Steegen et al. 2016, "Increasing transparency through a multiverse analysis"):
 * one scaling-law answer refitted under every defensible analysis choice the data allow. Plain JSON in and out.
 */
import type { ScalingPoint } from '../fit/types'

/** A run as the audit sees it: the fit's point plus what the other N and FLOP definitions need. */
export interface AuditPoint extends ScalingPoint {
  /** non-embedding parameters, when the catalog records them */
  nonEmbeddingParams?: number
  /** true when the run records its FLOPs (false: the catalog derived them as 6ND) */
  flopsRecorded: boolean
  /** true when the run records its tokens (false: derived from its FLOPs as C / 6N) */
  tokensRecorded: boolean
}

export const AUDIT_ESTIMATORS = ['huber-1e-3', 'huber-1e-4', 'huber-mle', 'least-squares'] as const
export type AuditEstimator = (typeof AUDIT_ESTIMATORS)[number]
export type AuditApproach = '1' | '2' | '3'
export type NDefinition = 'total' | 'non-embedding' | 'active'
export type FlopsDefinition = 'recorded' | '6ND'
export type OptimiserStart = 'grid' | 'hoffmann'

/** One specification's choices; null where a dimension does not apply (e.g. the estimator of Approach 2). */
export interface SpecChoices {
  approach: AuditApproach
  estimator: AuditEstimator | null
  /** 'all', 'drop-top-k' (k = 1..5), 'drop-smallest', 'flop-floor' */
  points: string
  n_definition: NDefinition
  flops: FlopsDefinition | null
  start: OptimiserStart | null
}

export const CHOICE_DIMENSIONS = ['approach', 'estimator', 'points', 'n_definition', 'flops', 'start'] as const
export type ChoiceDimension = (typeof CHOICE_DIMENSIONS)[number]

export interface AuditSpec {
  id: number
  choices: SpecChoices
}

export interface SpecResult {
  id: number
  choices: SpecChoices
  n_points: number
  params: Record<string, number>
  /** allocation exponents N_opt ~ C^a, D_opt ~ C^b (null when the fit gives none) */
  a: number | null
  b: number | null
  tokens_per_param: number | null
  /** Approach 3: the law's loss at the compute-optimal point; Approaches 1-2: the frontier power law L_opt(C) */
  loss_at_budget: number | null
  converged: boolean
}

export interface SkippedSpec {
  /** the choices concerned (a whole level: only the dimensions that matter are set) */
  choices: Partial<SpecChoices>
  reason: string
}

export interface LevelInfo {
  dimension: ChoiceDimension
  level: string
  description: string
}

export interface InfluenceRow {
  dimension: ChoiceDimension
  /** max - min over the dimension's levels of the median log10(tokens per parameter) */
  range: number
  medians: Record<string, number>
}

export interface AuditInput {
  points: AuditPoint[]
  /** compute budget for N_opt, D_opt, tokens per parameter and loss (FLOPs) */
  budget: number
}

export interface MultiverseResult {
  budget: number
  budget_note: string
  n_runs: number
  levels: LevelInfo[]
  specs: SpecResult[]
  skipped: SkippedSpec[]
  spread: { a: [number, number] | null; b: [number, number] | null; tokens_per_param: [number, number] | null; loss_at_budget: [number, number] | null }
  most_influential: ChoiceDimension | null
  measure: string
  influence: InfluenceRow[]
  warnings: string[]
}
