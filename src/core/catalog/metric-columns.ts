/**
 * Metric columns (src/shared/run-columns.ts) computed in SQL for every run of a project at once: one statement per
 * column, each value read through the points key (series_id, x) (the last point, the last point at or before x, the
 * first point), so a column over thousands of runs costs a few index seeks per run; min and max scan the series.
 * Every null and every reading that is not the plain one (another axis, the summary value, a point before the asked
 * x, an x past the log's end) comes with a note that says so.
 */
import type Database from 'better-sqlite3'
import type { ColumnAgg, MetricColumnSpec } from '../../shared/run-columns'
import { formatCount } from '../../shared/units-format'
import type { XKind } from './types'

export interface ColumnValue {
  value: number | null
  /** what the value is when it is not the plain reading, or why there is none */
  note?: string
}

interface ColumnRow {
  runId: number
  xKind: XKind | null
  kinds: string | null
  summary: number | null
  value: number | null
  /** at: the x of the point read; firstX / lastX: the series' first and last x */
  pointX: number | null
  firstX: number | null
  lastX: number | null
}

/** The axes each aggregate reads, in order of preference. */
const AXES: Record<ColumnAgg, XKind[]> = {
  last: ['step', 'tokens', 'flops'],
  min: ['step', 'tokens', 'flops'],
  max: ['step', 'tokens', 'flops'],
  at: ['step', 'tokens'],
  at_step: ['step'],
  at_tokens: ['tokens'],
}

const VALUE: Record<ColumnAgg, string> = {
  last: '(SELECT value FROM points WHERE series_id = c.sid ORDER BY x DESC LIMIT 1)',
  min: '(SELECT min(value) FROM points WHERE series_id = c.sid)',
  max: '(SELECT max(value) FROM points WHERE series_id = c.sid)',
  at: '(SELECT value FROM points WHERE series_id = c.sid AND x <= @at ORDER BY x DESC LIMIT 1)',
  at_step: '(SELECT value FROM points WHERE series_id = c.sid AND x <= @at ORDER BY x DESC LIMIT 1)',
  at_tokens: '(SELECT value FROM points WHERE series_id = c.sid AND x <= @at ORDER BY x DESC LIMIT 1)',
}

function statementSql(agg: ColumnAgg): string {
  const axes = AXES[agg]
  const order = `CASE x_kind ${axes.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} END, id`
  return `WITH c AS MATERIALIZED (
      SELECT r.id AS runId,
        (SELECT id FROM series WHERE run_id = r.id AND metric = @metric AND x_kind IN (${axes.map((k) => `'${k}'`).join(', ')}) ORDER BY ${order} LIMIT 1) AS sid,
        (SELECT group_concat(x_kind) FROM series WHERE run_id = r.id AND metric = @metric) AS kinds,
        (SELECT value FROM summaries WHERE run_id = r.id AND metric = @metric) AS summary
      FROM runs r WHERE r.project_id = @projectId)
    SELECT c.runId, c.kinds, c.summary, (SELECT x_kind FROM series WHERE id = c.sid) AS xKind, ${VALUE[agg]} AS value,
      ${agg.startsWith('at') ? '(SELECT x FROM points WHERE series_id = c.sid AND x <= @at ORDER BY x DESC LIMIT 1)' : 'NULL'} AS pointX,
      (SELECT x FROM points WHERE series_id = c.sid ORDER BY x LIMIT 1) AS firstX,
      (SELECT x FROM points WHERE series_id = c.sid ORDER BY x DESC LIMIT 1) AS lastX
    FROM c`
}

const axisWord = (k: XKind): string => (k === 'step' ? 'step' : k === 'tokens' ? 'tokens' : 'FLOPs')
const at = (k: XKind, x: number): string => (k === 'step' ? `step ${x}` : `${formatCount(x)} ${axisWord(k)}`)

/** A row's value and note, in the words a user reads under the column. */
function reading(spec: MetricColumnSpec, row: ColumnRow): ColumnValue {
  const m = JSON.stringify(spec.metric)
  if (row.xKind === null) {
    if (row.summary !== null && !spec.agg.startsWith('at')) return { value: row.summary, note: `the run's summary value of ${m} (no logged series)` }
    if (row.kinds) return { value: null, note: `${m} is logged against ${row.kinds.split(',').map((k) => axisWord(k as XKind)).join(' and ')} only; ${spec.agg} reads ${AXES[spec.agg].map(axisWord).join(' or ')}` }
    if (row.summary !== null) return { value: null, note: `only a summary value of ${m}, no logged series to read at an x` }
    return { value: null, note: `the run logs no ${m}` }
  }
  if (row.firstX === null) return { value: null, note: `the run's ${axisWord(row.xKind)} series of ${m} has no points` }
  if (spec.agg === 'last' || spec.agg === 'min' || spec.agg === 'max') return { value: row.value }
  const x = spec.at ?? 0
  const kind = row.xKind
  const other = spec.agg === 'at' && kind !== 'step' ? ` (${m} has no step axis in this run: read against tokens)` : ''
  if (row.value === null || row.pointX === null) {
    return { value: null, note: `no point at or before ${at(kind, x)} (the first is at ${at(kind, row.firstX ?? 0)})${other}` }
  }
  if (row.lastX !== null && x > row.lastX) return { value: row.value, note: `${at(kind, x)} is past the last logged point: the value at ${at(kind, row.lastX)}${other}` }
  if (row.pointX < x) return { value: row.value, note: `the last point at or before ${at(kind, x)}: ${at(kind, row.pointX)}${other}` }
  return { value: row.value, note: `at ${at(kind, x)}${other}` }
}

export class MetricColumnQueries {
  private readonly statements = new Map<ColumnAgg, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  private statement(agg: ColumnAgg): Database.Statement {
    let s = this.statements.get(agg)
    if (!s) {
      s = this.db.prepare(statementSql(agg))
      this.statements.set(agg, s)
    }
    return s
  }

  /** The column's value for every run of the project, by run id. */
  values(projectId: number, spec: MetricColumnSpec): Map<number, ColumnValue> {
    const rows = this.statement(spec.agg).all({ projectId, metric: spec.metric, at: spec.at ?? 0 }) as ColumnRow[]
    return new Map(rows.map((r) => [r.runId, reading(spec, r)]))
  }
}
