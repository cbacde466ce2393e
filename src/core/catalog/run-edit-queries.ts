/**
 * Editing a run's fields (family, parameters, active and non-embedding parameters, tokens, FLOPs, experts, tags,
 * notes, hidden), each change recorded in run_edits with its time, field, old and new value. Values are checked
 * here as well as at the doors: counts positive and finite, experts a whole number, names at most 200 characters.
 * FLOPs or tokens the importer derived (C = 6ND, D = C / 6N with N the active parameters, else the parameters;
 * Kaplan et al. 2020, arXiv 2001.08361, eq. 2.1; marked `derived_flops` / `derived_tokens` in the run's config)
 * follow the fields they came from: a correction of the tokens or parameters derives them again, recorded as an
 * edit like the user's own. A value the user sets is the user's: its mark is removed.
 */
import type Database from 'better-sqlite3'
import type { RunEdit, RunEditField } from '../../shared/api/catalog'
import { LabError } from '../../shared/errors'
import { cleanTags, parseJsonColumn } from './json-column'
import type { RunRow } from './run-queries'
import type { RunEditRow, RunPatch } from './types'

/** API field -> column, in the order edits are applied and recorded. */
const COLUMNS: Record<RunEditField, keyof RunRow> = {
  family: 'family',
  params: 'params',
  activeParams: 'active_params',
  nonembeddingParams: 'nonembedding_params',
  tokens: 'tokens',
  flops: 'flops',
  experts: 'experts',
  tags: 'tags',
  notes: 'notes',
  hidden: 'hidden',
}
const NUMERIC: readonly RunEditField[] = ['params', 'activeParams', 'nonembeddingParams', 'tokens', 'flops', 'experts']
export const MAX_NAME_LENGTH = 200
const MAX_TAG_LENGTH = 100
const MAX_TAGS = 100
const MAX_EXPERTS = 1e6

type FieldValue = string | number | boolean | string[] | null

function invalid(field: string, what: string, got: unknown): LabError {
  return new LabError('invalid-run-field', `${field} must be ${what} (got ${JSON.stringify(got)}).`, { hint: 'Counts accept units: 1.4B, 300B, 5.76e23.' })
}

/** The value to store for one field of a patch, checked; throws a LabError naming the field. */
function cleanValue(field: RunEditField, value: unknown): FieldValue {
  if (NUMERIC.includes(field)) {
    if (value === null) return null
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalid(field, 'a positive finite number', value)
    if (field === 'experts' && (!Number.isInteger(value) || value > MAX_EXPERTS)) throw invalid(field, `a whole number from 1 to ${MAX_EXPERTS}`, value)
    return value
  }
  if (field === 'family') {
    if (value === null) return null
    if (typeof value !== 'string') throw invalid(field, 'a name', value)
    const s = value.trim()
    if (s.length > MAX_NAME_LENGTH) throw invalid(field, `a name of at most ${MAX_NAME_LENGTH} characters`, `${s.slice(0, 40)}...`)
    return s === '' ? null : s
  }
  if (field === 'tags') {
    if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) throw invalid(field, 'a list of names', value)
    const tags = cleanTags(value as string[])
    const long = tags.find((t) => t.length > MAX_TAG_LENGTH)
    if (long !== undefined) throw invalid(field, `names of at most ${MAX_TAG_LENGTH} characters`, `${long.slice(0, 40)}...`)
    if (tags.length > MAX_TAGS) throw invalid(field, `at most ${MAX_TAGS} tags`, `${tags.length} tags`)
    return tags
  }
  if (field === 'notes') {
    if (value === null) return null
    if (typeof value !== 'string' || value.length > 20000) throw invalid(field, 'a text of at most 20000 characters', typeof value)
    return value
  }
  if (typeof value !== 'boolean') throw invalid(field, 'true or false', value)
  return value
}

function storedValue(field: RunEditField, row: RunRow): FieldValue {
  const raw = row[COLUMNS[field]]
  if (field === 'tags') return parseJsonColumn<string[]>(raw as string, [])
  if (field === 'hidden') return raw === 1
  return raw as FieldValue
}

function toColumn(field: RunEditField, value: FieldValue): string | number | null {
  if (field === 'tags') return JSON.stringify(value)
  if (field === 'hidden') return value ? 1 : 0
  return value as string | number | null
}


export class RunEditQueries {
  private readonly row: Database.Statement
  private readonly record: Database.Statement
  private readonly list: Database.Statement
  private readonly setters = new Map<RunEditField, Database.Statement>()
  private readonly unmark: Database.Statement

  constructor(private readonly db: Database.Database) {
    this.row = db.prepare('SELECT * FROM runs WHERE id = ?')
    this.record = db.prepare('INSERT INTO run_edits (run_id, field, old_value, new_value) VALUES (?, ?, ?, ?)')
    this.list = db.prepare('SELECT * FROM run_edits WHERE run_id = ? ORDER BY id DESC')
    this.unmark = db.prepare('UPDATE runs SET config = json_remove(config, ?) WHERE id = ?')
    for (const [field, column] of Object.entries(COLUMNS) as [RunEditField, string][]) this.setters.set(field, db.prepare(`UPDATE runs SET ${column} = ? WHERE id = ?`))
  }

  /** Apply the patch in one transaction, recording each field whose value changes; returns the edits made. */
  apply(runId: number, patch: RunPatch): RunEdit[] {
    const fields = (Object.keys(COLUMNS) as RunEditField[]).filter((f) => patch[f] !== undefined)
    const values = new Map(fields.map((f) => [f, cleanValue(f, patch[f])] as const))
    return this.db.transaction(() => {
      const row = this.row.get(runId) as RunRow | undefined
      if (!row) throw new LabError('not-found', `No run with id ${runId} in the catalog.`, { hint: 'It may have been deleted; reload the runs list.' })
      const ids: number[] = []
      const changed = new Set<RunEditField>()
      for (const field of fields) {
        const before = storedValue(field, row)
        const after = values.get(field) as FieldValue
        if (JSON.stringify(before) === JSON.stringify(after)) continue
        ;(this.setters.get(field) as Database.Statement).run(toColumn(field, after), runId)
        ids.push(Number(this.record.run(runId, field, JSON.stringify(before), JSON.stringify(after)).lastInsertRowid))
        changed.add(field)
      }
      for (const [field, before, after] of this.rederive(runId, changed)) ids.push(Number(this.record.run(runId, field, JSON.stringify(before), JSON.stringify(after)).lastInsertRowid))
      return this.edits(runId).filter((e) => ids.includes(e.id))
    })()
  }

  /**
   * After the user's changes: drop the derived mark of a value the user set, and derive again a marked value whose
   * sources changed (null when they no longer allow it). Returns the values changed, to record.
   */
  private rederive(runId: number, changed: ReadonlySet<RunEditField>): [RunEditField, number | null, number | null][] {
    const row = this.row.get(runId) as RunRow
    const config = parseJsonColumn<Record<string, unknown>>(row.config, {})
    let derivedFlops = config.derived_flops !== undefined
    let derivedTokens = config.derived_tokens !== undefined
    if (derivedFlops && changed.has('flops')) this.unmark.run('$.derived_flops', runId)
    if (derivedTokens && changed.has('tokens')) this.unmark.run('$.derived_tokens', runId)
    derivedFlops &&= !changed.has('flops')
    derivedTokens &&= !changed.has('tokens')
    const n = row.active_params ?? row.params
    const nChanged = changed.has('params') || changed.has('activeParams')
    const positive = (v: number | null): v is number => v !== null && v > 0
    const out: [RunEditField, number | null, number | null][] = []
    const derive = (field: 'flops' | 'tokens', mark: string, value: number | null): void => {
      const before = row[COLUMNS[field]] as number | null
      if (value === null) this.unmark.run(mark, runId)
      if (value === before) return
      ;(this.setters.get(field) as Database.Statement).run(value, runId)
      out.push([field, before, value])
    }
    if (derivedFlops && (changed.has('tokens') || nChanged)) derive('flops', '$.derived_flops', positive(n) && positive(row.tokens) ? 6 * n * row.tokens : null)
    if (derivedTokens && (changed.has('flops') || nChanged)) derive('tokens', '$.derived_tokens', positive(n) && positive(row.flops) ? row.flops / (6 * n) : null)
    return out
  }

  /** Every recorded edit of the run, newest first. */
  edits(runId: number): RunEdit[] {
    return (this.list.all(runId) as RunEditRow[]).map((r) => ({
      id: r.id,
      runId: r.run_id,
      field: r.field,
      oldValue: parseJsonColumn<unknown>(r.old_value, null),
      newValue: parseJsonColumn<unknown>(r.new_value, null),
      editedAt: r.edited_at,
    }))
  }
}
