/**
 * The ECharts option of the Curves view: one grid per metric (small multiples stacked, x axes linked by one
 * dataZoom and one axis pointer). No animation. The x axis keeps the full extent of the data so the slider shows
 * where the window is when only the window's points are loaded.
 * On screen the lines are not ECharts series: the view draws them on its line layer (line-layer.ts), and each panel
 * has one invisible two-point series spanning its data (`frame-<panel>`), so ECharts scales the y axis as it would
 * for the lines and its axis pointer and read-out work. The read-out (curves-readout.ts) lists every line's value
 * at the pointer's x; it is driven by the view (hover-readout.ts), hidden while the user pans or zooms. The run
 * table beside the chart is the legend.
 * An export (zoom: false) has the lines as ECharts series: one per run or group as the engine sampled it, the
 * group's band (min-max or mean +- 1 sd) as a filled area between lo and hi, and with smoothing the EMA curve
 * (debiased, TensorBoard's; src/shared/smoothing.ts) over the raw curve, which stays faint beneath; ECharts samples
 * them with LTTB to the drawn width. Points go to ECharts as typed arrays (x, y interleaved), not copied.
 * Series ids: `line-<panel>|<key>` (the line), `raw-...` (unsmoothed, faint), `band-lo-...`, `band-hi-...`.
 * Pure: no DOM, unit-tested.
 */
import type { LineSeriesOption } from 'echarts/charts'
import type { CurveChart, CurveLine, CurveSettings, CurveX } from '../../shared/api/curves'
import { emaSmooth } from '../../shared/smoothing'
import { paletteColor, withAlpha } from '../charts/palette'
import type { LabChartOption } from '../charts/option-type'
import { quantityAxis } from '../charts/quantity-axis'
import { formatAxisTick, type QuantityKind } from '../format/units'
import { curvesReadout, type ReadoutPanel } from './curves-readout'

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
  /** a line drawn in front, the others faint (a run clicked in the table; the export's series) */
  focusKey?: string | null
  /** the x under the pointer, for the read-out (the view reads it from the chart); null when not known */
  pointerX?: () => number | null
}

const TOP = 36
const TOP_NO_LEGEND = 16
const LEFT = 72
const RIGHT = 24
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

function gridBoxes(n: number, height: number, zoom: boolean, legend: boolean): { top: number; height: number }[] {
  const bottom = zoom ? BOTTOM_ZOOM : BOTTOM_PLAIN
  const top = legend ? TOP : TOP_NO_LEGEND
  const each = Math.max(60, (height - top - bottom - GAP * (n - 1)) / n)
  return Array.from({ length: n }, (_, i) => ({ top: top + i * (each + GAP), height: each }))
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
  if (!line.lo || !line.hi) return []
  const { x, lo, hi } = { x: line.x, lo: line.lo, hi: line.hi }
  const stack = `band|${panel}|${line.key}`
  const common = { type: 'line' as const, name, xAxisIndex: panel, yAxisIndex: panel, stack, symbol: 'none', silent: true, tooltip: { show: false }, z: 1, lineStyle: { opacity: 0 }, emphasis: { disabled: true } }
  return [
    { ...common, id: `band-lo-${panel}|${line.key}`, data: lineData(xy(x, lo)) },
    { ...common, id: `band-hi-${panel}|${line.key}`, data: lineData(xy(x, hi.map((h, k) => h - lo[k]))), areaStyle: { color: withAlpha(color, dark ? 0.3 : 0.2) } },
  ]
}

function lineSeries(panel: number, name: string, line: CurveLine, color: string, input: CurvesOptionInput, smoothed: readonly number[]): LineSeriesOption[] {
  const w = input.settings.smoothing
  const { x, y } = line
  const smooth = w > 0 ? smoothed : y
  const sampling = 'lttb' as const
  const faded = !!input.focusKey && input.focusKey !== line.key
  const opacity = faded ? 0.15 : 1
  const main: LineSeriesOption = {
    id: `line-${panel}|${line.key}`,
    name,
    type: 'line',
    xAxisIndex: panel,
    yAxisIndex: panel,
    data: lineData(xy(x, smooth)),
    showSymbol: line.x.length < 40,
    symbolSize: 4,
    sampling,
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
    data: lineData(xy(x, y)),
    showSymbol: false,
    sampling,
    silent: true,
    tooltip: { show: false },
    lineStyle: { color: withAlpha(color, faded ? 0.06 : 0.25), width: 1 },
    itemStyle: { color: withAlpha(color, 0.25) },
    emphasis: { disabled: true },
    z: 2,
  }
  return [main, raw]
}

/** On screen the axis spans the data (the zoom windows into it); an export shows the window it was zoomed to. */
function axisRange(zoom: boolean, extent: [number, number] | null, win: [number, number] | null): { min?: number; max?: number } {
  const r = !zoom && win ? win : extent
  return r ? { min: r[0], max: r[1] } : {}
}

/**
 * The grids' rectangles in the chart (CSS px): where the line layer clips each panel. The same boxes the option
 * gives ECharts.
 */
export function screenGridRects(panels: number, width: number, height: number): { x: number; y: number; width: number; height: number }[] {
  return gridBoxes(panels, height, true, false).map((b) => ({ x: LEFT, y: b.top, width: Math.max(0, width - LEFT - RIGHT), height: b.height }))
}

/** A panel's data span in y (lines, raw curves and bands; positive only on a log axis), or null without data. */
export function panelYExtent(lines: readonly CurveLine[], logY: boolean, smoothing: number): [number, number] | null {
  let lo = Infinity
  let hi = -Infinity
  const take = (v: number | null | undefined): void => {
    if (v === null || v === undefined || !Number.isFinite(v) || (logY && v <= 0)) return
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  for (const l of lines) {
    l.y.forEach(take)
    if (smoothing > 0) emaSmooth(l.y, smoothing).forEach(take)
    l.lo?.forEach(take)
    l.hi?.forEach(take)
  }
  return lo <= hi ? [lo, hi] : null
}

/** The invisible series that spans a panel's data on screen: the y axis scales to it, the axis pointer reads it. */
function frameSeries(panel: number, extent: [number, number] | null, y: [number, number] | null): LineSeriesOption[] {
  if (!extent || !y) return []
  return [
    {
      id: `frame-${panel}`,
      type: 'line',
      xAxisIndex: panel,
      yAxisIndex: panel,
      data: lineData(xy(extent, y)),
      showSymbol: false,
      silent: true,
      lineStyle: { opacity: 0 },
      emphasis: { disabled: true },
      z: 0,
    },
  ]
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
  const boxes = gridBoxes(panels.length, input.height, zoom, !zoom)
  const axisIndex = panels.map((_, i) => i)
  const last = panels.length - 1
  const extent = chart.xExtent
  const series: LineSeriesOption[] = []
  const readout: ReadoutPanel[] = []
  panels.forEach((p, i) => {
    const panelReadout: ReadoutPanel = { metric: p.metric, lines: [] }
    readout.push(panelReadout)
    for (const l of p.lines) {
      const color = colorOf.get(l.key) ?? paletteColor(0, dark)
      const name = names.get(l.key) ?? l.label
      const smoothed = settings.smoothing > 0 ? emaSmooth(l.y, settings.smoothing) : l.y
      if (!zoom) series.push(...lineSeries(i, name, l, color, input, smoothed), ...bandSeries(i, name, l, color, dark))
      panelReadout.lines.push({ name, color, x: l.x, y: smoothed })
    }
    if (zoom) series.push(...frameSeries(i, extent, panelYExtent(p.lines, settings.logY, settings.smoothing)))
  })
  const win = input.window ?? null
  return {
    animation: false,
    grid: boxes.map((b) => ({ left: LEFT, right: RIGHT, top: b.top, height: b.height, containLabel: false })),
    legend: zoom ? { show: false } : { top: 4, type: 'scroll', data: lines.map((l) => names.get(l.key) ?? l.label) },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    // on screen the read-out is driven by the view (hover-readout.ts): hidden while the user pans or zooms
    tooltip: { trigger: 'axis', triggerOn: zoom ? 'none' : 'mousemove|click', showDelay: 80, className: 'curves-tooltip', axisPointer: { type: 'line', snap: false }, confine: true, formatter: curvesReadout(readout, xKind, input.xName, input.pointerX) },
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
          // no data shadow: the slider would draw the first series, which on screen is the invisible frame
          { type: 'slider', xAxisIndex: axisIndex, filterMode: 'none', showDataShadow: false, height: 18, bottom: 8, labelFormatter: (v: number) => formatAxisTick(xKind, v), ...(win ? { startValue: win[0], endValue: win[1] } : {}) },
        ]
      : [],
    series,
  } as LabChartOption
}
