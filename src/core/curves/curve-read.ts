/**
 * Read one run's metric as (x, y) arrays ordered by x, for the x a chart asks: the series of that x kind (step,
 * tokens, flops), or the metric's series joined point by point with the run's `wall_time` series or another metric's
 * series (`metric:<name>`) logged over the same x (step preferred). SQLite builds the arrays as JSON (as series-queries.ts does), which is
 * about twice as fast as one JavaScript object per row.
 */
import type Database from 'better-sqlite3'
import type { CurveX } from '../../shared/api/curves'

export interface RunCurve {
  x: number[]
  y: number[]
  /** points of the metric with no partner at the same step (joined x only) */
  unjoined: number
  /** the series' whole x range, when only a window of it was read */
  extent?: [number, number]
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
  private readonly pair: Database.Statement
  private readonly inWindow: Database.Statement
  private readonly ends: Database.Statement

  constructor(db: Database.Database) {
    this.seriesId = db.prepare('SELECT id FROM series WHERE run_id = ? AND metric = ? AND x_kind = ?').pluck(true)
    this.own = db.prepare(`SELECT count(*) AS n, json_group_array(x) AS x, json_group_array(value) AS y
      FROM (SELECT x, value FROM points WHERE series_id = ? ORDER BY x)`)
    this.joined = db.prepare(`SELECT count(*) AS n, json_group_array(bx) AS x, json_group_array(ay) AS y
      FROM (SELECT b.value AS bx, a.value AS ay FROM points a JOIN points b ON b.series_id = ? AND b.x = a.x
            WHERE a.series_id = ? ORDER BY b.value, a.x)`)
    this.count = db.prepare('SELECT count(*) FROM points WHERE series_id = ?').pluck(true)
    // a zoom window reads only its points and the one before and after it (the line reaches the window's edges)
    this.inWindow = db.prepare(`SELECT count(*) AS n, json_group_array(x) AS x, json_group_array(value) AS y FROM (
        SELECT x, value FROM (SELECT x, value FROM points WHERE series_id = @id AND x < @lo ORDER BY x DESC LIMIT 1)
        UNION ALL SELECT x, value FROM points WHERE series_id = @id AND x >= @lo AND x <= @hi
        UNION ALL SELECT x, value FROM (SELECT x, value FROM points WHERE series_id = @id AND x > @hi ORDER BY x LIMIT 1)
        ORDER BY x)`)
    this.ends = db.prepare('SELECT (SELECT min(x) FROM points WHERE series_id = @id AND x > @above) AS a, (SELECT max(x) FROM points WHERE series_id = @id) AS b')
    this.pair = db.prepare(`SELECT a.id AS y, b.id AS x FROM series a JOIN series b ON b.run_id = a.run_id AND b.x_kind = a.x_kind
      WHERE a.run_id = ? AND a.metric = ? AND b.metric = ? ORDER BY a.x_kind = 'step' DESC, a.x_kind LIMIT 1`)
  }

  /**
   * @param window read only this x range (and one point either side) of a series over its own x; the curve then
   *   carries the series' whole extent (of x > 0 when `positiveX`, for a log axis)
   */
  read(runId: number, metric: string, x: CurveX, window?: { lo: number; hi: number; positiveX: boolean }): ReadOutcome {
    if (x === 'step' || x === 'tokens' || x === 'flops') {
      const id = this.seriesId.get(runId, metric, x) as number | undefined
      if (id === undefined) return { missing: `no ${metric} series over ${x}` }
      if (!window) return { curve: { ...parseArrays(this.own.get(id) as ArraysRow), unjoined: 0 } }
      const ends = this.ends.get({ id, above: window.positiveX ? 0 : -Infinity }) as { a: number | null; b: number | null }
      const extent: [number, number] | undefined = ends.a === null || ends.b === null ? undefined : [ends.a, ends.b]
      return { curve: { ...parseArrays(this.inWindow.get({ id, lo: window.lo, hi: window.hi }) as ArraysRow), unjoined: 0, extent } }
    }
    const xMetric = x === 'wall_time' ? 'wall_time' : x.slice('metric:'.length)
    const ids = this.pair.get(runId, metric, xMetric) as { x: number; y: number } | undefined
    if (!ids) return { missing: this.whyUnpaired(runId, metric, xMetric) }
    const [xId, yId] = [ids.x, ids.y]
    const arrays = parseArrays(this.joined.get(xId, yId) as ArraysRow)
    return { curve: { ...arrays, unjoined: (this.count.get(yId) as number) - arrays.x.length } }
  }

  private whyUnpaired(runId: number, metric: string, xMetric: string): string {
    const has = (m: string): boolean => ['step', 'tokens', 'flops'].some((k) => this.seriesId.get(runId, m, k) !== undefined)
    if (!has(metric)) return `no ${metric} series`
    if (!has(xMetric)) return xMetric === 'wall_time' ? 'no wall_time series (its log had no time column)' : `no ${xMetric} series`
    return `${metric} and ${xMetric} are logged over different x (step, tokens, FLOPs), so they cannot be paired`
  }
}

function parseArrays(row: ArraysRow): { x: number[]; y: number[] } {
  if (row.n === 0 || row.x === null || row.y === null) return { x: [], y: [] }
  return { x: JSON.parse(row.x) as number[], y: JSON.parse(row.y) as number[] }
}
