/**
 * The experiment catalog: one SQLite file (better-sqlite3) holding projects, runs, metric series, evaluations,
 * predictions, imports and fits. Each connection is configured once (WAL, foreign keys, busy timeout,
 * synchronous=NORMAL), migrated to the current schema, and builds its prepared statements once.
 */
import type Database from 'better-sqlite3'
import { migrate } from './migrate'
import { openDatabase, type OpenOptions } from './open-database'
import { EvaluationQueries } from './evaluation-queries'
import { FitQueries } from './fit-queries'
import { ImportQueries, type SourceImport } from './import-queries'
import { removeImportRows, type ReplacedImport } from './import-replace'
import { LossMetricQueries } from './loss-metric-queries'
import { MetricColumnQueries } from './metric-columns'
import { ProjectQueries } from './project-queries'
import { RunEditQueries } from './run-edit-queries'
import { listWithColumns } from './run-listing'
import { RunQueries } from './run-queries'
import { RunSnapshots } from './run-snapshot'
import { refuseAtlasEdit } from './read-only'
import { ScalingQueries } from './scaling-points'
import { SeriesQueries } from './series-queries'
import { WatchQueries } from './watch-queries'
import type {
  CatalogCounts,
  DeletedRunsSnapshot,
  EvaluationQuery,
  EvaluationRow,
  FitRecord,
  ImportRecord,
  LossMetricInfo,
  NewFit,
  PredictionQuery,
  PredictionRow,
  ProjectWithCounts,
  RunDetail,
  RunEdit,
  RunPatch,
  RunQuery,
  RunSummary,
  ScalingPoint,
  ScalingQuery,
  SeriesData,
  SeriesRef,
  TaskInfo,
} from './types'

export class Catalog {
  /** raw connection, for the import writer and for tests */
  readonly db: Database.Database
  readonly path: string
  private readonly projects: ProjectQueries
  private readonly runs: RunQueries
  private readonly snapshots: RunSnapshots
  private readonly seriesQueries: SeriesQueries
  private readonly scaling: ScalingQueries
  private readonly evaluations: EvaluationQueries
  private readonly fits: FitQueries
  private readonly imports: ImportQueries
  private readonly lossMetrics: LossMetricQueries
  private readonly runEditQueries: RunEditQueries
  private readonly metricColumns: MetricColumnQueries
  private readonly countAll: Database.Statement
  /** watched folders and the running mark of runs (watch-queries.ts) */
  readonly watches: WatchQueries

  constructor(path: string, opts: OpenOptions = {}) {
    this.path = path
    this.db = openDatabase(path, opts)
    try {
      migrate(this.db, path)
    } catch (e) {
      this.db.close()
      throw e
    }
    this.projects = new ProjectQueries(this.db)
    this.runs = new RunQueries(this.db)
    this.snapshots = new RunSnapshots(this.db)
    this.seriesQueries = new SeriesQueries(this.db)
    this.scaling = new ScalingQueries(this.db)
    this.evaluations = new EvaluationQueries(this.db)
    this.fits = new FitQueries(this.db)
    this.imports = new ImportQueries(this.db)
    this.lossMetrics = new LossMetricQueries(this.db)
    this.runEditQueries = new RunEditQueries(this.db)
    this.metricColumns = new MetricColumnQueries(this.db)
    this.watches = new WatchQueries(this.db)
    this.countAll = this.db.prepare(`SELECT
      (SELECT count(*) FROM projects) AS projects, (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM series) AS series,
      (SELECT count(*) FROM points) AS points, (SELECT count(*) FROM evaluations) AS evaluations,
      (SELECT count(*) FROM predictions) AS predictions, (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM fits) AS fits`)
  }

  get isOpen(): boolean {
    return this.db.open
  }

  close(): void {
    if (this.db.open) this.db.close()
  }

  /** Run fn in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  // projects
  ensureProject(name: string, opts: { description?: string | null; source?: string | null } = {}): ProjectWithCounts {
    return this.projects.ensure(name, opts)
  }
  listProjects(): ProjectWithCounts[] {
    return this.projects.list()
  }
  getProject(idOrName: number | string): ProjectWithCounts | undefined {
    return this.projects.get(idOrName)
  }

  /** Which metric is the project's loss, and why (metric-roles.ts). */
  lossMetric(projectId: number): LossMetricInfo {
    return this.lossMetrics.get(projectId)
  }
  /** Choose the project's loss metric among the metrics its runs record (null: forget the choice). */
  setLossMetric(projectId: number, metric: string | null): LossMetricInfo {
    return this.lossMetrics.set(projectId, metric)
  }
  /** The metric name that `loss` columns read for this project ('loss' when the project has none). */
  private lossMetricName(projectId: number | undefined): string {
    if (projectId === undefined || !this.projects.get(projectId)) return 'loss'
    return this.lossMetrics.get(projectId).metric ?? 'loss'
  }

  // runs
  /** the project's runs; with q.columns, q.filter or q.sort: metric columns, filtered and sorted (run-listing.ts) */
  listRuns(q: RunQuery): RunSummary[] {
    const runs = this.runs.listRuns(q, this.lossMetricName(q.projectId))
    return q.columns?.length || q.filter?.trim() || q.sort ? listWithColumns(runs, q, this.metricColumns) : runs
  }
  getRun(id: number): RunDetail {
    return this.runs.getRun(id, this.lossMetricName(this.runs.projectIdOf(id)))
  }
  /** Change a run's fields in one transaction, recording each change (runEdits). */
  updateRun(id: number, patch: RunPatch): RunSummary {
    this.refuseAtlasRuns([id])
    return this.transaction(() => {
      this.runEditQueries.apply(id, patch)
      return this.runs.summary(id, this.lossMetricName(this.runs.projectIdOf(id)))
    })
  }
  /** A run's recorded edits, newest first. */
  runEdits(runId: number): RunEdit[] {
    this.runs.getRun(runId, 'loss')
    return this.runEditQueries.edits(runId)
  }
  /** A run of the project by id (digits) or name. */
  findRun(projectId: number, idOrName: string): RunSummary | undefined {
    const runs = this.listRuns({ projectId, includeHidden: true })
    return runs.find((r) => r.name === idOrName) ?? (/^\d+$/.test(idOrName) ? runs.find((r) => r.id === Number(idOrName)) : undefined)
  }
  deleteRuns(ids: readonly number[]): DeletedRunsSnapshot {
    this.refuseAtlasRuns(ids)
    return this.snapshots.deleteRuns(ids)
  }
  /** Atlas projects are read-only (read-only.ts): refuse before anything is written. */
  private refuseAtlasRuns(ids: readonly number[]): void {
    for (const projectId of new Set(ids.map((id) => this.runs.projectIdOf(id)))) {
      const project = projectId === undefined ? undefined : this.projects.get(projectId)
      if (project) refuseAtlasEdit(project)
    }
  }
  restoreRuns(snapshot: DeletedRunsSnapshot): number {
    return this.snapshots.restoreRuns(snapshot)
  }

  // series
  getSeries(ref: number | SeriesRef, opts: { maxPoints?: number } = {}): SeriesData {
    return this.seriesQueries.getSeries(ref, opts)
  }
  /** (N, D, C, L) points; L is q.metric, else the project's loss metric (lossMetric). */
  scalingPoints(q: ScalingQuery): ScalingPoint[] {
    return this.scaling.scalingPoints({ ...q, metric: q.metric ?? this.lossMetricName(q.projectId) })
  }

  // evaluations and predictions
  listEvaluations(q: EvaluationQuery): EvaluationRow[] {
    return this.evaluations.listEvaluations(q)
  }
  listPredictions(q: PredictionQuery): PredictionRow[] {
    return this.evaluations.listPredictions(q)
  }
  listTasks(projectId: number): TaskInfo[] {
    return this.evaluations.listTasks(projectId)
  }

  // fits
  saveFit(fit: NewFit): number {
    return this.fits.saveFit(fit)
  }
  listFits(projectId: number): FitRecord[] {
    return this.fits.listFits(projectId)
  }
  getFit(id: number): FitRecord {
    return this.fits.getFit(id)
  }
  deleteFit(id: number): boolean {
    return this.fits.deleteFit(id)
  }

  // imports
  listImports(projectId: number): ImportRecord[] {
    return this.imports.listImports(projectId)
  }
  findImport(projectName: string, sha256: string): ImportRecord | undefined {
    return this.imports.findImport(projectName, sha256)
  }
  /** The latest import into the project of the file at this absolute path (a watched log that may have grown). */
  findImportOfFile(projectName: string, sourcePath: string): SourceImport | undefined {
    return this.imports.findBySource(projectName, sourcePath)
  }
  /**
   * Remove what an import wrote, and its record, so the same file can be imported again with another mapping
   * (import-replace.ts says which rows count as the import's). Call inside the import's transaction.
   */
  removeImportRows(importId: number): ReplacedImport {
    return this.transaction(() => removeImportRows(this.db, importId))
  }

  counts(): CatalogCounts {
    return this.countAll.get() as CatalogCounts
  }

  /** 'ok', or what PRAGMA integrity_check and foreign_key_check found. */
  integrityCheck(): 'ok' | string {
    const problems = (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok')
    const orphans = this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
    for (const o of orphans.slice(0, 20)) problems.push(`${o.table} row ${o.rowid} points to a missing ${o.parent}`)
    return problems.length ? problems.join('\n') : 'ok'
  }
}
