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
import { ImportQueries } from './import-queries'
import { ProjectQueries } from './project-queries'
import { RunQueries } from './run-queries'
import { RunSnapshots } from './run-snapshot'
import { ScalingQueries } from './scaling-points'
import { SeriesQueries } from './series-queries'
import type {
  CatalogCounts,
  DeletedRunsSnapshot,
  EvaluationQuery,
  EvaluationRow,
  FitRecord,
  ImportRecord,
  NewFit,
  PredictionQuery,
  PredictionRow,
  ProjectWithCounts,
  RunDetail,
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
  private readonly countAll: Database.Statement

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

  // runs
  listRuns(q: RunQuery): RunSummary[] {
    return this.runs.listRuns(q)
  }
  getRun(id: number): RunDetail {
    return this.runs.getRun(id)
  }
  updateRun(id: number, patch: RunPatch): RunSummary {
    return this.runs.updateRun(id, patch)
  }
  deleteRuns(ids: readonly number[]): DeletedRunsSnapshot {
    return this.snapshots.deleteRuns(ids)
  }
  restoreRuns(snapshot: DeletedRunsSnapshot): number {
    return this.snapshots.restoreRuns(snapshot)
  }

  // series
  getSeries(ref: number | SeriesRef, opts: { maxPoints?: number } = {}): SeriesData {
    return this.seriesQueries.getSeries(ref, opts)
  }
  scalingPoints(q: ScalingQuery): ScalingPoint[] {
    return this.scaling.scalingPoints(q)
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
