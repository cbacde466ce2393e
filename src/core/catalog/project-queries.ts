/** Projects: a named set of runs with its own imports and fits. */
import type Database from 'better-sqlite3'
import type { ProjectWithCounts } from './types'

interface ProjectRow {
  id: number
  name: string
  description: string | null
  source: string | null
  created_at: string
  runs: number
}

const columns = `p.id, p.name, p.description, p.source, p.created_at, (SELECT count(*) FROM runs r WHERE r.project_id = p.id) AS runs`

function toProject(row: ProjectRow): ProjectWithCounts {
  return { id: row.id, name: row.name, description: row.description, source: row.source, createdAt: row.created_at, runs: row.runs }
}

export class ProjectQueries {
  private readonly insert: Database.Statement
  private readonly update: Database.Statement
  private readonly byName: Database.Statement
  private readonly byId: Database.Statement
  private readonly all: Database.Statement

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO projects (name, description, source) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING')
    this.update = db.prepare('UPDATE projects SET description = coalesce(?, description), source = coalesce(?, source) WHERE name = ?')
    this.byName = db.prepare(`SELECT ${columns} FROM projects p WHERE p.name = ?`)
    this.byId = db.prepare(`SELECT ${columns} FROM projects p WHERE p.id = ?`)
    this.all = db.prepare(`SELECT ${columns} FROM projects p ORDER BY p.id`)
  }

  /** The project with this name, created when missing; description and source are updated when given. */
  ensure(name: string, opts: { description?: string | null; source?: string | null } = {}): ProjectWithCounts {
    const clean = name.trim()
    return this.db.transaction(() => {
      const created = this.insert.run(clean, opts.description ?? null, opts.source ?? null).changes > 0
      if (!created && (opts.description != null || opts.source != null)) this.update.run(opts.description ?? null, opts.source ?? null, clean)
      return toProject(this.byName.get(clean) as ProjectRow)
    })()
  }

  list(): ProjectWithCounts[] {
    return (this.all.all() as ProjectRow[]).map(toProject)
  }

  get(idOrName: number | string): ProjectWithCounts | undefined {
    const row = (typeof idOrName === 'number' ? this.byId.get(idOrName) : this.byName.get(idOrName.trim())) as ProjectRow | undefined
    return row ? toProject(row) : undefined
  }
}
