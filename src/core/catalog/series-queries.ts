/**
 * One metric curve as parallel arrays, ordered by x; lo / hi only when the series has a band (W&B __MIN/__MAX).
 * SQLite builds the arrays as JSON (17 significant digits, so every double comes back exactly), which is about
 * twice as fast as one JavaScript array per row for the long curves of a step log.
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import type { SeriesData, SeriesRef } from './types'

interface ArraysRow {
  n: number
  band: number
  x: string
  y: string
  lo: string
  hi: string
}

export class SeriesQueries {
  private readonly arrays: Database.Statement
  private readonly byRef: Database.Statement
  private readonly byRefAnyKind: Database.Statement
  private readonly exists: Database.Statement

  constructor(db: Database.Database) {
    this.arrays = db.prepare(`SELECT count(*) AS n, count(lo) + count(hi) AS band, json_group_array(x) AS x, json_group_array(value) AS y,
        json_group_array(lo) AS lo, json_group_array(hi) AS hi
      FROM (SELECT x, value, lo, hi FROM points WHERE series_id = ? ORDER BY x)`)
    this.byRef = db.prepare('SELECT id FROM series WHERE run_id = ? AND metric = ? AND x_kind = ?').pluck(true)
    this.byRefAnyKind = db.prepare(`SELECT id FROM series WHERE run_id = ? AND metric = ? ORDER BY x_kind = 'step' DESC, id LIMIT 1`).pluck(true)
    this.exists = db.prepare('SELECT 1 FROM series WHERE id = ?').pluck(true)
  }

  resolve(ref: number | SeriesRef): number {
    if (typeof ref === 'number') return ref
    const id = (ref.xKind ? this.byRef.get(ref.runId, ref.metric, ref.xKind) : this.byRefAnyKind.get(ref.runId, ref.metric)) as number | undefined
    if (id === undefined) throw new LabError('not-found', `Run ${ref.runId} has no ${ref.metric} series${ref.xKind ? ` over ${ref.xKind}` : ''}.`)
    return id
  }

  /** @param opts.maxPoints keep about this many points, evenly spaced in order, always with the last one */
  getSeries(ref: number | SeriesRef, opts: { maxPoints?: number } = {}): SeriesData {
    const id = this.resolve(ref)
    const row = this.arrays.get(id) as ArraysRow
    if (row.n === 0 && this.exists.get(id) === undefined) throw new LabError('not-found', `No series with id ${id} in the catalog.`)
    let x = JSON.parse(row.x) as number[]
    let y = JSON.parse(row.y) as number[]
    let lo = row.band ? (JSON.parse(row.lo) as (number | null)[]) : undefined
    let hi = row.band ? (JSON.parse(row.hi) as (number | null)[]) : undefined
    const max = opts.maxPoints
    if (max && max > 0 && x.length > max) {
      const stride = Math.ceil(x.length / max)
      const keep = (_: unknown, i: number, all: readonly unknown[]): boolean => i % stride === 0 || i === all.length - 1
      x = x.filter(keep)
      y = y.filter(keep)
      lo = lo?.filter(keep)
      hi = hi?.filter(keep)
    }
    return lo && hi ? { x, y, lo, hi } : { x, y }
  }
}
