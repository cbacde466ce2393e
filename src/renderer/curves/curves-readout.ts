/**
 * The Curves chart's hover read-out: the x under the pointer, then for every panel (metric) every line's value at
 * that x, highest first. ECharts' own axis tooltip lists only the series whose nearest point is the nearest of all:
 * once each line is sampled to its own points (min-max per pixel column, then LTTB) that is one or a few lines of a
 * hundred, so the values are looked up here, in each line's points as the engine sent them (smoothed when the chart
 * is): the point nearest the x, and only for a line whose points span it. Many lines are set in columns of
 * ROWS_PER_COLUMN; past MAX_ROWS a panel says how many more it has. Names and values are escaped: they become HTML.
 */
import { escapeHtml } from '../../shared/escape-html'
import { lowerBound } from '../../shared/sorted-search'
import { formatQuantity, type QuantityKind } from '../format/units'

export const ROWS_PER_COLUMN = 20
export const MAX_COLUMNS = 5
export const MAX_ROWS = ROWS_PER_COLUMN * MAX_COLUMNS

export interface ReadoutLine {
  name: string
  color: string
  x: readonly number[]
  y: readonly (number | null)[]
}

export interface ReadoutPanel {
  metric: string
  lines: ReadoutLine[]
}

/** The index of the point nearest `x` in ascending `xs` (ties to the left), or -1 when `x` is outside them. */
export function nearestIndex(xs: readonly number[], x: number): number {
  const n = xs.length
  if (n === 0 || !(x >= xs[0]) || !(x <= xs[n - 1])) return -1
  const hi = lowerBound(xs, x)
  if (hi === 0) return 0
  return x - xs[hi - 1] <= xs[hi] - x ? hi - 1 : hi
}

/** The value of a line at x: its nearest point's, when x is within its points and that value is finite. */
export function valueAt(line: ReadoutLine, x: number): number | null {
  const k = nearestIndex(line.x, x)
  const v = k < 0 ? null : line.y[k]
  return v === null || v === undefined || !Number.isFinite(v) ? null : v
}

function marker(color: string): string {
  return `<span style="display:inline-block;width:8px;height:8px;margin-right:4px;border-radius:4px;background:${escapeHtml(color)}"></span>`
}

function panelHtml(panel: ReadoutPanel, x: number, titled: boolean): string {
  const rows = panel.lines
    .map((l) => ({ l, v: valueAt(l, x) }))
    .filter((r): r is { l: ReadoutLine; v: number } => r.v !== null)
    .sort((a, b) => b.v - a.v)
  if (rows.length === 0) return ''
  const shown = rows.slice(0, MAX_ROWS)
  const columns = Math.min(MAX_COLUMNS, Math.ceil(shown.length / ROWS_PER_COLUMN))
  const items = shown.map((r) => `<div style="break-inside:avoid;white-space:nowrap">${marker(r.l.color)}${escapeHtml(r.l.name)}: <b>${escapeHtml(formatQuantity('metric', r.v))}</b></div>`)
  const more = rows.length > shown.length ? `<div>+ ${rows.length - shown.length}</div>` : ''
  const title = titled ? `<div style="margin-top:4px;font-weight:600">${escapeHtml(panel.metric)}</div>` : ''
  return `${title}<div style="column-count:${columns};column-gap:16px">${items.join('')}</div>${more}`
}

/**
 * The x the read-out is for: the pointer's (`at`, from the view), else the axis value ECharts passes, which is the
 * nearest point's of the series it knows (on screen only the two-point frame: hence `at`).
 */
function pointerX(params: unknown, at?: () => number | null): number | null {
  const mine = at?.()
  if (typeof mine === 'number' && Number.isFinite(mine)) return mine
  const list = (Array.isArray(params) ? params : [params]) as { axisValue?: unknown; value?: ArrayLike<number> }[]
  const first = list[0]
  if (!first) return null
  if (typeof first.axisValue === 'number' && Number.isFinite(first.axisValue)) return first.axisValue
  const v = first.value
  return v && v.length >= 1 && Number.isFinite(v[0]) ? v[0] : null
}

export function curvesReadout(panels: ReadoutPanel[], xKind: QuantityKind, xName: string, at?: () => number | null) {
  return (params: unknown): string => {
    const x = pointerX(params, at)
    if (x === null) return ''
    const body = panels.map((p) => panelHtml(p, x, panels.length > 1)).filter((h) => h !== '')
    if (body.length === 0) return ''
    return `${escapeHtml(xName)}: ${escapeHtml(formatQuantity(xKind, x))}${body.join('')}`
  }
}

