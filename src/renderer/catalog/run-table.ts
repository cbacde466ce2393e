/** Pure helpers behind the runs table: the columns, sorting by any column, text/family/tag filtering, row selection. */
import type { RunSummary } from '../../shared/api'
import type { QuantityKind } from '../format/units'

export type RunColumnKey = 'name' | 'family' | 'params' | 'activeParams' | 'nonembeddingParams' | 'tokens' | 'flops' | 'experts' | 'tags' | 'loss' | 'metrics'

export interface RunColumn {
  key: RunColumnKey
  /** how numbers in this column are written; absent for text */
  kind?: QuantityKind
  numeric: boolean
}

export const RUN_COLUMNS: RunColumn[] = [
  { key: 'name', numeric: false },
  { key: 'family', numeric: false },
  { key: 'params', kind: 'params', numeric: true },
  { key: 'activeParams', kind: 'params', numeric: true },
  { key: 'nonembeddingParams', kind: 'params', numeric: true },
  { key: 'tokens', kind: 'tokens', numeric: true },
  { key: 'flops', kind: 'flops', numeric: true },
  { key: 'experts', kind: 'count', numeric: true },
  { key: 'loss', kind: 'metric', numeric: true },
  { key: 'tags', numeric: false },
  { key: 'metrics', numeric: false },
]

export type SortDir = 'asc' | 'desc'
/** a metric column's key: its text, metric:agg (src/shared/run-columns.ts) */
export type MetricColumnKey = `${string}:${string}`
export type SortKey = RunColumnKey | MetricColumnKey
export interface SortState {
  key: SortKey
  dir: SortDir
}

const isMetricKey = (key: SortKey): key is MetricColumnKey => key.includes(':')

function sortValue(r: RunSummary, key: SortKey): string | number | null {
  if (isMetricKey(key)) return r.columns?.[key] ?? null
  switch (key) {
    case 'tags':
      return r.tags.length ? r.tags.join(', ').toLowerCase() : null
    case 'metrics':
      return r.metrics.length
    case 'name':
      return r.name
    case 'family':
      return r.family
    case 'loss':
      return r.loss ?? null
    default:
      return r[key]
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Sort a copy; missing values go last in both directions; ties keep name order. */
export function sortRuns(runs: readonly RunSummary[], sort: SortState): RunSummary[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  return [...runs].sort((a, b) => {
    const va = sortValue(a, sort.key)
    const vb = sortValue(b, sort.key)
    if (va === null && vb === null) return collator.compare(a.name, b.name)
    if (va === null) return 1
    if (vb === null) return -1
    let c: number
    if (typeof va === 'number' && typeof vb === 'number') c = va - vb
    else c = collator.compare(String(va), String(vb))
    return c !== 0 ? sign * c : collator.compare(a.name, b.name)
  })
}

export interface RunFilter {
  text: string
  family: string
  tag: string
}

/** Every whitespace-separated word of the text must appear in the name, family, a tag or a metric name. */
export function filterRuns(runs: readonly RunSummary[], f: RunFilter): RunSummary[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean)
  return runs.filter((r) => {
    if (f.family && r.family !== f.family) return false
    if (f.tag && !r.tags.includes(f.tag)) return false
    if (words.length === 0) return true
    const hay = [r.name, r.family ?? '', ...r.tags, ...r.metrics].join('\n').toLowerCase()
    return words.every((w) => hay.includes(w))
  })
}

export function distinctFamilies(runs: readonly RunSummary[]): string[] {
  return [...new Set(runs.map((r) => r.family).filter((f): f is string => !!f))].sort(collator.compare)
}

export function distinctTags(runs: readonly RunSummary[]): string[] {
  return [...new Set(runs.flatMap((r) => r.tags))].sort(collator.compare)
}

export interface Selection {
  ids: number[]
  anchor: number | null
}

/**
 * A click on a row, as file managers do it: plain click selects only that row; Ctrl/Cmd toggles it;
 * Shift selects the range from the anchor to it (added to the selection when Ctrl is also held).
 */
export function clickSelect(sel: Selection, orderedIds: readonly number[], id: number, mods: { shift: boolean; ctrl: boolean }): Selection {
  if (mods.shift && sel.anchor !== null && orderedIds.includes(sel.anchor)) {
    const a = orderedIds.indexOf(sel.anchor)
    const b = orderedIds.indexOf(id)
    const range = orderedIds.slice(Math.min(a, b), Math.max(a, b) + 1)
    const ids = mods.ctrl ? [...new Set([...sel.ids, ...range])] : range
    return { ids, anchor: sel.anchor }
  }
  if (mods.ctrl) {
    const ids = sel.ids.includes(id) ? sel.ids.filter((x) => x !== id) : [...sel.ids, id]
    return { ids, anchor: id }
  }
  return { ids: [id], anchor: id }
}

/** Add a tag to (or remove it from) a run's tags, keeping order and no duplicates. */
export function withTag(tags: readonly string[], tag: string): string[] {
  const t = tag.trim()
  return !t || tags.includes(t) ? [...tags] : [...tags, t]
}

export function withoutTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((x) => x !== tag)
}

/** Columns always shown; the others only when some run has a value there (no wall of dashes). */
const ALWAYS: RunColumnKey[] = ['name', 'family', 'params', 'tokens', 'flops', 'tags']

export function visibleColumns(runs: readonly RunSummary[], columns: readonly RunColumn[] = RUN_COLUMNS): RunColumn[] {
  return columns.filter((c) => ALWAYS.includes(c.key) || runs.some((r) => {
    const v = sortValue(r, c.key)
    return c.key === 'metrics' ? r.metrics.length > 0 : v !== null && v !== undefined
  }))
}
