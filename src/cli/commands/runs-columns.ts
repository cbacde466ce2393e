/**
 * scaling-lab runs --columns loss:last,val_loss:at=1e9 --filter "params > 1e8" --sort -loss:last : the runs with
 * metric columns (metric:agg; each missing or unusual value is explained by its note, printed under the run), kept
 * by a filter expression (how many it kept is said) and sorted (a leading '-' sorts descending; missing values last).
 */
import type { RequestOf, RunSummary } from '../../shared/api'
import { listOption, option, type ParsedArgs } from '../args'

export type ListRunsOptions = Pick<RequestOf<'listRuns'>, 'columns' | 'filter' | 'sort'>

export const RUNS_LIST_VALUES = ['columns', 'filter', 'sort']

export function listRunsOptions(args: ParsedArgs): ListRunsOptions {
  const out: ListRunsOptions = {}
  const columns = listOption(args, 'columns')
  if (columns?.length) out.columns = columns
  const filter = option(args, 'filter')
  if (filter !== undefined && filter.trim() !== '') out.filter = filter
  const sort = option(args, 'sort')?.trim()
  if (sort) out.sort = sort.startsWith('-') ? { by: sort.slice(1), dir: 'desc' } : { by: sort.replace(/^\+/, ''), dir: 'asc' }
  return out
}

/** a column's value as text: 4 significant digits, '-' when missing */
export function columnCell(v: number | null | undefined): string {
  if (v === null || v === undefined) return '-'
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(4)))
}

/** the columns and their notes of one run, for the text listing */
export function columnsText(r: RunSummary, keys: readonly string[], visible: (s: string) => string): { line: string; notes: string[] } {
  const line = keys.map((k) => `${visible(k)}=${columnCell(r.columns?.[k])}`).join('  ')
  const notes = keys.filter((k) => r.columnNotes?.[k]).map((k) => `        ${visible(k)}: ${visible(r.columnNotes?.[k] ?? '')}`)
  return { line, notes }
}
