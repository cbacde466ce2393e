/**
 * What the catalog hands out: camelCase objects (snake_case lives only in SQL). The types the renderer also
 * sees come from the LabApi contract in src/shared; the rest are defined here.
 */
import type { CatalogCounts, ImportRecord, LossMetricInfo, Project, RunDetail, RunEdit, RunEditField, RunSummary, SeriesData, SeriesInfo } from '../../shared/api/catalog'

export type { CatalogCounts, ImportRecord, LossMetricInfo, Project, RunDetail, RunEdit, RunEditField, RunSummary, SeriesData, SeriesInfo }

export type XKind = SeriesInfo['xKind']
export const X_KINDS: readonly XKind[] = ['step', 'tokens', 'flops']

export interface ProjectWithCounts extends Project {
  runs: number
}

export interface RunQuery {
  projectId: number
  /** case-insensitive substring of the name, family, notes or a tag */
  search?: string
  family?: string
  tag?: string
  includeHidden?: boolean
  /** metric columns to add (metric:agg) */
  columns?: string[]
  /** a filter expression (src/shared/run-filter.ts) */
  filter?: string
  /** a run field or a metric column; runs without a value go last */
  sort?: { by: string; dir: 'asc' | 'desc' }
}

/** Fields to change (undefined: unchanged; null: cleared). Counts positive and finite; experts whole. */
export interface RunPatch {
  tags?: string[]
  notes?: string | null
  hidden?: boolean
  family?: string | null
  params?: number | null
  activeParams?: number | null
  nonembeddingParams?: number | null
  tokens?: number | null
  flops?: number | null
  experts?: number | null
}

export interface SeriesRef {
  runId: number
  metric: string
  xKind?: XKind
}

/** One run as stored, for undo. */
export interface RunRecord {
  id: number
  projectId: number
  name: string
  family: string | null
  params: number | null
  activeParams: number | null
  nonembeddingParams: number | null
  tokens: number | null
  flops: number | null
  experts: number | null
  topK: number | null
  tags: string[]
  notes: string | null
  config: Record<string, unknown>
  hidden: boolean
  importId: number | null
  createdAt: string
}

/** Everything deleteRuns removed, enough for restoreRuns to put it back with the same ids. */
export interface DeletedRunsSnapshot {
  runs: RunRecord[]
  summaries: { runId: number; metric: string; value: number; importId?: number | null }[]
  series: { id: number; runId: number; metric: string; xKind: XKind; importId?: number | null; x: number[]; y: number[]; lo: (number | null)[]; hi: (number | null)[] }[]
  evaluations: EvaluationRecord[]
  predictions: PredictionRecord[]
  /** the runs' edit history, as stored */
  edits?: RunEditRow[]
}

/** One row of run_edits as stored (values as JSON text). */
export interface RunEditRow {
  id: number
  run_id: number
  field: string
  old_value: string | null
  new_value: string | null
  edited_at: string
}

/** One (N, D, C, L) point for a scaling-law fit. */
export interface ScalingPoint {
  run: string
  runId: number
  family: string | null
  params: number
  tokens: number
  flops: number
  loss: number
  activeParams?: number
  experts?: number
  /** non-embedding parameters, when the run records them (the robustness audit's N definitions) */
  nonEmbeddingParams?: number
  /** which of tokens / flops were derived (C = 6ND) because the run did not record them */
  derived?: ('tokens' | 'flops')[]
  /** ScalingQuery.singleVariable only: what the run does not record (those fields are NaN) */
  missing?: ('params' | 'tokens' | 'flops')[]
}

export interface ScalingQuery {
  projectId: number
  /** explicit runs (hidden ones included when named); default: every visible run of the project */
  runIds?: number[]
  /** summary metric, else the last value of a series with this metric; default: the project's loss metric */
  metric?: string
  /**
   * Kaplan L(N) / L(D) need only N (or D) and the loss: also keep runs that record just this variable and the loss
   * (their missing fields are NaN and listed in `missing`). Default: every point has N, D and C.
   */
  singleVariable?: 'params' | 'tokens'
}

export interface EvaluationRecord {
  id: number
  projectId: number
  runId: number
  task: string
  metric: string
  value: number
  stderr: number | null
  /** items behind the value (a per-item file's group size, or the file's n column); null: not known */
  n: number | null
  shots: number | null
  checkpoint: number | string | null
  tokens: number | null
  choices: number | null
  importId: number | null
}

/** An evaluation joined with its run. */
export interface EvaluationRow extends EvaluationRecord {
  run: string
  family: string | null
  params: number | null
  activeParams: number | null
  /** tokens seen at this checkpoint when recorded, else the run's training tokens */
  tokensSeen: number | null
  /** 6 N D with D = tokensSeen (N = active parameters when known), else the run's FLOPs */
  flops: number | null
  runTokens: number | null
  runFlops: number | null
}

export interface EvaluationQuery {
  projectId: number
  task?: string
  metric?: string
}

export interface PredictionRecord {
  id: number
  projectId: number
  runId: number
  task: string
  item: string
  probability: number | null
  confidence: number | null
  correct: boolean | null
  importId: number | null
}

export interface PredictionRow extends PredictionRecord {
  run: string
  family: string | null
  params: number | null
}

export interface PredictionQuery {
  projectId: number
  task?: string
  /** run (model) name */
  model?: string
}

export interface TaskInfo {
  task: string
  metrics: string[]
  evaluations: number
  predictions: number
  runs: number
  /** the file names of the imports the task's evaluations and predictions came from */
  sources: string[]
}

export interface NewFit {
  projectId: number
  /** the law or analysis, e.g. 'chinchilla-approach3' */
  kind: string
  selection?: unknown
  excluded?: unknown
  options?: unknown
  seed?: number | null
  result?: unknown
  objective?: number | null
  codeVersion?: string | null
  durationMs?: number | null
}

export interface FitRecord {
  id: number
  projectId: number
  kind: string
  selection: unknown
  excluded: unknown
  options: unknown
  seed: number | null
  result: unknown
  objective: number | null
  codeVersion: string | null
  durationMs: number | null
  createdAt: string
}
