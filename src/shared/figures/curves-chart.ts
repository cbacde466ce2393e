/**
 * The Curves chart as a pure function (CurveChart -> ECharts option), for headless rendering (`scaling-lab curves
 * --out`) and for any view that wants the same picture: one panel per metric stacked as small multiples sharing
 * the x axis; a line per run or group; with smoothing, the debiased EMA (shared/smoothing.ts) drawn over the raw
 * curve drawn faint; a group's band (min-max or mean +- one standard deviation) filled between its lo and hi.
 * Colours are Okabe-Ito (Wong 2011), one per line key, the same in every panel.
 */
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components'
import type { CurveChart, CurveLine, CurveX } from '../api/curves'
import { emaSmooth } from '../smoothing'
import { formatCount, formatFlops } from '../units-format'
import { SCALING_PALETTE, SCALING_PALETTE_DARK, type ChartTheme } from './scaling-charts'

export type CurvesChartOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | TitleComponentOption>

export interface CurvesChartOptions {
  theme?: ChartTheme
  /** EMA weight in [0, 1); 0 draws the raw curves only */
  smoothing: number
  logX: boolean
  logY: boolean
}

const X_NAMES: Record<string, string> = { step: 'Step', tokens: 'Tokens', flops: 'Compute (FLOPs)', wall_time: 'Wall time (s)' }

export function curveXName(x: CurveX): string {
  return X_NAMES[x] ?? x.slice('metric:'.length)
}

export function curvesChartOption(chart: CurveChart, opts: CurvesChartOptions): CurvesChartOption {
  const dark = opts.theme === 'dark'
  const palette = dark ? SCALING_PALETTE_DARK : SCALING_PALETTE
  const keys = [...new Set(chart.panels.flatMap((p) => p.lines.map((l) => l.key)))]
  const color = (key: string): string => palette[keys.indexOf(key) % palette.length]
  const n = Math.max(1, chart.panels.length)
  const top = 10
  const bottom = 9
  const share = (100 - top - bottom) / n
  const gap = n > 1 ? 5 : 0
  const extent = chart.xExtent ?? undefined
  return {
    legend: { top: 4, type: 'scroll', icon: 'roundRect', textStyle: { color: dark ? '#c9d1d9' : '#333333' } },
    tooltip: { trigger: 'axis' },
    grid: chart.panels.map((_, i) => ({ left: 72, right: 28, top: `${top + i * share}%`, height: `${share - gap}%` })),
    xAxis: chart.panels.map((_, i) => ({
      gridIndex: i,
      type: opts.logX ? 'log' : 'value',
      min: extent?.[0],
      max: extent?.[1],
      name: i === n - 1 ? curveXName(chart.x) : undefined,
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { show: i === n - 1, formatter: xLabel(chart.x), hideOverlap: true },
    })),
    yAxis: chart.panels.map((p, i) => ({
      gridIndex: i,
      type: opts.logY ? 'log' : 'value',
      // a log axis ignores `scale`: bound it by the data so a loss curve is not squeezed between powers of ten
      ...(opts.logY ? { min: 'dataMin', max: 'dataMax' } : { scale: true }),
      name: p.metric,
      nameLocation: 'middle',
      nameGap: 52,
      axisLabel: { formatter: (v: number) => String(Number(v.toPrecision(3))) },
    })),
    // bands after the lines, so the legend takes each line's own style (its first series of that name)
    series: [
      ...chart.panels.flatMap((p, i) => p.lines.flatMap((l) => lineSeries(l, i, color(l.key), opts))),
      ...chart.panels.flatMap((p, i) => p.lines.flatMap((l) => (l.lo && l.hi ? bandSeries(l, i, color(l.key)) : []))),
    ],
  }
}

type Series = LineSeriesOption

function xLabel(x: CurveX): ((v: number) => string) | undefined {
  if (x === 'flops') return (v) => formatFlops(v)
  if (x === 'step' || x === 'tokens') return (v) => formatCount(v)
  return undefined
}

function baseSeries(l: CurveLine, panel: number) {
  return { type: 'line' as const, name: l.label, xAxisIndex: panel, yAxisIndex: panel, showSymbol: l.x.length === 1, symbolSize: 4, animation: false }
}

function lineSeries(l: CurveLine, panel: number, color: string, opts: CurvesChartOptions): Series[] {
  const base = baseSeries(l, panel)
  const out: Series[] = []
  const pairs = (y: readonly number[]): [number, number][] => l.x.map((x, k) => [x, y[k]])
  if (opts.smoothing > 0) {
    out.push({ ...base, data: pairs(l.y), lineStyle: { color, width: 1, opacity: 0.25 }, itemStyle: { color }, z: 2, tooltip: { show: false } })
    out.push({ ...base, data: pairs(emaSmooth(l.y, opts.smoothing)), lineStyle: { color, width: 1.6 }, itemStyle: { color }, z: 3 })
  } else {
    out.push({ ...base, data: pairs(l.y), lineStyle: { color, width: 1.4 }, itemStyle: { color }, z: 3 })
  }
  return out
}

/** The band: its lower edge (no fill) and, stacked on it, hi - lo filled, so the fill lies between lo and hi. */
function bandSeries(l: CurveLine, panel: number, color: string): Series[] {
  const base = baseSeries(l, panel)
  const lo = l.lo as number[]
  const hi = l.hi as number[]
  const stack = `band:${panel}:${l.key}`
  return [
    { ...base, stack, data: l.x.map((x, k) => [x, lo[k]]), lineStyle: { opacity: 0 }, itemStyle: { color }, z: 1, tooltip: { show: false } },
    { ...base, stack, data: l.x.map((x, k) => [x, hi[k] - lo[k]]), lineStyle: { opacity: 0 }, areaStyle: { color, opacity: 0.18 }, itemStyle: { color }, z: 1, tooltip: { show: false } },
  ]
}
