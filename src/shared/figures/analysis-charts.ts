/**
 * Charts of the emergence, calibration and trend-shape analyses as pure functions (data -> ECharts option),
 * shared by the views and headless rendering (scaling-lab figure):
 *   emergence      score against size on a log axis, with chance, the emergence threshold, the flat / linear /
 *                  logistic fits and the emergence scale with its bootstrap interval (Wei et al. 2022);
 *   metric curves  each metric min-max normalised against size (Schaeffer et al. 2023);
 *   dynamics       a task's metric over training tokens for each model size;
 *   reliability    accuracy against mean confidence per bin, one line per model, and the bin counts
 *                  (Guo et al. 2017; Kadavath et al. 2022);
 *   calibration against scale, trend curves grouped by shape (McKenzie et al. 2023).
 */
import type { ComposeOption } from 'echarts/core'
import { escapeHtml } from '../escape-html'
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components'
import type { CalibrationResult, CalibrationScaleResult, EmergenceResult, MetricComparisonResult, TrainingDynamicsResult, TrendResult } from '../api/analysis-results'
import { formatCount } from '../units-format'

export type AnalysisChartOption = ComposeOption<
  | LineSeriesOption
  | ScatterSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
  | TitleComponentOption
>

/** Okabe-Ito colours (Wong 2011), the lab's palette; on a dark background sky blue leads and black turns grey. */
export const ANALYSIS_PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442']
export const ANALYSIS_PALETTE_DARK = ['#56B4E9', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#F0E442', '#BBBBBB', '#0072B2']

/** Every chart takes `dark` to pick colours that read on the dark theme. */
export interface ChartLook {
  dark?: boolean
}

/** Colours and label style for one chart, light or dark. */
function kit(look: ChartLook) {
  const palette = look.dark ? ANALYSIS_PALETTE_DARK : ANALYSIS_PALETTE
  return {
    color: (i: number): string => palette[i % palette.length],
    neutral: (): string => (look.dark ? '#8b949e' : '#777777'),
    /** plain chart labels: no outline, in the theme's text colour */
    markLabel: (formatter: string) => ({ formatter, position: 'insideEndTop' as const, color: look.dark ? '#c9d1d9' : '#444444', textBorderWidth: 0 }),
  }
}

const num = (v: number | null | undefined, digits = 3): string => (v === null || v === undefined || !Number.isFinite(v) ? '-' : String(Number(v.toPrecision(digits))))

const logAxis = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'log' as const,
  name,
  nameLocation: 'middle' as const,
  nameGap: 28,
  // the data's range with a little room, not the enclosing powers of ten
  min: (v: { min: number }) => v.min / 1.5,
  max: (v: { max: number }) => v.max * 1.5,
  minorTick: { show: true },
  axisLabel: { formatter: (v: number) => formatCount(v), hideOverlap: true, showMinLabel: false, showMaxLabel: false },
  ...extra,
})

export interface EmergenceLabels {
  x: string
  y: string
  observed: string
  flat: string
  linear: string
  logistic: string
  chance: string
  threshold: string
  scale: string
}

/** Score against size: observed points (with +-1 se bars as a band of tiny lines), fits, chance, threshold, scale. */
export function emergenceOption(r: EmergenceResult, labels: EmergenceLabels, look: ChartLook = {}): AnalysisChartOption {
  const k = kit(look)
  const pts = r.points.map((p) => [p.x, p.value] as [number, number])
  const bars = r.points
    .filter((p) => p.stderr !== null && p.stderr > 0)
    .map((p) => [
      [p.x, p.value - (p.stderr as number)],
      [p.x, p.value + (p.stderr as number)],
    ])
  const markLines: NonNullable<LineSeriesOption['markLine']>['data'] = []
  if (r.chance !== null) markLines.push({ yAxis: r.chance, name: labels.chance, lineStyle: { type: 'dashed', color: k.neutral() }, label: k.markLabel(labels.chance) })
  if (r.emergence_scale !== null && r.censored === 'none')
    markLines.push({ xAxis: r.emergence_scale, name: labels.scale, lineStyle: { type: 'solid', color: '#D55E00' }, label: k.markLabel(`${labels.scale} ${formatCount(r.emergence_scale)}`) })
  const area =
    r.interval && r.interval[0] !== null && r.emergence_scale !== null && r.censored === 'none'
      ? [[{ xAxis: r.interval[0] }, { xAxis: r.interval[1] ?? r.points[r.points.length - 1].x }]]
      : []
  const fitLine = (name: string, curve: [number, number][], i: number, dashed: boolean): LineSeriesOption => ({
    type: 'line',
    name,
    data: curve,
    showSymbol: false,
    smooth: false,
    lineStyle: { width: name === labels.logistic ? 2 : 1.5, type: dashed ? 'dashed' : 'solid', color: k.color(i) },
    itemStyle: { color: k.color(i) },
    z: 2,
  })
  return {
    grid: { left: 64, right: 24, top: 40, bottom: 48 },
    legend: { top: 4 },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const q = p as { seriesName: string; value: [number, number] }
        return `${escapeHtml(q.seriesName)}<br/>${formatCount(q.value[0])}: ${num(q.value[1], 4)}`
      },
    },
    xAxis: logAxis(labels.x),
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 44, scale: true },
    series: [
      fitLine(labels.flat, r.fits.flat.curve, 6, true),
      fitLine(labels.linear, r.fits.linear.curve, 2, true),
      {
        ...fitLine(labels.logistic, r.fits.logistic.curve, 1, false),
        markLine: { symbol: 'none', silent: true, data: markLines },
        markArea: { silent: true, itemStyle: { color: 'rgba(213, 94, 0, 0.10)' }, data: area as never },
      },
      {
        type: 'line',
        name: labels.threshold,
        data: r.points.map((p) => [p.x, p.threshold]),
        showSymbol: false,
        lineStyle: { type: 'dotted', width: 1, color: k.neutral() },
        itemStyle: { color: k.neutral() },
      },
      ...bars.map(
        (b): LineSeriesOption => ({ type: 'line', name: labels.observed, data: b, showSymbol: false, lineStyle: { width: 1, color: k.color(0) }, silent: true, tooltip: { show: false } }),
      ),
      { type: 'scatter', name: labels.observed, data: pts, symbolSize: 9, itemStyle: { color: k.color(0) }, z: 5 },
    ],
  }
}

/** Every metric normalised to [0, 1] (1 = best size) against size: does the jump survive a continuous metric? */
export function metricCurvesOption(r: MetricComparisonResult, labels: { x: string; y: string }, look: ChartLook = {}): AnalysisChartOption {
  const k = kit(look)
  return {
    grid: { left: 64, right: 24, top: 40, bottom: 48 },
    legend: { top: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: logAxis(labels.x),
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 40, min: 0, max: 1 },
    series: r.metrics.map((m, i) => ({
      type: 'line' as const,
      name: `${m.metric} (${m.kind})`,
      data: m.normalized.map((p) => [p.x, p.normalized]),
      symbolSize: 7,
      lineStyle: { type: m.continuous ? ('solid' as const) : ('dashed' as const), width: 2, color: k.color(i) },
      itemStyle: { color: k.color(i) },
    })),
  }
}

/** One line per model size: the metric over training tokens (log axis; step 0 is left out). */
export function dynamicsOption(r: TrainingDynamicsResult, labels: { x: string; y: string }, look: ChartLook = {}): AnalysisChartOption {
  const k = kit(look)
  return {
    grid: { left: 64, right: 24, top: 56, bottom: 48 },
    legend: { top: 4, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: logAxis(labels.x),
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 44, scale: true },
    series: r.series.map((s, i) => ({
      type: 'line' as const,
      name: `${s.model} (${formatCount(s.params)})`,
      data: s.points.filter((p) => (p.tokens ?? p.checkpoint) > 0).map((p) => [p.tokens ?? p.checkpoint, p.value]),
      showSymbol: false,
      lineStyle: { width: 1.5, color: k.color(i) },
      itemStyle: { color: k.color(i) },
    })),
  }
}

/** Reliability diagram: accuracy against mean confidence per bin, one line per model, and the diagonal. */
export function reliabilityOption(results: CalibrationResult[], labels: { x: string; y: string; diagonal: string; count: string }, look: ChartLook = {}): AnalysisChartOption {
  const k = kit(look)
  return {
    grid: { left: 64, right: 24, top: 56, bottom: 48 },
    legend: { top: 4, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const q = p as { seriesName: string; value: [number, number, number] }
        return `${escapeHtml(q.seriesName)}<br/>${escapeHtml(labels.x)} ${num(q.value[0])}<br/>${escapeHtml(labels.y)} ${num(q.value[1])}<br/>${escapeHtml(labels.count)} ${q.value[2]}`
      },
    },
    xAxis: { type: 'value', name: labels.x, nameLocation: 'middle', nameGap: 28, min: 0, max: 1 },
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 40, min: 0, max: 1 },
    series: [
      { type: 'line', name: labels.diagonal, data: [[0, 0, 0], [1, 1, 0]], showSymbol: false, silent: true, lineStyle: { type: 'dashed', color: k.neutral(), width: 1 }, itemStyle: { color: k.neutral() }, tooltip: { show: false } },
      ...results.map((r, i) => ({
        type: 'line' as const,
        name: `${r.model} (${formatCount(r.params)})`,
        data: r.reliability.filter((b) => b.count > 0).map((b) => [b.mean_confidence, b.accuracy, b.count]),
        symbolSize: (v: number[]) => Math.max(4, Math.min(14, 2 * Math.sqrt(v[2] / 10))),
        lineStyle: { width: 2, color: k.color(i) },
        itemStyle: { color: k.color(i) },
      })),
    ],
  }
}

/** Items per bin for each model (bars), so thin bins are seen as thin. */
export function binCountsOption(results: CalibrationResult[], labels: { x: string; y: string }, look: ChartLook = {}): AnalysisChartOption {
  const k = kit(look)
  const first = results[0]
  const categories = first ? first.reliability.map((b) => `${num(b.lower, 2)}–${num(b.upper, 2)}`) : []
  return {
    grid: { left: 64, right: 24, top: 40, bottom: 56 },
    legend: { top: 4, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', name: labels.x, nameLocation: 'middle', nameGap: 36, data: categories, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 44 },
    series: results.map((r, i) => ({ type: 'bar' as const, name: r.model, data: r.reliability.map((b) => b.count), itemStyle: { color: k.color(i) } })),
  }
}

/**
 * ECE and Brier (left axis) and NLL (right axis) against parameters, with their bootstrap intervals in the
 * tooltip. A measure no model has (ECE without the pick's confidence, NLL without the gold probability) is
 * not drawn, and an axis names only the measures drawn on it.
 */
export function calibrationScaleOption(
  s: CalibrationScaleResult,
  labels: { x: string; ece: string; brier: string; nll: string; separator: string },
  look: ChartLook = {},
): AnalysisChartOption {
  const k = kit(look)
  const drawn = calibrationMeasuresDrawn(s)
  const line = (name: string, key: 'ece' | 'brier' | 'nll', i: number, axis: number): LineSeriesOption => ({
    type: 'line',
    name,
    yAxisIndex: axis,
    data: s.models.map((m) => [m.params, m[key]]),
    symbolSize: 8,
    lineStyle: { width: 2, color: k.color(i), type: axis ? 'dashed' : 'solid' },
    itemStyle: { color: k.color(i) },
  })
  const axes = calibrationAxisNames(drawn, labels)
  return {
    grid: { left: 64, right: 64, top: 40, bottom: 48 },
    legend: { top: 4 },
    tooltip: {
      trigger: 'axis',
      formatter: (ps: unknown) => {
        const list = ps as { seriesName: string; dataIndex: number; value: [number, number] }[]
        if (!list.length) return ''
        const m = s.models[list[0].dataIndex]
        const iv = (k: 'ece' | 'brier' | 'nll'): string => {
          const v = m.intervals?.[k]
          return v ? ` [${num(v[0])}, ${num(v[1])}]` : ''
        }
        return `${escapeHtml(m.model)} (${formatCount(m.params)})<br/>${escapeHtml(labels.ece)} ${num(m.ece)}${iv('ece')}<br/>${escapeHtml(labels.brier)} ${num(m.brier)}${iv('brier')}<br/>${escapeHtml(labels.nll)} ${num(m.nll)}${iv('nll')}`
      },
    },
    xAxis: logAxis(labels.x),
    yAxis: [
      { type: 'value', name: axes.left, nameLocation: 'middle', nameGap: 44, min: 0 },
      { type: 'value', name: axes.right, nameLocation: 'middle', nameGap: 44, scale: true },
    ],
    series: [
      drawn.ece ? line(labels.ece, 'ece', 0, 0) : null,
      drawn.brier ? line(labels.brier, 'brier', 1, 0) : null,
      drawn.nll ? line(labels.nll, 'nll', 2, 1) : null,
    ].filter((l): l is LineSeriesOption => l !== null),
  }
}

/** Which measures some model has (the others are not drawn). */
export function calibrationMeasuresDrawn(s: CalibrationScaleResult): { ece: boolean; brier: boolean; nll: boolean } {
  const has = (key: 'ece' | 'brier' | 'nll'): boolean => s.models.some((m) => m[key] !== null && m[key] !== undefined)
  return { ece: has('ece'), brier: has('brier'), nll: has('nll') }
}

/** Axis names from the measures drawn: left ECE and / or Brier, right NLL; '' for an axis with nothing on it. */
export function calibrationAxisNames(
  drawn: { ece: boolean; brier: boolean; nll: boolean },
  labels: { ece: string; brier: string; nll: string; separator: string },
): { left: string; right: string } {
  const left = [drawn.ece ? labels.ece : null, drawn.brier ? labels.brier : null].filter((v): v is string => v !== null).join(labels.separator)
  return { left, right: drawn.nll ? labels.nll : '' }
}

/** Every task's curve of one shape class against size; the hover shows the classification's reason. */
/** A trend series' name: task, family and the shot count it was read at (or the counts pooled in it). */
export function trendSeriesName(r: Pick<TrendResult, 'task' | 'family' | 'shots' | 'pooled_shots'>): string {
  const shots = typeof r.shots === 'number' ? ` · ${r.shots}-shot` : r.pooled_shots?.length ? ` · shots ${r.pooled_shots.join('+')}` : ''
  return `${r.task}${r.family ? ` · ${r.family}` : ''}${shots}`
}

export function trendGroupOption(results: TrendResult[], labels: { x: string; y: string }, look: ChartLook = {}): AnalysisChartOption {
  const k = kit(look)
  return {
    grid: { left: 64, right: 24, top: 56, bottom: 48 },
    legend: { top: 4, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      confine: true,
      extraCssText: 'max-width: 360px; white-space: normal;',
      formatter: (p: unknown) => {
        const q = p as { seriesIndex: number; value: [number, number] }
        const r = results[q.seriesIndex]
        const slope = r.evidence.slope
        return (
          `<b>${escapeHtml(trendSeriesName(r))}</b> · ${escapeHtml(r.shape)}<br/>${formatCount(q.value[0])}: ${num(q.value[1], 4)}<br/>` +
          (slope ? `slope ${num(slope.estimate)} / decade [${num(slope.interval[0])}, ${num(slope.interval[1])}]<br/>` : '') +
          escapeHtml(r.evidence.reason)
        )
      },
    },
    xAxis: logAxis(labels.x),
    yAxis: { type: 'value', name: labels.y, nameLocation: 'middle', nameGap: 44, scale: true },
    series: results.map((r, i) => ({
      type: 'line' as const,
      name: trendSeriesName(r),
      data: r.points.map((p) => [p.x, p.value]),
      symbolSize: 7,
      lineStyle: { width: 2, color: k.color(i) },
      itemStyle: { color: k.color(i) },
    })),
  }
}
