/** The catalog channels: projects, runs, series, evaluations, imports. */
import { z } from 'zod'
import { channel } from './channel'

export interface Project {
  id: number
  name: string
  description: string | null
  source: string | null
  createdAt: string
}

export interface RunSummary {
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
  hidden: boolean
  metrics: string[]
  loss?: number | null
  /** the metric columns asked by listRuns' `columns`, by the text they were asked by (null: no value) */
  columns?: Record<string, number | null>
  /** per column, when the value is not the plain reading or is missing: which axis, which point, or why none */
  columnNotes?: Record<string, string>
  /** 'running': a watched folder saw the run's log change within its quiet window (issue 14) */
  status?: 'running' | null
}

export interface SeriesInfo {
  id: number
  metric: string
  xKind: 'step' | 'tokens' | 'flops'
  points: number
}

export interface RunDetail extends RunSummary {
  config: Record<string, unknown> | null
  summaries: Record<string, number>
  series: SeriesInfo[]
}

export interface SeriesData {
  x: number[]
  y: number[]
  lo?: (number | null)[]
  hi?: (number | null)[]
}

export const IMPORT_FORMATS = ['auto', 'summary', 'long', 'wide', 'wandb-panel', 'wandb-runs', 'tensorboard', 'mlflow', 'evals', 'predictions'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

export interface ImportPreview {
  file: string
  format: Exclude<ImportFormat, 'auto'>
  delimiter: string
  decimalComma: boolean
  hasBom: boolean
  columns: string[]
  mapping: Record<string, string>
  sampleRows: string[][]
  detectedRuns?: string[]
  warnings: string[]
}

export interface ImportSummary {
  file: string
  format: string
  runs: number
  points: number
  evals: number
  predictions: number
  duplicate: boolean
  importId?: number
  /** everything the import assumed, skipped, renamed or left out, in words a user can act on */
  warnings: string[]
  /** evaluation rows that were items of a group (same model, task, metric, shots, checkpoint), aggregated to means */
  items: number
  /** the id of the earlier import of the same file that this one replaced (--replace) */
  replacedImportId?: number
}

/** The run fields an edit can change (updateRun), as recorded in a run's edit history. */
export const RUN_EDIT_FIELDS = ['family', 'params', 'activeParams', 'nonembeddingParams', 'tokens', 'flops', 'experts', 'tags', 'notes', 'hidden'] as const
export type RunEditField = (typeof RUN_EDIT_FIELDS)[number]

/** One recorded edit of a run: when, which field, the value before and after (null: empty). */
export interface RunEdit {
  id: number
  runId: number
  field: string
  oldValue: unknown
  newValue: unknown
  editedAt: string
}

/** Which metric is a project's loss, and why (chosen for the project, or picked by the preference order). */
export interface LossMetricInfo {
  /** null when the project has no loss-like metric and none was chosen */
  metric: string | null
  source: 'project' | 'preference' | 'none'
  /** the project's loss-like metrics, most preferred first */
  candidates: string[]
  /** every metric the project's runs record */
  metrics: string[]
  /** one sentence: which metric is the loss and why */
  note: string
}

/** One evaluation of a run: a task's metric at a checkpoint (step), with its standard error when known. */
export interface RunEvaluation {
  task: string
  metric: string
  value: number
  stderr: number | null
  /** items behind the value, when known (a per-item file's group size, or the file's n column) */
  n: number | null
  shots: number | null
  checkpoint: number | string | null
  /** tokens seen at this checkpoint, when known */
  tokens: number | null
}

export interface ImportRecord {
  id: number
  fileName: string
  size: number
  sha256: string
  format: string
  mapping: Record<string, string>
  counts: Record<string, number>
  importedAt: string
}

export interface CatalogCounts {
  projects: number
  runs: number
  series: number
  points: number
  evaluations: number
  predictions: number
  imports: number
  fits: number
}

const id = z.number().int().positive()
const projectRef = z.object({ projectId: id })
const name = z.string().trim().min(1).max(200)
/** a parameter, token or FLOP count: positive and finite */
const count = z.number().positive().finite()
const mapping = z.record(z.string().max(64), z.string().max(500))
const uploadId = z.string().regex(/^[a-f0-9]{32}$/, 'an upload id from uploadFile')

export const runSnapshotSchema = z.object({ token: z.string().min(1).max(100) })

export const catalogChannels = {
  listProjects: channel<Project[]>()(z.object({}).strict()),
  createProject: channel<Project>()(z.object({ name, description: z.string().max(5000).optional() }).strict()),
  /** runs of a project; `columns` adds metric columns (metric:agg, src/shared/run-columns.ts), `filter` keeps the runs an
   *  expression holds for (src/shared/run-filter.ts), `sort` orders by a run field or a metric column (missing last) */
  listRuns: channel<RunSummary[]>()(
    projectRef
      .extend({
        search: z.string().max(200).optional(),
        family: z.string().max(200).optional(),
        tag: z.string().max(200).optional(),
        includeHidden: z.boolean().optional(),
        columns: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
        filter: z.string().max(2000).optional(),
        sort: z.object({ by: z.string().trim().min(1).max(300), dir: z.enum(['asc', 'desc']) }).strict().optional(),
      })
      .strict(),
  ),
  getRun: channel<RunDetail>()(z.object({ runId: id }).strict()),
  runEvaluations: channel<RunEvaluation[]>()(z.object({ runId: id }).strict()),
  getSeries: channel<SeriesData>()(z.object({ seriesId: id }).strict()),
  /** edits a run's fields (null clears one); every change is recorded (runEdits) */
  updateRun: channel<RunSummary>()(
    z
      .object({
        runId: id,
        tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
        notes: z.string().max(20000).optional(),
        hidden: z.boolean().optional(),
        family: z.string().max(200).nullable().optional(),
        params: count.nullable().optional(),
        activeParams: count.nullable().optional(),
        nonembeddingParams: count.nullable().optional(),
        tokens: count.nullable().optional(),
        flops: count.nullable().optional(),
        experts: z.number().int().min(1).max(1e6).nullable().optional(),
      })
      .strict(),
  ),
  /** a run's edit history, newest first */
  runEdits: channel<RunEdit[]>()(z.object({ runId: id }).strict()),
  /** which metric is the project's loss, and why */
  lossMetric: channel<LossMetricInfo>()(projectRef.strict()),
  /** choose the project's loss metric (null: forget the choice) */
  setLossMetric: channel<LossMetricInfo>()(projectRef.extend({ metric: z.string().trim().min(1).max(200).nullable() }).strict()),
  /** deletes runs and returns an undo token valid for this session */
  deleteRuns: channel<{ deleted: number; undoToken: string }>()(z.object({ runIds: z.array(id).min(1).max(100000) }).strict()),
  undoDelete: channel<{ restored: number }>()(runSnapshotSchema.strict()),
  listImports: channel<ImportRecord[]>()(projectRef.strict()),
  counts: channel<CatalogCounts>()(z.object({}).strict()),
  previewImport: channel<ImportPreview>()(
    z.object({ uploadId, format: z.enum(IMPORT_FORMATS).optional(), mapping: mapping.optional() }).strict(),
  ),
  /** starts an import job; its result (ImportSummary) arrives with the job's 'done' event */
  startImport: channel<{ jobId: string }>()(
    z
      .object({
        uploadId,
        /** the project by id, or (`project`) by name: a named project that does not exist yet is created by the
         *  import's own transaction, so a refused import leaves no empty project behind (the CLI's --project) */
        projectId: id.optional(),
        project: name.optional(),
        format: z.enum(IMPORT_FORMATS).optional(),
        mapping: mapping.optional(),
        /** leave result cells that are not numbers empty (each listed in the summary's warnings) instead of refusing the file */
        lenient: z.boolean().optional(),
        /** the same file imported before into the project is replaced (its rows removed, then imported anew) */
        replace: z.boolean().optional(),
      })
      .strict()
      .refine((r) => (r.projectId === undefined) !== (r.project === undefined), { message: 'give projectId or project (a name), one of the two' }),
  ),
  /** the earlier import of the uploaded file's bytes (same SHA-256) into the project, if any */
  earlierImport: channel<ImportRecord | null>()(z.object({ uploadId, projectId: id }).strict()),
}
