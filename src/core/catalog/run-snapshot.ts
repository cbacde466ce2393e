/**
 * Delete runs (cascading to their summaries, series, points, evaluations, predictions and edit history) and keep
 * what was deleted, so an undo can put every row back under its old id (with the import that wrote it).
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import { toEvaluationRecord, toPredictionRecord, type EvaluationDbRow, type PredictionDbRow } from './evaluation-queries'
import { toRunRecord, type RunRow } from './run-queries'
import type { DeletedRunsSnapshot, RunEditRow, XKind } from './types'

export class RunSnapshots {
  private readonly runs: Database.Statement
  private readonly summaries: Database.Statement
  private readonly series: Database.Statement
  private readonly points: Database.Statement
  private readonly evaluations: Database.Statement
  private readonly predictions: Database.Statement
  private readonly edits: Database.Statement
  private readonly insertEdit: Database.Statement
  private readonly remove: Database.Statement
  private readonly projectExists: Database.Statement
  private readonly importExists: Database.Statement
  private readonly nameTaken: Database.Statement
  private readonly insertRun: Database.Statement
  private readonly insertSummary: Database.Statement
  private readonly insertSeries: Database.Statement
  private readonly insertPoint: Database.Statement
  private readonly insertEvaluation: Database.Statement
  private readonly insertPrediction: Database.Statement

  constructor(private readonly db: Database.Database) {
    const ids = 'SELECT value FROM json_each(?)'
    this.runs = db.prepare(`SELECT * FROM runs WHERE id IN (${ids}) ORDER BY id`)
    this.summaries = db.prepare(`SELECT run_id, metric, value, import_id FROM summaries WHERE run_id IN (${ids})`)
    this.series = db.prepare(`SELECT id, run_id, metric, x_kind, import_id FROM series WHERE run_id IN (${ids}) ORDER BY id`)
    this.edits = db.prepare(`SELECT * FROM run_edits WHERE run_id IN (${ids}) ORDER BY id`)
    this.insertEdit = db.prepare('INSERT INTO run_edits (id, run_id, field, old_value, new_value, edited_at) VALUES (@id, @run_id, @field, @old_value, @new_value, @edited_at)')
    this.points = db.prepare('SELECT x, value, lo, hi FROM points WHERE series_id = ? ORDER BY x').raw(true)
    this.evaluations = db.prepare(`SELECT * FROM evaluations WHERE run_id IN (${ids}) ORDER BY id`)
    this.predictions = db.prepare(`SELECT * FROM predictions WHERE run_id IN (${ids}) ORDER BY id`)
    this.remove = db.prepare(`DELETE FROM runs WHERE id IN (${ids})`)
    this.projectExists = db.prepare('SELECT 1 FROM projects WHERE id = ?').pluck(true)
    this.importExists = db.prepare('SELECT 1 FROM imports WHERE id = ?').pluck(true)
    this.nameTaken = db.prepare('SELECT id FROM runs WHERE project_id = ? AND name = ?').pluck(true)
    this.insertRun = db.prepare(`INSERT INTO runs (id, project_id, name, family, params, active_params, nonembedding_params, tokens, flops,
        experts, top_k, tags, notes, config, hidden, import_id, created_at)
      VALUES (@id, @projectId, @name, @family, @params, @activeParams, @nonembeddingParams, @tokens, @flops,
        @experts, @topK, @tags, @notes, @config, @hidden, @importId, @createdAt)`)
    this.insertSummary = db.prepare('INSERT INTO summaries (run_id, metric, value, import_id) VALUES (?, ?, ?, ?)')
    this.insertSeries = db.prepare('INSERT INTO series (id, run_id, metric, x_kind, import_id) VALUES (?, ?, ?, ?, ?)')
    this.insertPoint = db.prepare('INSERT INTO points (series_id, x, value, lo, hi) VALUES (?, ?, ?, ?, ?)')
    this.insertEvaluation = db.prepare(`INSERT INTO evaluations (id, project_id, run_id, task, metric, value, stderr, n, shots, checkpoint, tokens, choices, import_id)
      VALUES (@id, @projectId, @runId, @task, @metric, @value, @stderr, @n, @shots, @checkpoint, @tokens, @choices, @importId)`)
    this.insertPrediction = db.prepare(`INSERT INTO predictions (id, project_id, run_id, task, item, probability, confidence, correct, import_id)
      VALUES (@id, @projectId, @runId, @task, @item, @probability, @confidence, @correct, @importId)`)
  }

  deleteRuns(runIds: readonly number[]): DeletedRunsSnapshot {
    const ids = JSON.stringify([...new Set(runIds)])
    return this.db.transaction((): DeletedRunsSnapshot => {
      const snapshot: DeletedRunsSnapshot = {
        runs: (this.runs.all(ids) as RunRow[]).map(toRunRecord),
        summaries: (this.summaries.all(ids) as { run_id: number; metric: string; value: number; import_id: number | null }[]).map((s) => ({ runId: s.run_id, metric: s.metric, value: s.value, importId: s.import_id })),
        series: (this.series.all(ids) as { id: number; run_id: number; metric: string; x_kind: XKind; import_id: number | null }[]).map((s) => {
          const rows = this.points.all(s.id) as [number, number, number | null, number | null][]
          return { id: s.id, runId: s.run_id, metric: s.metric, xKind: s.x_kind, importId: s.import_id, x: rows.map((r) => r[0]), y: rows.map((r) => r[1]), lo: rows.map((r) => r[2]), hi: rows.map((r) => r[3]) }
        }),
        edits: this.edits.all(ids) as RunEditRow[],
        evaluations: (this.evaluations.all(ids) as EvaluationDbRow[]).map(toEvaluationRecord),
        predictions: (this.predictions.all(ids) as PredictionDbRow[]).map(toPredictionRecord),
      }
      this.remove.run(ids)
      return snapshot
    })()
  }

  /** Put deleted runs back; returns how many runs were restored. */
  restoreRuns(snapshot: DeletedRunsSnapshot): number {
    return this.db.transaction((): number => {
      const importOrNull = (id: number | null): number | null => (id !== null && this.importExists.get(id) !== undefined ? id : null)
      for (const r of snapshot.runs) {
        if (this.projectExists.get(r.projectId) === undefined) {
          throw new LabError('restore-failed', `Cannot restore run ${r.name}: its project no longer exists.`)
        }
        if (this.nameTaken.get(r.projectId, r.name) !== undefined) {
          throw new LabError('restore-failed', `Cannot restore run ${r.name}: a run with that name exists again.`, { hint: 'Rename or delete the new run, then undo again.' })
        }
        this.insertRun.run({
          ...r,
          tags: JSON.stringify(r.tags),
          config: JSON.stringify(r.config),
          hidden: r.hidden ? 1 : 0,
          importId: importOrNull(r.importId),
        })
      }
      for (const s of snapshot.summaries) this.insertSummary.run(s.runId, s.metric, s.value, importOrNull(s.importId ?? null))
      for (const s of snapshot.series) {
        this.insertSeries.run(s.id, s.runId, s.metric, s.xKind, importOrNull(s.importId ?? null))
        for (let i = 0; i < s.x.length; i++) this.insertPoint.run(s.id, s.x[i], s.y[i], s.lo[i] ?? null, s.hi[i] ?? null)
      }
      for (const e of snapshot.evaluations) this.insertEvaluation.run({ ...e, importId: importOrNull(e.importId) })
      for (const p of snapshot.predictions) {
        this.insertPrediction.run({ ...p, correct: p.correct === null ? null : p.correct ? 1 : 0, importId: importOrNull(p.importId) })
      }
      for (const e of snapshot.edits ?? []) this.insertEdit.run(e)
      return snapshot.runs.length
    })()
  }
}
