/**
 * listRuns with metric columns, a filter expression and a sort: the asked columns are computed in SQL
 * (metric-columns.ts) and attached to each run with their notes; the filter (src/shared/run-filter.ts) may name
 * columns that were not asked (they are computed, not returned); the sort puts runs without a value last in
 * both directions, ties in name order.
 */
import { LabError } from '../../shared/errors'
import { canonicalColumn, parseColumnSpec, type MetricColumnSpec } from '../../shared/run-columns'
import { filterColumns, filterField, matchesFilter, parseFilter, type FilterRef, type RefValue } from '../../shared/run-filter'
import type { ColumnValue, MetricColumnQueries } from './metric-columns'
import type { RunQuery, RunSummary } from './types'

function columnSpecs(texts: readonly string[]): MetricColumnSpec[] {
  return texts.map((text, i) => {
    try {
      return parseColumnSpec(text)
    } catch (e) {
      if (e instanceof LabError) throw new LabError(e.code, `columns[${i}]: ${e.message}`, { column: e.column, hint: e.hint })
      throw e
    }
  })
}

function sortRef(by: string): FilterRef {
  if (by.includes(':')) return { kind: 'column', spec: parseColumnSpec(by) }
  const field = filterField(by)
  if (!field) throw new LabError('bad-sort', `Cannot sort by ${JSON.stringify(by)}: it is neither a run field nor a metric column (metric:agg).`, { hint: 'Sort by a run field (params, tokens, name, ...) or a column such as loss:last.' })
  return { kind: 'field', field }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function sortKey(v: RefValue): number | string | null {
  if (v === null || v === undefined) return null
  if (Array.isArray(v)) return v.length ? v.join(', ') : null
  if (typeof v === 'boolean') return v ? 1 : 0
  return v
}

export function listWithColumns<R extends RunSummary>(runs: R[], q: RunQuery, queries: MetricColumnQueries): R[] {
  const asked = columnSpecs(q.columns ?? [])
  const filter = q.filter !== undefined && q.filter.trim() !== '' ? parseFilter(q.filter) : undefined
  const sort = q.sort ? sortRef(q.sort.by) : undefined
  const needed = [...asked, ...(filter ? filterColumns(filter) : []), ...(sort?.kind === 'column' ? [sort.spec] : [])]
  const values = new Map<string, Map<number, ColumnValue>>()
  for (const spec of needed) {
    const key = canonicalColumn(spec)
    if (!values.has(key)) values.set(key, queries.values(q.projectId, spec))
  }
  const read = (run: R, ref: FilterRef): RefValue =>
    ref.kind === 'column' ? (values.get(canonicalColumn(ref.spec))?.get(run.id)?.value ?? null) : (run[ref.field] ?? null)

  let out = runs.map((run) => {
    if (asked.length === 0) return run
    const columns: Record<string, number | null> = {}
    const columnNotes: Record<string, string> = {}
    for (const spec of asked) {
      const v = values.get(canonicalColumn(spec))?.get(run.id) ?? { value: null, note: 'not computed' }
      columns[spec.key] = v.value
      if (v.note) columnNotes[spec.key] = v.note
    }
    return { ...run, columns, columnNotes }
  })
  if (filter) out = out.filter((run) => matchesFilter(filter, (ref) => read(run, ref)))
  if (sort && q.sort) {
    const sign = q.sort.dir === 'asc' ? 1 : -1
    out = [...out].sort((a, b) => {
      const va = sortKey(read(a, sort))
      const vb = sortKey(read(b, sort))
      if (va === null || vb === null) return va === vb ? collator.compare(a.name, b.name) : va === null ? 1 : -1
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb))
      return c !== 0 ? sign * c : collator.compare(a.name, b.name)
    })
  }
  return out
}
