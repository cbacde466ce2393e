/**
 * What the Curves view opens: run ids from the route (`/curves?runs=1,2,3`) or a saved view (`/curves?view=7`),
 * and the default chart settings. Pure, so the catalog's "Plot selected" and the view agree on the address.
 */
import type { CurveSettings } from '../../shared/api/curves'

export type CurveSelection = { kind: 'runs'; runIds: number[]; ignored: string[] } | { kind: 'view'; viewId: number } | { kind: 'none' }

const POSITIVE_INT = /^[1-9]\d*$/

/** The selection a route query names; tokens that are not run ids are kept to be shown, never silently dropped. */
export function selectionFromQuery(query: Record<string, unknown>): CurveSelection {
  const view = typeof query.view === 'string' ? query.view.trim() : ''
  if (POSITIVE_INT.test(view)) return { kind: 'view', viewId: Number(view) }
  const runs = typeof query.runs === 'string' ? query.runs : ''
  if (!runs.trim()) return { kind: 'none' }
  const ids: number[] = []
  const ignored: string[] = []
  for (const token of runs.split(',').map((s) => s.trim())) {
    if (!token) continue
    if (POSITIVE_INT.test(token)) {
      const id = Number(token)
      if (!ids.includes(id)) ids.push(id)
    } else ignored.push(token)
  }
  return ids.length ? { kind: 'runs', runIds: ids, ignored } : { kind: 'none' }
}

/** The address of a chart of these runs. */
export function curvesPathForRuns(runIds: readonly number[]): string {
  return `/curves?runs=${runIds.join(',')}`
}

export function curvesPathForView(viewId: number): string {
  return `/curves?view=${viewId}`
}

/** The settings a new chart starts with: the first metric the runs share (else the first any has) against step. */
export function defaultSettings(metricsOfRuns: readonly (readonly string[])[], preferred?: string | null): CurveSettings {
  return { metrics: [defaultMetric(metricsOfRuns, preferred)], x: 'step', logX: false, logY: false, smoothing: 0, groupBy: 'none', band: 'minmax' }
}

function defaultMetric(metricsOfRuns: readonly (readonly string[])[], preferred?: string | null): string {
  const all = metricsOfRuns.flat()
  if (preferred && all.includes(preferred)) return preferred
  const shared = metricsOfRuns[0]?.find((m) => metricsOfRuns.every((ms) => ms.includes(m)))
  return shared ?? all[0] ?? 'loss'
}

/** Every metric any of the runs logged, sorted, each once. */
export function metricChoices(metricsOfRuns: readonly (readonly string[])[]): string[] {
  return [...new Set(metricsOfRuns.flat())].sort((a, b) => a.localeCompare(b))
}
