/**
 * Watched folders and the running mark of runs (migration 5). A folder is watched for one project; the lab
 * resumes its watches when it opens the catalog. A run is marked running while a watched log it came from keeps
 * changing; the watcher clears the mark once that log has been quiet for its window.
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'

export interface WatchedFolderRecord {
  id: number
  projectId: number
  projectName: string
  path: string
  createdAt: string
  lastActivityAt: string | null
  lastError: string | null
}

interface WatchRow {
  id: number
  project_id: number
  project_name: string
  path: string
  created_at: string
  last_activity_at: string | null
  last_error: string | null
}

const toRecord = (r: WatchRow): WatchedFolderRecord => ({
  id: r.id,
  projectId: r.project_id,
  projectName: r.project_name,
  path: r.path,
  createdAt: r.created_at,
  lastActivityAt: r.last_activity_at,
  lastError: r.last_error,
})

const SELECT = 'SELECT w.*, p.name AS project_name FROM watched_folders w JOIN projects p ON p.id = w.project_id'

export class WatchQueries {
  constructor(private readonly db: Database.Database) {}

  list(): WatchedFolderRecord[] {
    return (this.db.prepare(`${SELECT} ORDER BY w.id`).all() as WatchRow[]).map(toRecord)
  }

  get(id: number): WatchedFolderRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE w.id = ?`).get(id) as WatchRow | undefined
    return row ? toRecord(row) : undefined
  }

  /** Record a watch (the same folder for the same project again: the existing record). */
  add(projectId: number, path: string): WatchedFolderRecord {
    this.db.prepare('INSERT INTO watched_folders (project_id, path) VALUES (?, ?) ON CONFLICT (project_id, path) DO NOTHING').run(projectId, path)
    const id = this.db.prepare('SELECT id FROM watched_folders WHERE project_id = ? AND path = ?').pluck(true).get(projectId, path) as number
    return this.get(id)!
  }

  remove(id: number): WatchedFolderRecord {
    const w = this.get(id)
    if (!w) throw new LabError('not-found', `No watched folder with id ${id}.`, { hint: 'List the watched folders to see their ids.' })
    this.db.prepare('DELETE FROM watched_folders WHERE id = ?').run(id)
    return w
  }

  /** The time of the last change seen, and the last error (null: the last attempt went well). */
  noteActivity(id: number, at: string, error: string | null): void {
    this.db.prepare('UPDATE watched_folders SET last_activity_at = ?, last_error = ? WHERE id = ?').run(at, error, id)
  }

  /** Runs an import wrote into: those it created and those it has series in. */
  runsOfImport(importId: number): number[] {
    return this.db
      .prepare('SELECT id FROM runs WHERE import_id = @id UNION SELECT run_id FROM series WHERE import_id = @id ORDER BY 1')
      .pluck(true)
      .all({ id: importId }) as number[]
  }

  /** Mark runs running as of `at`; returns those not marked before. */
  markRunning(runIds: readonly number[], at: string): number[] {
    if (runIds.length === 0) return []
    const ids = JSON.stringify(runIds)
    const fresh = this.db.prepare("SELECT id FROM runs WHERE id IN (SELECT value FROM json_each(?)) AND status IS NOT 'running'").pluck(true).all(ids) as number[]
    this.db.prepare("UPDATE runs SET status = 'running', status_at = ? WHERE id IN (SELECT value FROM json_each(?))").run(at, ids)
    return fresh
  }

  /** Clear the mark of these runs (or of every run marked before `before`); returns the projects of the runs cleared. */
  clearRunning(q: { runIds?: readonly number[]; before?: string }): number[] {
    const where = q.runIds ? 'id IN (SELECT value FROM json_each(@ids))' : 'status_at < @before'
    const params = { ids: JSON.stringify(q.runIds ?? []), before: q.before ?? '' }
    const projects = this.db.prepare(`SELECT DISTINCT project_id FROM runs WHERE status = 'running' AND ${where}`).pluck(true).all(params) as number[]
    this.db.prepare(`UPDATE runs SET status = NULL, status_at = NULL WHERE status = 'running' AND ${where}`).run(params)
    return projects
  }
}
