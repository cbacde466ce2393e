/**
 * Read one run's metric as (x, y) arrays ordered by x, for the x a chart asks: the series of that x kind (step,
 * tokens, flops), or the metric's step series joined on step with the run's `wall_time` series or with another
 * metric's step series (`metric:<name>`). SQLite builds the arrays as JSON (as series-queries.ts does), which is
 * about twice as fast as one JavaScript object per row.
 */
import type Database from 'better-sqlite3'
import type { CurveX } from '../../shared/api/curves'

export interface RunCurve {
  x: number[]
  y: number[]
  /** points of the metric with no partner at the same step (joined x only) */
  unjoined: number
}

/** Why a run has no curve: the sentence a warning carries. */
export type ReadOutcome = { curve: RunCurve } | { missing: string }

interface ArraysRow {
  n: number
  x: string | null
  y: string | null
}

export class CurveReader {
  private readonly seriesId: Database.Statement
  private readonly own: Database.Statement
  private readonly joined: Database.Statement
  private readonly count: Database.Statement

  constructor(db: Database.Database) {
    this.seriesId = db.prepare('SELECT id FROM series WHERE run_id = ? AND metric = ? AND x_kind = ?').pluck(true)
    this.own = db.prepare(`SELECT count(*) AS n, json_group_array(x) AS x, json_group_array(value) AS y
      FROM (SELECT x, value FROM points WHERE series_id = ? ORDER BY x)`)
    this.joined = db.prepare(`SELECT count(*) AS n, json_group_array(bx) AS x, json_group_array(ay) AS y
      FROM (SELECT b.value AS bx, a.value AS ay FROM points a JOIN points b ON b.series_id = ? AND b.x = a.x
            WHERE a.series_id = ? ORDER BY b.value, a.x)`)
    this.count = db.prepare('SELECT count(*) FROM points WHERE series_id = ?').pluck(true)
  }

  read(runId: number, metric: string, x: CurveX): ReadOutcome {
    if (x === 'step' || x === 'tokens' || x === 'flops') {
      const id = this.seriesId.get(runId, metric, x) as number | undefined
      if (id === undefined) return { missing: `no ${metric} series over ${x}` }
      return { curve: { ...parseArrays(this.own.get(id) as ArraysRow), unjoined: 0 } }
    }
    const xMetric = x === 'wall_time' ? 'wall_time' : x.slice('metric:'.length)
    const yId = this.seriesId.get(runId, metric, 'step') as number | undefined
    if (yId === undefined) return { missing: `no ${metric} series over step to join with ${xMetric}` }
    const xId = this.seriesId.get(runId, xMetric, 'step') as number | undefined
    if (xId === undefined) return { missing: x === 'wall_time' ? 'no wall_time series (the log had no time column)' : `no ${xMetric} series over step` }
    const arrays = parseArrays(this.joined.get(xId, yId) as ArraysRow)
    return { curve: { ...arrays, unjoined: (this.count.get(yId) as number) - arrays.x.length } }
  }
}

function parseArrays(row: ArraysRow): { x: number[]; y: number[] } {
  if (row.n === 0 || row.x === null || row.y === null) return { x: [], y: [] }
  return { x: JSON.parse(row.x) as number[], y: JSON.parse(row.y) as number[] }
}
