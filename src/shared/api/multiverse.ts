/**
 * The robustness audit (a specification curve for a fit) and fit provenance (diff and re-derive stored fits):
 * the channels behind the Scaling view's "Audit robustness", "Compare" and "Re-derive" actions and
 * `scaling-lab fit LAW --multiverse`, `fit --diff A B`, `fit --rederive A`. Result shapes mirror src/core/multiverse.
 */
import { z } from 'zod'
import { channel } from './channel'
import { BUDGET_MAX_FLOPS, BUDGET_MIN_FLOPS } from './fit'

export const AUDIT_ESTIMATORS = ['huber-1e-3', 'huber-1e-4', 'huber-mle', 'least-squares'] as const
export type AuditEstimator = (typeof AUDIT_ESTIMATORS)[number]
export type AuditApproach = '1' | '2' | '3'
export type NDefinition = 'total' | 'non-embedding' | 'active'
export type FlopsDefinition = 'recorded' | '6ND'
export type OptimiserStart = 'grid' | 'hoffmann'
export const CHOICE_DIMENSIONS = ['approach', 'estimator', 'points', 'n_definition', 'flops', 'start'] as const
export type ChoiceDimension = (typeof CHOICE_DIMENSIONS)[number]

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
  /** the choices concerned (a whole level names only the dimensions that matter) */
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

export interface MultiverseResult {
  law: string
  budget: number
  budget_note: string
  n_runs: number
  /** the loss metric fitted and why */
  loss_metric?: string
  levels: LevelInfo[]
  specs: SpecResult[]
  skipped: SkippedSpec[]
  spread: { a: [number, number] | null; b: [number, number] | null; tokens_per_param: [number, number] | null; loss_at_budget: [number, number] | null }
  most_influential: ChoiceDimension | null
  measure: string
  influence: InfluenceRow[]
  warnings: string[]
}

/** What differs between two stored fits: data (runs), choices (law, options, selection, seed, code) and numbers. */
export interface FitDiffInfo {
  a: number
  b: number
  /** false when either fit was stored before fits recorded their data snapshot (then only choices and numbers) */
  data_known: boolean
  data_note: string
  data: { same: boolean; added: string[]; removed: string[]; changed: { run: string; fields: Record<string, [number, number]> }[] }
  choices: { field: string; a: unknown; b: unknown }[]
  numbers: { name: string; a: number | null; b: number | null; relative_difference: number | null }[]
}

export interface RederiveInfo {
  fitId: number
  /** the data the catalog holds now against the stored snapshot */
  data_changed: boolean | null
  data_note: string
  data: FitDiffInfo['data']
  /** every parameter and derived quantity equal bit for bit */
  identical: boolean
  max_relative_difference: number
  numbers: FitDiffInfo['numbers']
  code_version: { stored: string | null; now: string; stored_engine: number | null; engine: number }
}

const id = z.number().int().positive()
const selection = {
  projectId: id,
  law: z.enum(['chinchilla', 'isoflop', 'envelope']),
  runIds: z.array(id).max(100000).optional(),
  excluded: z.array(id).max(100000).optional(),
  metric: z.string().min(1).max(200).optional(),
  budget: z.number().min(BUDGET_MIN_FLOPS).max(BUDGET_MAX_FLOPS).optional(),
}

export const multiverseChannels = {
  /** the robustness audit as a job (specifications over worker threads); the job's result is a MultiverseResult */
  startAudit: channel<{ jobId: string }>()(z.object(selection).strict()),
  /** what differs between two stored fits */
  diffFits: channel<FitDiffInfo>()(z.object({ a: id, b: id }).strict()),
  /** refit a stored fit from the catalog as a job; the job's result is a RederiveInfo (nothing is stored) */
  startRederive: channel<{ jobId: string }>()(z.object({ fitId: id }).strict()),
}
