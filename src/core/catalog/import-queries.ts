/** The imports table: one row per imported file (name, size, SHA-256, format, mapping, counts, time). */
import type Database from 'better-sqlite3'
import { parseJsonColumn } from './json-column'
import type { ImportRecord } from './types'

interface ImportRow {
  id: number
  project_id: number
  file_name: string
  size: number
  sha256: string
  format: string
  mapping: string
  counts: string
  imported_at: string
  source_path?: string | null
  resume?: string | null
}

/** The latest import of a file (by its absolute path), with where reading it resumes (JSON, or null). */
export interface SourceImport extends ImportRecord {
  projectId: number
  sourcePath: string
  resume: string | null
}

export function toImportRecord(r: ImportRow): ImportRecord & { projectId: number } {
  return {
    id: r.id,
    projectId: r.project_id,
    fileName: r.file_name,
    size: r.size,
    sha256: r.sha256,
    format: r.format,
    mapping: parseJsonColumn<Record<string, string>>(r.mapping, {}),
    counts: parseJsonColumn<Record<string, number>>(r.counts, {}),
    importedAt: r.imported_at,
  }
}

export class ImportQueries {
  private readonly list: Database.Statement
  private readonly bySha: Database.Statement
  private readonly bySource: Database.Statement

  constructor(db: Database.Database) {
    this.list = db.prepare('SELECT * FROM imports WHERE project_id = ? ORDER BY id DESC')
    this.bySource = db.prepare(
      'SELECT i.* FROM imports i JOIN projects p ON p.id = i.project_id WHERE p.name = ? AND i.source_path = ? ORDER BY i.id DESC LIMIT 1',
    )
    this.bySha = db.prepare('SELECT i.* FROM imports i JOIN projects p ON p.id = i.project_id WHERE p.name = ? AND i.sha256 = ?')
  }

  listImports(projectId: number): (ImportRecord & { projectId: number })[] {
    return (this.list.all(projectId) as ImportRow[]).map(toImportRecord)
  }

  /** The earlier import of the same bytes into this project, if any. */
  findImport(projectName: string, sha256: string): (ImportRecord & { projectId: number }) | undefined {
    const row = this.bySha.get(projectName.trim(), sha256) as ImportRow | undefined
    return row ? toImportRecord(row) : undefined
  }

  /** The latest import into this project of the file at this absolute path, if any. */
  findBySource(projectName: string, sourcePath: string): SourceImport | undefined {
    const row = this.bySource.get(projectName.trim(), sourcePath) as ImportRow | undefined
    return row ? { ...toImportRecord(row), sourcePath, resume: row.resume ?? null } : undefined
  }
}
