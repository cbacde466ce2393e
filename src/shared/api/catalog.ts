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

/** One evaluation of a run: a task's metric at a checkpoint (step), with its standard error when known. */
export interface RunEvaluation {
  task: string
  metric: string
  value: number
  stderr: number | null
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
const mapping = z.record(z.string().max(64), z.string().max(500))
const uploadId = z.string().regex(/^[a-f0-9]{32}$/, 'an upload id from uploadFile')

export const runSnapshotSchema = z.object({ token: z.string().min(1).max(100) })

export const catalogChannels = {
  listProjects: channel<Project[]>()(z.object({}).strict()),
  createProject: channel<Project>()(z.object({ name, description: z.string().max(5000).optional() }).strict()),
  listRuns: channel<RunSummary[]>()(
    projectRef.extend({ search: z.string().max(200).optional(), family: z.string().max(200).optional(), tag: z.string().max(200).optional(), includeHidden: z.boolean().optional() }).strict(),
  ),
  getRun: channel<RunDetail>()(z.object({ runId: id }).strict()),
  runEvaluations: channel<RunEvaluation[]>()(z.object({ runId: id }).strict()),
  getSeries: channel<SeriesData>()(z.object({ seriesId: id }).strict()),
  updateRun: channel<RunSummary>()(
    z.object({ runId: id, tags: z.array(z.string().trim().min(1).max(100)).max(100).optional(), notes: z.string().max(20000).optional(), hidden: z.boolean().optional(), family: z.string().max(200).optional() }).strict(),
  ),
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
        projectId: id,
        format: z.enum(IMPORT_FORMATS).optional(),
        mapping: mapping.optional(),
        /** leave result cells that are not numbers empty (each listed in the summary's warnings) instead of refusing the file */
        lenient: z.boolean().optional(),
      })
      .strict(),
  ),
}
