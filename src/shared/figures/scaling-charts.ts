/**
 * Scaling-law charts as pure functions (plain data -> ECharts option), shared by the Scaling, IsoFLOP and Compute
 * views and by headless rendering (`scaling-lab figure`):
 *   scalingLawOption        loss against N, D or C (log-log): runs, excluded runs hollow, the fitted law solid over the
 *                           data and dashed past it, its bootstrap band, compared laws, residuals ln(L / fit) below;
 *   isoflopOption           Hoffmann et al. 2022 (arXiv 2203.15556) Figure 3: loss against N per compute group with its
 *                           parabola in log N and vertex, the frontier of vertices; N_opt and D_opt against C beside;
 *   computeAllocationOption N_opt(C) and D_opt(C) under several laws side by side (log-log), Gopher (280B, 300B) and
 *                           Chinchilla (70B, 1.4T) marked, an optional budget line.
 * Colours are Okabe-Ito (Wong 2011). Scatter points carry [x, loss, runId] with the run's name as `name`, so a view's
 * click handler reads the run id from `data.value[2]` (series id 'points' or 'excluded').
 */
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components'
import type { FitResultInfo, IsoflopGroupInfo, ScalingPointInfo } from '../api/fit'
import { formatCount, formatFlops } from '../units-format'
import { escapeHtml } from '../escape-html'
import { allocateLaw, lawCurve, logGrid, predictLawLoss, type LawCurveSource, type ScalingX } from './scaling-law-eval'

export type ScalingChartOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | MarkLineComponentOption | TitleComponentOption
>

export type { LawCurveSource, ScalingX } from './scaling-law-eval'

/** Okabe-Ito colours; on a dark background sky blue leads and black turns light grey. */
export const SCALING_PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442']
export const SCALING_PALETTE_DARK = ['#56B4E9', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#F0E442', '#BBBBBB', '#0072B2']

export type ChartTheme = 'light' | 'dark'

function look(theme: ChartTheme | undefined) {
  const dark = theme === 'dark'
  const palette = dark ? SCALING_PALETTE_DARK : SCALING_PALETTE
  return {
    dark,
    color: (i: number): string => palette[i % palette.length],
    neutral: dark ? '#8b949e' : '#888888',
    text: dark ? '#c9d1d9' : '#333333',
    // the band is filled and outlined: a narrow band (Approach 3 on hundreds of runs) stays visible as its two
    // edges, while its width on screen is the band's own
    bandFill: dark ? 'rgba(86, 180, 233, 0.34)' : 'rgba(0, 114, 178, 0.24)',
    bandEdge: dark ? '#8fd0f5' : '#005a8c',
    split: dark ? '#30363d' : '#e6e6e6',
  }
}

const num = (v: number, digits = 4): string => (Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : '-')
const fmtX = (x: ScalingX, v: number): string => (x === 'flops' ? formatFlops(v) : formatCount(v))

export interface ScalingChartLabels {
  params: string
  tokens: string
  flops: string
  loss: string
  residual: string
  runs: string
  excluded: string
  fit: string
  /** suffix of a two-variable law drawn along its compute-optimal frontier (default 'compute-optimal') */
  frontier?: string
  band: string
  extrapolation: string
}

export const DEFAULT_SCALING_LABELS: ScalingChartLabels = {
  params: 'Parameters N',
  tokens: 'Training tokens D',
  flops: 'Compute C (FLOPs)',
  loss: 'Final loss (nats/token)',
  residual: 'Residual ln(L / fit)',
  runs: 'Runs',
  excluded: 'Excluded',
  fit: 'Fit',
  frontier: 'compute-optimal',
  band: '95% band',
  extrapolation: 'extrapolation',
}

export interface ScalingChartOptions {
  x: ScalingX
  theme?: ChartTheme
  /** run ids shown hollow and left out of the residuals */
  excluded?: readonly number[]
  /** name of the main fit in the legend (default labels.fit + law) */
  fitName?: string
  /** other fits or presets drawn as extra curves (a second fit, a published law) */
  compare?: readonly { name: string; source: LawCurveSource }[]
  labels?: Partial<ScalingChartLabels>
  /** residual panel under the chart (default true when a fit is given) */
  residuals?: boolean
  /** draw the law up to this x (default 10x the largest x in the data); past the data the curve is dashed */
  extrapolateTo?: number
  /** loss on a log axis (default: when the losses span a decade or more) */
  logLoss?: boolean
  /** lay the panels out in pixels for a figure of this size and font size (exports): see scalingLayout */
  layout?: FigureLayoutHint
}

export interface FigureLayoutHint {
  width: number
  height: number
  fontSize: number
}

function axisName(x: ScalingX, l: ScalingChartLabels): string {
  return x === 'params' ? l.params : x === 'tokens' ? l.tokens : l.flops
}

function logAxis(name: string, lo: number, hi: number, extra: Record<string, unknown> = {}) {
  return {
    type: 'log' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 28,
    min: lo,
    max: hi,
    minorTick: { show: true },
    axisLabel: { hideOverlap: true },
    ...extra,
  }
}

/** Range of positive values, padded by a factor in log space. */
function range(values: readonly number[], pad = 1.4): [number, number] {
  const v = values.filter((a) => Number.isFinite(a) && a > 0)
  if (v.length === 0) return [1, 10]
  let lo = Math.min(...v)
  let hi = Math.max(...v)
  if (hi <= lo) {
    lo /= 2
    hi *= 2
  }
  return [lo / pad, hi * pad]
}

/** Log-axis bounds: whole decades when the values span more than one and a half, else the padded range. */
function logBounds(values: readonly number[], pad = 1.4): [number, number] {
  const [lo, hi] = range(values, pad)
  if (Math.log10(hi / lo) < 1.5) return [lo, hi]
  return [Math.pow(10, Math.floor(Math.log10(lo * pad) + 1e-9)), Math.pow(10, Math.ceil(Math.log10(hi / pad) - 1e-9))]
}

/** Loss axis: log when the losses span a decade or more (pure power laws), else linear (ECharts labels a log axis only at powers of ten). */
function lossAxis(name: string, lo: number, hi: number, log: boolean | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const useLog = log ?? hi / lo >= 10
  return {
    type: useLog ? 'log' : 'value',
    name,
    nameLocation: 'middle',
    nameGap: 50,
    ...(useLog ? { min: lo, max: hi } : { scale: true, min: (v: { min: number }) => Math.floor(v.min * 10) / 10, max: (v: { max: number }) => Math.ceil(v.max * 10) / 10 }),
    minorTick: { show: true },
    axisLabel: { formatter: (v: number) => num(v, 3), hideOverlap: true },
    ...extra,
  }
}

/** Split a curve at `edge`: the part over the data (solid) and the extrapolation (dashed), sharing the joining point. */
function splitAt(points: [number, number][], edge: number): { inside: [number, number][]; beyond: [number, number][] } {
  const inside = points.filter(([x]) => x <= edge)
  const beyond = points.filter(([x]) => x >= edge)
  if (inside.length && beyond.length && beyond[0][0] > edge) beyond.unshift(inside[inside.length - 1])
  return { inside, beyond }
}

function fitSource(fit: Pick<FitResultInfo, 'law' | 'params'>): LawCurveSource {
  return { law: fit.law, params: fit.params }
}

/** The fit's bootstrap band on the chart's axis: as stored, or (frontier bands over C) moved to N_opt(C) / D_opt(C). */
export function bandOnAxis(fit: FitResultInfo, x: ScalingX): { x: number; lo: number; hi: number }[] {
  const band = fit.band
  if (!band || band.y !== 'loss') return []
  if (band.x === x) return band.points.map((p) => ({ x: p.x, lo: p.lo, hi: p.hi }))
  if (band.x !== 'flops') return []
  const out: { x: number; lo: number; hi: number }[] = []
  for (const p of band.points) {
    const a = allocateLaw(fitSource(fit), p.x)
    if (!a) continue
    out.push({ x: x === 'params' ? a.N_opt : a.D_opt, lo: p.lo, hi: p.hi })
  }
  return out
}

/** Residuals ln L - ln L^ of the included runs under a fit (runs the law cannot predict are left out). */
export function scalingResiduals(points: readonly ScalingPointInfo[], fit: Pick<FitResultInfo, 'law' | 'params'>, x: ScalingX, excluded: readonly number[] = []): { runId: number; run: string; x: number; residual: number }[] {
  const skip = new Set(excluded)
  const src = fitSource(fit)
  const out: { runId: number; run: string; x: number; residual: number }[] = []
  for (const p of points) {
    if (skip.has(p.runId)) continue
    const pred = predictLawLoss(src, p)
    const r = Math.log(p.loss) - Math.log(pred)
    if (Number.isFinite(r)) out.push({ runId: p.runId, run: p.run, x: p[x], residual: r })
  }
  return out
}

/**
 * A band as four lines under everything else: a transparent lower line and (hi - lo) stacked on it with the fill,
 * then both edges outlined (dashed), so a band narrower than the fit's line still shows where it lies.
 */
function bandSeries(id: string, name: string, band: readonly { x: number; lo: number; hi: number }[], k: ReturnType<typeof look>, axis?: number): LineSeriesOption[] {
  const on = axis === undefined ? {} : { xAxisIndex: axis, yAxisIndex: axis }
  const quiet = { showSymbol: false, silent: true, tooltip: { show: false }, ...on }
  return [
    { type: 'line', id: `${id}-lo`, name, data: band.map((b) => [b.x, b.lo]), stack: id, stackStrategy: 'all', lineStyle: { opacity: 0 }, z: 1, ...quiet },
    { type: 'line', id: `${id}-hi`, name, data: band.map((b) => [b.x, b.hi - b.lo]), stack: id, stackStrategy: 'all', lineStyle: { opacity: 0 }, areaStyle: { color: k.bandFill, opacity: 1 }, itemStyle: { color: k.bandFill }, z: 1, ...quiet },
    ...(['lo', 'hi'] as const).map((edge): LineSeriesOption => ({
      type: 'line',
      id: `${id}-edge-${edge}`,
      name,
      data: band.map((b) => [b.x, b[edge]]),
      lineStyle: { width: 1, color: k.bandEdge, type: [4, 2] },
      itemStyle: { color: k.bandFill, borderColor: k.bandEdge },
      z: 2,
      ...quiet,
    })),
  ]
}

/** The fit's band relative to the fit itself, ln(lo / fit) and ln(hi / fit), where the fit can be evaluated on the axis. */
export function residualBand(fit: FitResultInfo, x: ScalingX): { x: number; lo: number; hi: number }[] {
  const band = fit.band
  if (!band || band.y !== 'loss' || !band.points.every((p) => p.y > 0)) return []
  // the fit's own value at each band point: the band is stored with it (y), whatever the axis it is moved to
  const moved = bandOnAxis(fit, x)
  if (moved.length !== band.points.length) return []
  return moved
    .map((b, i) => ({ x: b.x, lo: Math.log(b.lo / band.points[i].y), hi: Math.log(b.hi / band.points[i].y) }))
    .filter((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi) && b.hi >= b.lo)
}

/** Width of a text in a sans-serif font of `fontSize` px, estimated: CJK glyphs are square, Latin ones about 0.6 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let w = 0
  for (const ch of text) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? fontSize : 0.6 * fontSize
  return w
}

export interface ScalingLayout {
  grids: { left: number; right: number; top: number; height: number }[]
  legendLines: number
  legendGap: number
  yNameGap: number
  xNameGap: number
}

/**
 * Panels in pixels for a figure of a given size (exports at one or two paper columns): the legend wrapped to the
 * width, each y axis named above its panel, the residual panel below the main one with a gap, so no two panels or
 * labels overlap at any size the export offers. Legend rows are estimated from the text widths.
 */
export function scalingLayout(size: FigureLayoutHint, legendNames: readonly string[], residuals: boolean): ScalingLayout {
  const roomy = layoutWithGap(size, legendNames, residuals, size.fontSize)
  // too short for both panels at two text lines each: a tighter legend gives them the room
  return roomy.short ? layoutWithGap(size, legendNames, residuals, size.fontSize / 2).layout : roomy.layout
}

function layoutWithGap(size: FigureLayoutHint, legendNames: readonly string[], residuals: boolean, legendGap: number): { layout: ScalingLayout; short: boolean } {
  const fs = size.fontSize
  const usable = size.width - 8
  let lines = legendNames.length ? 1 : 0
  let row = 0
  for (const name of legendNames) {
    const item = 2 * fs + 5 + estimateTextWidth(name, fs)
    if (row > 0 && row + legendGap + item > usable) {
      lines += 1
      row = item
    } else row += (row > 0 ? legendGap : 0) + item
  }
  const lineHeight = 1.2 * fs + legendGap
  const nameRow = 1.4 * fs + 4
  const left = Math.round(0.6 * fs * 5 + 14)
  const right = Math.round(1.5 * fs + 6)
  const top = Math.round(4 + lines * lineHeight + nameRow)
  const xNameGap = Math.round(1.4 * fs + 6)
  const bottom = Math.round(xNameGap + 1.4 * fs + 4)
  const yNameGap = Math.round(0.5 * fs)
  const base = { legendLines: lines, legendGap, yNameGap, xNameGap }
  if (!residuals) {
    const plot = size.height - top - bottom
    return { layout: { grids: [{ left, right, top, height: Math.max(2 * fs, plot) }], ...base }, short: plot < 2 * fs }
  }
  const gap = Math.round(nameRow + 0.4 * fs)
  // the residual panel takes 28% and at least three text lines; in a figure too short for that (large text in a
  // wide, flat single column) both panels shrink alike down to two lines each
  const room = size.height - top - bottom - gap
  const resid = room >= 6 * fs ? Math.max(3 * fs, Math.round(0.28 * room)) : Math.max(2 * fs, Math.round(room / 2))
  const main = Math.max(2 * fs, room - resid)
  return {
    layout: {
      grids: [
        { left, right, top, height: main },
        { left, right, top: top + main + gap, height: resid },
      ],
      ...base,
    },
    short: room < 4 * fs,
  }
}

/** Loss against N, D or C with the fit, its band, the extrapolation dashed, compared laws, and residuals below. */
export function scalingLawOption(points: readonly ScalingPointInfo[], fit: FitResultInfo | null, opts: ScalingChartOptions): ScalingChartOption {
  const l = { ...DEFAULT_SCALING_LABELS, ...opts.labels }
  const k = look(opts.theme)
  const x = opts.x
  const skip = new Set(opts.excluded ?? [])
  const included = points.filter((p) => !skip.has(p.runId))
  const excluded = points.filter((p) => skip.has(p.runId))
  const dataXs = points.map((p) => p[x])
  const dataMax = Math.max(...(included.length ? included : points).map((p) => p[x]))
  const dataMin = Math.min(...(included.length ? included : points).map((p) => p[x]))
  const curveHi = opts.extrapolateTo ?? dataMax * 10
  const [xLo, xHi] = logBounds([...dataXs, curveHi], 1.3)
  const showResiduals = fit !== null && (opts.residuals ?? true)
  const series: (LineSeriesOption | ScatterSeriesOption)[] = []
  const lossValues: number[] = points.map((p) => p.loss)

  const laws: { name: string; source: LawCurveSource; main: boolean }[] = []
  // a law of N and D against N or D alone is drawn along its compute-optimal frontier: say so in the legend
  const alongFrontier = (law: string): boolean => x !== 'flops' && (law === 'chinchilla' || law === 'envelope' || law === 'isoflop')
  const tag = (name: string, law: string): string => (alongFrontier(law) ? `${name}, ${l.frontier ?? 'compute-optimal'}` : name)
  if (fit) laws.push({ name: tag(opts.fitName ?? `${l.fit} (${fit.law})`, fit.law), source: fitSource(fit), main: true })
  for (const c of opts.compare ?? []) laws.push({ name: tag(c.name, c.source.law), source: c.source, main: false })
  const experts = [...new Set(points.map((p) => p.experts ?? 1))].sort((a, b) => a - b)

  // band first, under everything: a transparent lower line and the (hi - lo) stacked on it with a fill
  if (fit) {
    const band = bandOnAxis(fit, x).filter((b) => b.x >= xLo && b.x <= xHi && b.lo > 0 && b.hi >= b.lo)
    if (band.length > 1) {
      for (const b of band) lossValues.push(b.lo, b.hi)
      series.push(...bandSeries('band', l.band, band, k))
    }
  }

  laws.forEach((law, i) => {
    const color = k.color(law.main ? 0 : i + (fit ? 1 : 2))
    const curves = lawCurve(law.source, x, Math.max(xLo, dataMin / 1.3), curveHi, 80, experts)
    curves.forEach((c, j) => {
      const name = c.name && curves.length > 1 ? `${law.name} ${c.name}` : law.name
      const { inside, beyond } = splitAt(c.points, dataMax)
      const width = law.main ? 2.5 : 1.8
      const col = curves.length > 1 ? k.color(j + (law.main ? 0 : 3)) : color
      for (const [, v] of c.points) lossValues.push(v)
      series.push({ type: 'line', name, data: inside, showSymbol: false, lineStyle: { width, color: col, type: law.main ? 'solid' : [6, 3] }, itemStyle: { color: col }, z: 3 })
      if (beyond.length > 1) {
        series.push({ type: 'line', name, data: beyond, showSymbol: false, lineStyle: { width, color: col, type: 'dashed', opacity: 0.9 }, itemStyle: { color: col }, z: 3 })
      }
    })
  })

  series.push({
    type: 'scatter',
    id: 'points',
    name: l.runs,
    data: included.map((p) => ({ value: [p[x], p.loss, p.runId], name: p.run })),
    symbolSize: 7,
    itemStyle: { color: k.color(1), opacity: 0.85 },
    z: 5,
  })
  if (excluded.length) {
    series.push({
      type: 'scatter',
      id: 'excluded',
      name: l.excluded,
      data: excluded.map((p) => ({ value: [p[x], p.loss, p.runId], name: p.run })),
      symbol: 'emptyCircle',
      symbolSize: 8,
      itemStyle: { color: k.neutral, borderColor: k.neutral },
      z: 5,
    })
  }

  const [yLo, yHi] = range(lossValues.filter((v) => v < 1e3), 1.05)
  // one legend entry per name: the band's fill stands for its helper lines
  const legendNames = [...new Set(series.filter((s) => s.id !== 'residuals' && !/^(band-lo|band-edge-|residual-band)/.test(String(s.id ?? ''))).map((s) => String(s.name)))]
  const lay = opts.layout ? scalingLayout(opts.layout, legendNames, showResiduals) : null
  const grids: GridComponentOption[] = lay
    ? lay.grids
    : showResiduals
      ? [
          { left: 72, right: 28, top: 48, bottom: '34%' },
          { left: 72, right: 28, height: '18%', bottom: 52 },
        ]
      : [{ left: 72, right: 28, top: 48, bottom: 52 }]
  // in a laid-out figure each y axis is named above its panel, so a long name never runs into the other panel's
  const yName = (name: string): Record<string, unknown> => (lay ? { name, nameLocation: 'end', nameGap: lay.yNameGap, nameRotate: 0, nameTextStyle: { align: 'left', padding: [0, 0, 0, -lay.grids[0].left] } } : { name, nameLocation: 'middle', nameGap: 50 })
  const xName = lay ? { nameGap: lay.xNameGap } : {}
  const xAxes = showResiduals
    ? [
        logAxis('', xLo, xHi, { gridIndex: 0, axisLabel: { show: false } }),
        logAxis(axisName(x, l), xLo, xHi, { gridIndex: 1, axisLabel: { hideOverlap: true, formatter: (v: number) => fmtX(x, v) }, ...xName }),
      ]
    : [logAxis(axisName(x, l), xLo, xHi, { axisLabel: { hideOverlap: true, formatter: (v: number) => fmtX(x, v) }, ...xName })]
  const yAxes: Record<string, unknown>[] = [lossAxis(l.loss, yLo, yHi, opts.logLoss, { gridIndex: 0, ...(lay ? yName(l.loss) : {}) })]
  if (showResiduals && fit) {
    const res = scalingResiduals(points, fit, x, opts.excluded)
    const rBand = residualBand(fit, x)
    const m = Math.max(0.02, ...res.map((r) => Math.abs(r.residual)), ...rBand.map((b) => Math.max(Math.abs(b.lo), Math.abs(b.hi)))) * 1.15
    // +-m is not a round number: its labels would print over the nearest tick's (0.59 over 0.5)
    yAxes.push({ type: 'value', gridIndex: 1, ...yName(l.residual), min: -m, max: m, splitNumber: 2, axisLabel: { formatter: (v: number) => num(v, 2), showMinLabel: false, showMaxLabel: false } })
    // the band again around zero, as ln(bound / fit): the residual axis is finer than the loss axis, so a band too
    // narrow to see over the data shows here at its true width
    if (rBand.length > 1) {
      series.push(...bandSeries('residual-band', l.band, rBand, k, 1))
    }
    series.push({
      type: 'scatter',
      id: 'residuals',
      name: l.residual,
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: res.map((r) => ({ value: [r.x, r.residual, r.runId], name: r.run })),
      symbolSize: 5,
      itemStyle: { color: k.color(1), opacity: 0.8 },
      markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0 }], lineStyle: { color: k.neutral, type: 'solid', width: 1 }, label: { show: false } },
      z: 4,
    })
  }
  return {
    color: [k.color(0), k.color(1), k.color(2), k.color(3), k.color(4)],
    grid: grids,
    legend: lay ? { top: 4, left: 4, right: 4, type: 'plain', itemGap: lay.legendGap, data: legendNames, textStyle: { color: k.text } } : { top: 6, type: 'scroll', itemGap: 24, data: legendNames, textStyle: { color: k.text } },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const q = p as { seriesName: string; name?: string; value: number[]; seriesId?: string }
        const v = q.value
        if (q.seriesId === 'residuals') return `${escapeHtml(q.name)}<br/>${escapeHtml(axisName(x, l))}: ${fmtX(x, v[0])}<br/>${escapeHtml(l.residual)}: ${num(v[1], 3)}`
        const head = q.name && q.name.length > 0 ? `${q.name}` : q.seriesName
        return `${escapeHtml(head)}<br/>${escapeHtml(axisName(x, l))}: ${fmtX(x, v[0])}<br/>${escapeHtml(l.loss)}: ${num(v[1], 4)}`
      },
    },
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  } as ScalingChartOption
}

/** Colour of an ordered group among many (more than the 8 Okabe-Ito colours): viridis-like, colour-blind safe; t in [0, 1]. */
export function sequentialColor(t: number, dark = false): string {
  const stops = dark ? ['#5b8cc9', '#3aa6a0', '#7cc466', '#e5d43b', '#f6a04d'] : ['#440154', '#3b528b', '#21918c', '#5ec962', '#c8b000']
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1)
  const i = Math.min(stops.length - 2, Math.floor(x))
  const f = x - i
  const rgb = (h: string) => [1, 3, 5].map((j) => parseInt(h.slice(j, j + 2), 16))
  const [a, b] = [rgb(stops[i]), rgb(stops[i + 1])]
  return '#' + a.map((v, j) => Math.round(v + (b[j] - v) * f).toString(16).padStart(2, '0')).join('')
}

export interface IsoflopChartLabels {
  params: string
  flops: string
  loss: string
  optimal: string
  frontier: string
  vertices: string
  nOpt: string
  dOpt: string
  group: string
}

export const DEFAULT_ISOFLOP_LABELS: IsoflopChartLabels = {
  params: 'Parameters N',
  flops: 'Compute C (FLOPs)',
  loss: 'Final loss (nats/token)',
  optimal: 'Optimal N, D',
  frontier: 'Frontier',
  vertices: 'Vertices',
  nOpt: 'N_opt',
  dOpt: 'D_opt',
  group: 'C ~',
}

/** The compute groups of an isoflop fit (from its diagnostics), or [] for any other law. */
export function isoflopGroupsOf(fit: Pick<FitResultInfo, 'law' | 'diagnostics'> | null | undefined): IsoflopGroupInfo[] {
  const g = fit?.law === 'isoflop' ? fit.diagnostics?.groups : undefined
  return Array.isArray(g) ? (g as IsoflopGroupInfo[]) : []
}

export interface IsoflopChartOptions {
  theme?: ChartTheme
  labels?: Partial<IsoflopChartLabels>
  /** second panel with N_opt(C), D_opt(C) and the fitted power laws (default true) */
  frontierPanel?: boolean
}

/** IsoFLOP profiles: per group its runs, parabola and vertex; the frontier of vertices; N_opt(C) and D_opt(C) beside. */
export function isoflopOption(fit: Pick<FitResultInfo, 'law' | 'params' | 'diagnostics'>, opts: IsoflopChartOptions = {}): ScalingChartOption {
  const l = { ...DEFAULT_ISOFLOP_LABELS, ...opts.labels }
  const k = look(opts.theme)
  const groups = isoflopGroupsOf(fit).slice().sort((a, b) => a.flops - b.flops)
  const withPanel = opts.frontierPanel ?? true
  const series: (LineSeriesOption | ScatterSeriesOption)[] = []
  const allN: number[] = []
  const allL: number[] = []
  const groupColor = (i: number): string => (groups.length <= 8 ? k.color(i) : sequentialColor(i / (groups.length - 1), k.dark))
  groups.forEach((g, i) => {
    const color = groupColor(i)
    const name = `${l.group} ${formatFlops(g.flops)}`
    const pts = g.points.map(([lx, loss], j) => ({ value: [Math.pow(10, lx), loss], name: g.runs[j] ?? '' }))
    for (const p of pts) {
      allN.push(p.value[0])
      allL.push(p.value[1])
    }
    series.push({ type: 'scatter', name, data: pts, symbolSize: 6, itemStyle: { color, opacity: 0.8 }, z: 4 })
    if (g.parabola) {
      const [c0, c1, c2] = g.parabola
      // drawn over the runs the parabola was fitted on (Approach 2 fits each budget around its best run)
      const xs = (g.fitted ? g.points.filter((_, j) => g.fitted!.includes(g.runs[j] ?? '')) : g.points).map((p) => p[0])
      const lo = Math.min(...xs) - 0.1
      const hi = Math.max(...xs) + 0.1
      const curve = Array.from({ length: 50 }, (_, j) => lo + ((hi - lo) * j) / 49).map((v) => [Math.pow(10, v), c0 + c1 * v + c2 * v * v] as [number, number])
      series.push({ type: 'line', name, data: curve, showSymbol: false, lineStyle: { width: 1.5, color }, itemStyle: { color }, silent: true, z: 3 })
    }
  })
  const vertices = groups.filter((g) => g.vertex).map((g) => ({ value: [g.vertex!.N, g.vertex!.loss], name: formatFlops(g.flops) }))
  for (const v of vertices) {
    allN.push(v.value[0])
    allL.push(v.value[1])
  }
  if (vertices.length) {
    series.push({ type: 'line', name: l.frontier, data: vertices.map((v) => v.value as [number, number]), showSymbol: false, lineStyle: { type: 'dashed', color: k.text, width: 1.2 }, itemStyle: { color: k.text }, z: 5 })
    series.push({ type: 'scatter', name: l.vertices, data: vertices, symbol: 'diamond', symbolSize: 11, itemStyle: { color: k.text, borderColor: k.dark ? '#0d1117' : '#ffffff', borderWidth: 1 }, z: 6 })
  }
  const [nLo, nHi] = logBounds(allN, 1.4)
  const [yLo, yHi] = range(allL.filter((v) => v < 1e3), 1.04)
  const grids: GridComponentOption[] = withPanel
    ? [
        { left: 72, right: '42%', top: 56, bottom: 52 },
        { left: '66%', right: 28, top: 56, bottom: 52 },
      ]
    : [{ left: 72, right: 28, top: 56, bottom: 52 }]
  const xAxes: Record<string, unknown>[] = [logAxis(l.params, nLo, nHi, { gridIndex: 0, axisLabel: { hideOverlap: true, formatter: (v: number) => formatCount(v) } })]
  const yAxes: Record<string, unknown>[] = [
    lossAxis(l.loss, yLo, yHi, undefined, { gridIndex: 0 }),
  ]
  if (withPanel) {
    const withV = groups.filter((g) => g.vertex)
    const C = withV.map((g) => g.flops)
    const [cLo, cHi] = logBounds(C, 3)
    const p = fit.params
    const grid = logGrid(cLo, cHi, 30)
    const nd: number[] = withV.flatMap((g) => [g.vertex!.N, g.vertex!.D])
    const lawN = Number.isFinite(p.k_N) && Number.isFinite(p.a) ? grid.map((c) => [c, p.k_N * Math.pow(c, p.a)] as [number, number]) : []
    const lawD = Number.isFinite(p.k_D) && Number.isFinite(p.b) ? grid.map((c) => [c, p.k_D * Math.pow(c, p.b)] as [number, number]) : []
    for (const [, v] of [...lawN, ...lawD]) nd.push(v)
    const [ndLo, ndHi] = logBounds(nd, 1.3)
    xAxes.push(logAxis(l.flops, cLo, cHi, { gridIndex: 1, axisLabel: { hideOverlap: true, formatter: (v: number) => formatFlops(v) } }))
    yAxes.push({ type: 'log', gridIndex: 1, name: l.optimal, nameLocation: 'middle', nameGap: 44, min: ndLo, max: ndHi, axisLabel: { formatter: (v: number) => formatCount(v), hideOverlap: true } })
    const nName = `${l.nOpt} ~ C^${num(p.a, 3)}`
    const dName = `${l.dOpt} ~ C^${num(p.b, 3)}`
    series.push(
      { type: 'line', name: nName, xAxisIndex: 1, yAxisIndex: 1, data: lawN, showSymbol: false, lineStyle: { color: k.color(0), width: 2 }, itemStyle: { color: k.color(0) } },
      { type: 'scatter', name: nName, xAxisIndex: 1, yAxisIndex: 1, data: withV.map((g) => ({ value: [g.flops, g.vertex!.N], name: l.nOpt })), symbolSize: 8, itemStyle: { color: k.color(0) } },
      { type: 'line', name: dName, xAxisIndex: 1, yAxisIndex: 1, data: lawD, showSymbol: false, lineStyle: { color: k.color(1), width: 2, type: [6, 3] }, itemStyle: { color: k.color(1) } },
      { type: 'scatter', name: dName, xAxisIndex: 1, yAxisIndex: 1, data: withV.map((g) => ({ value: [g.flops, g.vertex!.D], name: l.dOpt })), symbol: 'rect', symbolSize: 8, itemStyle: { color: k.color(1) } },
    )
  }
  // many groups: their colours run from dark (small C) to light (large C); the legend keeps the frontier entries
  const groupNames = new Set(groups.map((g) => `${l.group} ${formatFlops(g.flops)}`))
  const legendData = [...new Set(series.map((s) => String(s.name)))].filter((n) => groups.length <= 8 || !groupNames.has(n))
  return {
    grid: grids,
    legend: { top: 4, type: 'scroll', itemGap: 24, data: legendData, textStyle: { color: k.text } },
    tooltip: {
      trigger: 'item',
      formatter: (q: unknown) => {
        const r = q as { seriesName: string; name?: string; value: number[]; componentSubType?: string; xAxisIndex?: number }
        const [a, b] = r.value
        if (a > 1e15 && r.name && (r.name === l.nOpt || r.name === l.dOpt)) return `${escapeHtml(r.name)}<br/>C: ${formatFlops(a)}<br/>${formatCount(b)}`
        return `${r.name ? escapeHtml(r.name) + '<br/>' : ''}${escapeHtml(r.seriesName)}<br/>N: ${formatCount(a)}<br/>${escapeHtml(l.loss)}: ${num(b, 4)}`
      },
    },
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  } as ScalingChartOption
}

export interface ComputeChartLabels {
  flops: string
  nOpt: string
  dOpt: string
  budget: string
  gopher: string
  chinchilla: string
  tokensPerParam: string
  loss: string
}

export const DEFAULT_COMPUTE_LABELS: ComputeChartLabels = {
  flops: 'Compute C (FLOPs)',
  nOpt: 'Optimal parameters N_opt',
  dOpt: 'Optimal tokens D_opt',
  budget: 'Budget',
  gopher: 'Gopher (280B, 300B)',
  chinchilla: 'Chinchilla (70B, 1.4T)',
  tokensPerParam: 'tokens/param',
  loss: 'loss',
}

export interface ComputeChartOptions {
  theme?: ChartTheme
  labels?: Partial<ComputeChartLabels>
  /** compute range (default 1e18 to 1e27 FLOPs, the Compute view's slider) */
  range?: [number, number]
  /** a vertical line at this budget */
  budget?: number
  /** mark Gopher and Chinchilla at their 6ND compute (default true) */
  markModels?: boolean
}

/** N_opt(C) and D_opt(C) under each law, side by side; laws without an allocation are skipped. */
export function computeAllocationOption(laws: readonly { name: string; source: LawCurveSource }[], opts: ComputeChartOptions = {}): ScalingChartOption {
  const l = { ...DEFAULT_COMPUTE_LABELS, ...opts.labels }
  const k = look(opts.theme)
  const [c0, c1] = opts.range ?? [1e18, 1e27]
  const grid = logGrid(c0, c1, 60)
  const series: (LineSeriesOption | ScatterSeriesOption)[] = []
  const values: number[] = []
  laws.forEach((law, i) => {
    const color = k.color(i)
    const alloc = grid.map((c) => allocateLaw(law.source, c)).filter((a): a is NonNullable<typeof a> => a !== null)
    if (alloc.length < 2) return
    for (const a of alloc) values.push(a.N_opt, a.D_opt)
    const dash = i % 2 === 0 ? 'solid' : ([6, 3] as number[])
    const item = (a: (typeof alloc)[number], v: number) => ({ value: [a.flops, v, a.tokens_per_param, a.loss] })
    series.push(
      { type: 'line', name: law.name, data: alloc.map((a) => item(a, a.N_opt)), showSymbol: false, lineStyle: { color, width: 2, type: dash }, itemStyle: { color } },
      { type: 'line', name: law.name, xAxisIndex: 1, yAxisIndex: 1, data: alloc.map((a) => item(a, a.D_opt)), showSymbol: false, lineStyle: { color, width: 2, type: dash }, itemStyle: { color } },
    )
  })
  const marks: { name: string; N: number; D: number; symbol: string }[] =
    opts.markModels === false
      ? []
      : [
          { name: l.gopher, N: 280e9, D: 300e9, symbol: 'triangle' },
          { name: l.chinchilla, N: 70e9, D: 1.4e12, symbol: 'diamond' },
        ]
  for (const m of marks) {
    const C = 6 * m.N * m.D
    if (C < c0 || C > c1) continue
    values.push(m.N, m.D)
    const item = (v: number) => [{ value: [C, v, m.D / m.N, NaN], name: m.name }]
    series.push(
      { type: 'scatter', name: m.name, data: item(m.N), symbol: m.symbol, symbolSize: 13, itemStyle: { color: k.text }, z: 6 },
      { type: 'scatter', name: m.name, xAxisIndex: 1, yAxisIndex: 1, data: item(m.D), symbol: m.symbol, symbolSize: 13, itemStyle: { color: k.text }, z: 6 },
    )
  }
  if (opts.budget !== undefined && opts.budget >= c0 && opts.budget <= c1 && series.length) {
    for (const s of series.slice(0, 2)) {
      s.markLine = { symbol: 'none', silent: true, data: [{ xAxis: opts.budget }], lineStyle: { color: k.neutral, type: 'dotted', width: 1.5 }, label: { formatter: `${l.budget} ${formatFlops(opts.budget)}`, color: k.text, position: 'insideEndTop' } }
    }
  }
  const [yLo, yHi] = logBounds(values, 1.5)
  const y = (gridIndex: number, name: string) => ({ type: 'log', gridIndex, name, nameLocation: 'middle', nameGap: 44, min: yLo, max: yHi, axisLabel: { formatter: (v: number) => formatCount(v), hideOverlap: true } })
  const x = (gridIndex: number) => logAxis(l.flops, c0, c1, { gridIndex, axisLabel: { hideOverlap: true, formatter: (v: number) => formatFlops(v) } })
  return {
    grid: [
      { left: 72, right: '54%', top: 56, bottom: 52 },
      { left: '56%', right: 28, top: 56, bottom: 52 },
    ],
    legend: { top: 4, type: 'scroll', itemGap: 24, textStyle: { color: k.text } },
    tooltip: {
      trigger: 'item',
      formatter: (q: unknown) => {
        const r = q as { seriesName: string; value: number[] }
        const [C, v, tpp, loss] = r.value
        return `${escapeHtml(r.seriesName)}<br/>C: ${formatFlops(C)}<br/>${formatCount(v)}<br/>${num(tpp, 3)} ${escapeHtml(l.tokensPerParam)}${Number.isFinite(loss) ? `<br/>${escapeHtml(l.loss)}: ${num(loss, 4)}` : ''}`
      },
    },
    xAxis: [x(0), x(1)],
    yAxis: [y(0, l.nOpt), y(1, l.dOpt)],
    series,
  } as ScalingChartOption
}
