/**
 * Metric columns of the runs table: `metric:agg`, where agg is
 *   last            the last logged value (the step series first; the run's summary value when it logs no series)
 *   min, max        the smallest / largest logged value
 *   at=X            the value at step X; a run whose metric is logged only against tokens is read at tokens X
 *                   (the column's note says which axis was used)
 *   at_step=X       the value at step X, the step axis only
 *   at_tokens=X     the value at X tokens, the tokens axis only
 * "The value at X" is the last logged point at or before X (logs are sparse; the value between two logged
 * points is the one logged last). X takes units: 1e9, 300B, 2k. The metric is everything before the last colon,
 * so names like `eval/loss` and `lm:val` work. Pure: used by the engine, the CLI and the renderer.
 */
import { LabError } from './errors'
import { parseQuantity } from './units'

export const COLUMN_AGGS = ['last', 'min', 'max', 'at', 'at_step', 'at_tokens'] as const
export type ColumnAgg = (typeof COLUMN_AGGS)[number]

export interface MetricColumnSpec {
  /** the text the column was asked by (trimmed): its key in a run's `columns` */
  key: string
  metric: string
  agg: ColumnAgg
  /** the step or token count of at, at_step, at_tokens */
  at?: number
}

const AT_AGGS: readonly ColumnAgg[] = ['at', 'at_step', 'at_tokens']

export const isAtAgg = (agg: ColumnAgg): boolean => AT_AGGS.includes(agg)

/** The spec a column's text asks for; refused with the character position (1-based) and what was expected. */
export function parseColumnSpec(text: string, offset = 0): MetricColumnSpec {
  const key = text.trim()
  const lead = offset + text.length - text.trimStart().length
  const colon = key.lastIndexOf(':')
  const expected = 'Write metric:agg with agg one of last, min, max, at=STEP, at_step=STEP, at_tokens=COUNT (e.g. loss:last, val_loss:at=1e9).'
  if (colon <= 0) throw new LabError('bad-column', `Column ${JSON.stringify(key)}: expected metric:agg (a metric, a colon, an aggregate) at column ${lead + 1}.`, { column: lead + 1, hint: expected })
  const metric = key.slice(0, colon).trim()
  const aggText = key.slice(colon + 1).trim()
  const eq = aggText.indexOf('=')
  const aggName = (eq === -1 ? aggText : aggText.slice(0, eq)).trim().toLowerCase()
  const aggColumn = lead + colon + 2
  if (!(COLUMN_AGGS as readonly string[]).includes(aggName)) {
    throw new LabError('bad-column', `Column ${JSON.stringify(key)}: unknown aggregate ${JSON.stringify(aggName)} at column ${aggColumn}; expected last, min, max, at=, at_step= or at_tokens=.`, { column: aggColumn, hint: expected })
  }
  const agg = aggName as ColumnAgg
  if (!isAtAgg(agg)) {
    if (eq !== -1) throw new LabError('bad-column', `Column ${JSON.stringify(key)}: ${agg} takes no value (column ${aggColumn + eq}).`, { column: aggColumn + eq, hint: expected })
    return { key, metric, agg }
  }
  const raw = eq === -1 ? '' : aggText.slice(eq + 1)
  const at = parseQuantity(raw)
  if (at === undefined || at < 0) {
    const col = aggColumn + (eq === -1 ? aggText.length : eq + 1)
    throw new LabError('bad-column', `Column ${JSON.stringify(key)}: ${agg}= needs a step or token count (a number, units like 300B accepted) at column ${col}.`, { column: col, hint: expected })
  }
  return { key, metric, agg, at }
}

/** The same column whatever way it was written (val_loss:at=1e9 and val_loss:at=1B are one column). */
export function canonicalColumn(spec: MetricColumnSpec): string {
  return `${spec.metric}:${spec.agg}${spec.at === undefined ? '' : `=${spec.at}`}`
}

/** Compose a column's text from its parts (the renderer's column chooser); `at` as the user wrote it (300B) or a number. */
export function columnText(metric: string, agg: ColumnAgg, at?: number | string): string {
  return `${metric}:${agg}${isAtAgg(agg) ? `=${typeof at === 'string' ? at.trim() : (at ?? 0)}` : ''}`
}
