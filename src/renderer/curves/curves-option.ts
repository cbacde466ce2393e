/**
 * The ECharts option of the Curves view: one grid per metric (small multiples stacked, x axes linked by one
 * dataZoom and one axis pointer), one line per run or group as the engine sampled it for this zoom level, the
 * group's band (min-max or mean +- 1 sd) as a filled area between lo and hi, and with smoothing on the EMA curve
 * (debiased, TensorBoard's; src/shared/smoothing.ts) drawn over the raw curve, which stays faint beneath.
 * The x axis keeps the full extent of the data so the slider shows where the window is when only the window's
 * points are loaded. No animation; the engine already sampled min-max per pixel column (spikes kept), and ECharts
 * samples that again with LTTB to the drawn width, about one point per pixel: in software-rendered Chromium stroking
 * is the cost of a frame, and LTTB with 1 px lines draws 100 runs at about 27 fps against 15 with min-max and 1.6 px
 * (bench/curves-chart.bench.ts). The hover read-out waits 80 ms for the pointer to rest (showDelay), so a pan or zoom
 * gesture does not look every line up on each mouse move: about 30 fps instead of 27. Points go to ECharts as typed
 * arrays (x, y interleaved), which it neither copies nor walks point by point.
 * Series ids: `line-<panel>|<key>` (the line), `raw-...` (unsmoothed, faint), `band-lo-...`, `band-hi-...`.
 * Pure: no DOM, unit-tested.
 */
import type { LineSeriesOption } from 'echarts/charts'
import type { CurveChart, CurveLine, CurveSettings, CurveX } from '../../shared/api/curves'
import { emaSmooth } from '../../shared/smoothing'
import { paletteColor, withAlpha } from '../charts/palette'
import type { LabChartOption } from '../charts/option-type'
import { quantityAxis } from '../charts/quantity-axis'
import { formatAxisTick, formatQuantity, type QuantityKind } from '../format/units'
import { escapeHtml } from '../../shared/escape-html'

export interface CurvesOptionInput {
  chart: CurveChart
  settings: CurveSettings
  /** the chart's height in px: the grids share it */
  height: number
  /** the x axis title (already translated, e.g. "Tokens") */
  xName: string
  dark?: boolean
  /** the zoom window in x values, kept across re-renders */
  window?: [number, number] | null
  /** show the dataZoom slider (screen) or not (export) */
  zoom?: boolean
  /** a line drawn in front, the others faint (a run clicked in the table) */
  focusKey?: string | null
}

const TOP = 36
const GAP = 44
const BOTTOM_ZOOM = 78
const BOTTOM_PLAIN = 44

/** How a curve's x is formatted: counts with suffixes for step and tokens, 1e21 for FLOPs, seconds as counts. */
export function xQuantity(x: CurveX): QuantityKind {
  if (x === 'step' || x === 'tokens' || x === 'flops') return x
  return x === 'wall_time' ? 'count' : 'metric'
}

/** Series names must be unique (the legend and highlight go by name): a repeated label gets its key. */
export function lineNames(lines: readonly CurveLine[]): Map<string, string> {
  const count = new Map<string, number>()
  for (const l of lines) count.set(l.label, (count.get(l.label) ?? 0) + 1)
  return new Map(lines.map((l) => [l.key, (count.get(l.label) ?? 0) > 1 ? `${l.label} (${l.key})` : l.label]))
}

/** Every line of every panel, once, in the order first seen: the run table and the colours go by this. */
export function allLines(chart: CurveChart): CurveLine[] {
  const seen = new Map<string, CurveLine>()
  for (const p of chart.panels) for (const l of p.lines) if (!seen.has(l.key)) seen.set(l.key, l)
  return [...seen.values()]
}

function gridBoxes(n: number, height: number, zoom: boolean): { top: number; height: number }[] {
  const bottom = zoom ? BOTTOM_ZOOM : BOTTOM_PLAIN
  const each = Math.max(60, (height - TOP - bottom - GAP * (n - 1)) / n)
  return Array.from({ length: n }, (_, i) => ({ top: TOP + i * (each + GAP), height: each }))
}

/**
 * A line's points as one typed array, x and y interleaved (ECharts' typed-array source: it is not copied on
 * setOption and makes one object a line rather than one a point); a missing value is NaN, a gap in the line.
 */
export function xy(x: readonly number[], y: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(x.length * 2)
  for (let k = 0; k < x.length; k++) {
    out[2 * k] = x[k]
    const v = y[k]
    out[2 * k + 1] = v === null || v === undefined ? NaN : v
  }
  return out
}

/** ECharts reads a typed-array source in any series (its typed-array source format); its line types list only arrays. */
function lineData(points: Float64Array): LineSeriesOption['data'] {
  return points as unknown as LineSeriesOption['data']
}

function bandSeries(panel: number, name: string, line: CurveLine, color: string, dark: boolean): LineSeriesOption[] {
  const lo = line.lo
  const hi = line.hi
  if (!lo || !hi) return []
  const stack = `band|${panel}|${line.key}`
  const common = { type: 'line' as const, name, xAxisIndex: panel, yAxisIndex: panel, stack, symbol: 'none', silent: true, tooltip: { show: false }, z: 1, lineStyle: { opacity: 0 }, emphasis: { disabled: true } }
  return [
    { ...common, id: `band-lo-${panel}|${line.key}`, data: lineData(xy(line.x, lo)) },
    { ...common, id: `band-hi-${panel}|${line.key}`, data: lineData(xy(line.x, hi.map((h, k) => h - lo[k]))), areaStyle: { color: withAlpha(color, dark ? 0.3 : 0.2) } },
  ]
}

function lineSeries(panel: number, name: string, line: CurveLine, color: string, input: CurvesOptionInput): LineSeriesOption[] {
  const w = input.settings.smoothing
  const faded = !!input.focusKey && input.focusKey !== line.key
  const opacity = faded ? 0.15 : 1
  const main: LineSeriesOption = {
    id: `line-${panel}|${line.key}`,
    name,
    type: 'line',
    xAxisIndex: panel,
    yAxisIndex: panel,
    data: lineData(xy(line.x, w > 0 ? emaSmooth(line.y, w) : line.y)),
    showSymbol: line.x.length < 40,
    symbolSize: 4,
    sampling: 'lttb',
    // no hit-testing of 100 long paths on every mouse move: the read-out is the axis tooltip, highlighting comes
    // from the legend and the run table
    silent: true,
    color,
    lineStyle: { color, width: input.focusKey === line.key ? 2.6 : 1, opacity },
    itemStyle: { opacity },
    emphasis: { focus: 'series', blurScope: 'global', lineStyle: { width: 2.6 } },
    blur: { lineStyle: { opacity: 0.12 }, itemStyle: { opacity: 0.12 } },
    z: 3,
  }
  if (w <= 0) return [main]
  const raw: LineSeriesOption = {
    id: `raw-${panel}|${line.key}`,
    name,
    type: 'line',
    xAxisIndex: panel,
    yAxisIndex: panel,
    data: lineData(xy(line.x, line.y)),
    showSymbol: false,
    sampling: 'lttb',
    silent: true,
    tooltip: { show: false },
    lineStyle: { color: withAlpha(color, faded ? 0.06 : 0.25), width: 1 },
    itemStyle: { color: withAlpha(color, 0.25) },
    emphasis: { disabled: true },
    z: 2,
  }
  return [main, raw]
}

/** The hover read-out: the x, then every line's value there (names escaped: they become HTML). */
function tooltipFormatter(xKind: QuantityKind, xName: string) {
  return (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as { seriesId?: string; seriesName?: string; marker?: unknown; value?: ArrayLike<number> }[]
    const rows = list.filter((p) => typeof p.seriesId === 'string' && p.seriesId.startsWith('line-') && p.value !== undefined && p.value.length >= 2)
    if (rows.length === 0) return ''
    const x = (rows[0].value as ArrayLike<number>)[0]
    const head = `${escapeHtml(xName)}: ${escapeHtml(formatQuantity(xKind, x))}`
    const body = rows.map((p) => `${String(p.marker ?? '')} ${escapeHtml(p.seriesName ?? '')}: <b>${escapeHtml(formatQuantity('metric', (p.value as ArrayLike<number>)[1]))}</b>`)
    return [head, ...body].join('<br/>')
  }
}

/** On screen the axis spans the data (the zoom windows into it); an export shows the window it was zoomed to. */
function axisRange(zoom: boolean, extent: [number, number] | null, win: [number, number] | null): { min?: number; max?: number } {
  const r = !zoom && win ? win : extent
  return r ? { min: r[0], max: r[1] } : {}
}

export function buildCurvesOption(input: CurvesOptionInput): LabChartOption {
  const { chart, settings } = input
  const zoom = input.zoom !== false
  const dark = !!input.dark
  const xKind = xQuantity(chart.x)
  const lines = allLines(chart)
  const names = lineNames(lines)
  const colorOf = new Map(lines.map((l, i) => [l.key, paletteColor(i, dark)]))
  const panels = chart.panels.length ? chart.panels : settings.metrics.map((metric) => ({ metric, lines: [] }))
  const boxes = gridBoxes(panels.length, input.height, zoom)
  const axisIndex = panels.map((_, i) => i)
  const last = panels.length - 1
  const extent = chart.xExtent
  const series: LineSeriesOption[] = []
  panels.forEach((p, i) => {
    for (const l of p.lines) {
      const color = colorOf.get(l.key) ?? paletteColor(0, dark)
      const name = names.get(l.key) ?? l.label
      series.push(...lineSeries(i, name, l, color, input), ...bandSeries(i, name, l, color, dark))
    }
  })
  const win = input.window ?? null
  return {
    animation: false,
    grid: boxes.map((b) => ({ left: 72, right: 24, top: b.top, height: b.height, containLabel: false })),
    legend: { top: 4, type: 'scroll', data: lines.map((l) => names.get(l.key) ?? l.label) },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: { trigger: 'axis', showDelay: 80, className: 'curves-tooltip', axisPointer: { type: 'line', snap: false }, confine: true, formatter: tooltipFormatter(xKind, input.xName) },
    xAxis: panels.map((_, i) => ({
      ...quantityAxis({ kind: xKind, name: i === last ? input.xName : '', log: settings.logX, nameGap: 26 }),
      gridIndex: i,
      ...axisRange(zoom, extent, input.window ?? null),
    })),
    // a log y axis is bounded by the data, so a loss curve is not squeezed between two powers of ten
    yAxis: panels.map((p, i) => ({ ...quantityAxis({ kind: 'metric', name: p.metric, log: settings.logY, nameGap: 52 }), gridIndex: i, ...(settings.logY ? { min: 'dataMin', max: 'dataMax' } : {}) })),
    dataZoom: zoom
      ? [
          { type: 'inside', xAxisIndex: axisIndex, filterMode: 'none', ...(win ? { startValue: win[0], endValue: win[1] } : {}) },
          { type: 'slider', xAxisIndex: axisIndex, filterMode: 'none', height: 18, bottom: 8, labelFormatter: (v: number) => formatAxisTick(xKind, v), ...(win ? { startValue: win[0], endValue: win[1] } : {}) },
        ]
      : [],
    series,
  } as LabChartOption
}
