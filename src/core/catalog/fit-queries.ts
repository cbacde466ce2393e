/** Stored fits: what was fitted (selection, exclusions, options, seed) and what came out, so it can be redone. */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import { parseJsonColumn, toJsonColumn } from './json-column'
import type { FitRecord, NewFit } from './types'

interface FitRow {
  id: number
  project_id: number
  kind: string
  selection: string
  excluded: string
  options: string
  seed: number | null
  result: string
  objective: number | null
  code_version: string | null
  duration_ms: number | null
  created_at: string
}

function toFit(r: FitRow): FitRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    kind: r.kind,
    selection: parseJsonColumn<unknown>(r.selection, {}),
    excluded: parseJsonColumn<unknown>(r.excluded, []),
    options: parseJsonColumn<unknown>(r.options, {}),
    seed: r.seed,
    result: parseJsonColumn<unknown>(r.result, {}),
    objective: r.objective,
    codeVersion: r.code_version,
    durationMs: r.duration_ms,
    createdAt: r.created_at,
  }
}

const finiteOrNull = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v)

export class FitQueries {
  private readonly insert: Database.Statement
  private readonly list: Database.Statement
  private readonly one: Database.Statement
  private readonly remove: Database.Statement

  constructor(db: Database.Database) {
    this.insert = db.prepare(`INSERT INTO fits (project_id, kind, selection, excluded, options, seed, result, objective, code_version, duration_ms)
      VALUES (@projectId, @kind, @selection, @excluded, @options, @seed, @result, @objective, @codeVersion, @durationMs)`)
    this.list = db.prepare('SELECT * FROM fits WHERE project_id = ? ORDER BY created_at DESC, id DESC')
    this.one = db.prepare('SELECT * FROM fits WHERE id = ?')
    this.remove = db.prepare('DELETE FROM fits WHERE id = ?')
  }

  saveFit(fit: NewFit): number {
    if (!fit.kind.trim()) throw new LabError('bad-fit', 'A fit needs a kind (the law or analysis it ran).')
    const info = this.insert.run({
      projectId: fit.projectId,
      kind: fit.kind.trim(),
      selection: toJsonColumn(fit.selection, '{}'),
      excluded: toJsonColumn(fit.excluded, '[]'),
      options: toJsonColumn(fit.options, '{}'),
      seed: fit.seed ?? null,
      result: toJsonColumn(fit.result, '{}'),
      objective: finiteOrNull(fit.objective),
      codeVersion: fit.codeVersion ?? null,
      durationMs: finiteOrNull(fit.durationMs),
    })
    return Number(info.lastInsertRowid)
  }

  listFits(projectId: number): FitRecord[] {
    return (this.list.all(projectId) as FitRow[]).map(toFit)
  }

  getFit(id: number): FitRecord {
    const row = this.one.get(id) as FitRow | undefined
    if (!row) throw new LabError('not-found', `No fit with id ${id} in the catalog.`)
    return toFit(row)
  }

  deleteFit(id: number): boolean {
    return this.remove.run(id).changes > 0
  }
}
