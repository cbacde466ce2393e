/**
 * Saved views (migration 004): a named selection of runs with chart settings, per project. Reading a view leaves
 * out runs deleted since it was saved and says so (droppedRunIds, warnings); the stored ids are kept, so undoing
 * the deletion brings the runs back into the view.
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import type { CurveSettings, SavedView } from '../../shared/api/curves'

interface Row {
  id: number
  project_id: number
  name: string
  run_ids: string
  settings: string
  created_at: string
  updated_at: string
}

const COLUMNS = 'id, project_id, name, run_ids, settings, created_at, updated_at'

export class SavedViewQueries {
  private readonly list: Database.Statement
  private readonly one: Database.Statement
  private readonly upsert: Database.Statement
  private readonly remove: Database.Statement
  private readonly runsOf: Database.Statement
  private readonly projectExists: Database.Statement

  constructor(db: Database.Database) {
    this.list = db.prepare(`SELECT ${COLUMNS} FROM saved_views WHERE project_id = ? ORDER BY name COLLATE NOCASE, id`)
    this.one = db.prepare(`SELECT ${COLUMNS} FROM saved_views WHERE id = ?`)
    this.upsert = db.prepare(`INSERT INTO saved_views (project_id, name, run_ids, settings) VALUES (?, ?, ?, ?)
      ON CONFLICT (project_id, name) DO UPDATE SET run_ids = excluded.run_ids, settings = excluded.settings,
        updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      RETURNING ${COLUMNS}`)
    this.remove = db.prepare('DELETE FROM saved_views WHERE id = ?')
    this.runsOf = db.prepare('SELECT id FROM runs WHERE project_id = ? AND id IN (SELECT value FROM json_each(?))').pluck(true)
    this.projectExists = db.prepare('SELECT 1 FROM projects WHERE id = ?').pluck(true)
  }

  listViews(projectId: number): SavedView[] {
    return (this.list.all(projectId) as Row[]).map((r) => this.toView(r))
  }

  getView(id: number): SavedView {
    const row = this.one.get(id) as Row | undefined
    if (!row) throw new LabError('not-found', `No saved view with id ${id}.`, { hint: 'List the views of a project with listViews.' })
    return this.toView(row)
  }

  /** Save (or replace, by name) a view; every run must be in the project. */
  saveView(projectId: number, name: string, runIds: readonly number[], settings: CurveSettings): SavedView {
    if (this.projectExists.get(projectId) === undefined) throw new LabError('not-found', `No project with id ${projectId}.`)
    const ids = [...new Set(runIds)]
    const found = new Set(this.runsOf.all(projectId, JSON.stringify(ids)) as number[])
    const foreign = ids.filter((id) => !found.has(id))
    if (foreign.length) {
      throw new LabError('bad-request', `The view ${JSON.stringify(name)} names runs that are not in this project: ids ${foreign.slice(0, 10).join(', ')}${foreign.length > 10 ? ` and ${foreign.length - 10} more` : ''}.`, {
        hint: 'Save a view of runs of one project.',
      })
    }
    return this.toView(this.upsert.get(projectId, name.trim(), JSON.stringify(ids), JSON.stringify(settings)) as Row)
  }

  deleteView(id: number): boolean {
    return this.remove.run(id).changes > 0
  }

  private toView(r: Row): SavedView {
    const stored = JSON.parse(r.run_ids) as number[]
    const present = new Set(this.runsOf.all(r.project_id, r.run_ids) as number[])
    const runIds = stored.filter((id) => present.has(id))
    const dropped = stored.filter((id) => !present.has(id))
    const view: SavedView = { id: r.id, projectId: r.project_id, name: r.name, runIds, settings: JSON.parse(r.settings) as CurveSettings, createdAt: r.created_at, updatedAt: r.updated_at }
    if (dropped.length) {
      view.droppedRunIds = dropped
      view.warnings = [`${dropped.length} of the ${stored.length} runs of view ${JSON.stringify(r.name)} are no longer in the catalog (ids ${dropped.join(', ')}); the view shows the other ${runIds.length}.`]
    }
    return view
  }
}
