/**
 * The specification curve of a robustness audit as a pure function (plain data -> ECharts option), after Simonsohn,
 * Simmons & Nelson 2020 ("Specification curve analysis", Nature Human Behaviour 4, Fig. 2): above, one decision
 * quantity (tokens per parameter, a, b or the loss at the budget) for every specification, sorted; below, aligned
 * with it, a dot for each choice level the specification made (one row per "dimension: level"). Specifications that
 * did not converge are drawn hollow. Colours are Okabe-Ito (Wong 2011), one per choice dimension.
 */
import type { ComposeOption } from 'echarts/core'
import type { ScatterSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components'
import { CHOICE_DIMENSIONS, type ChoiceDimension, type SpecResult } from '../api/multiverse'
import { escapeHtml } from '../escape-html'
import { SCALING_PALETTE, SCALING_PALETTE_DARK, type ChartTheme } from './scaling-charts'

export type SpecCurveOption = ComposeOption<ScatterSeriesOption | GridComponentOption | TooltipComponentOption>
export type SpecQuantity = 'tokens_per_param' | 'a' | 'b' | 'loss_at_budget'

export interface SpecCurveLabels {
  quantity: string
  rank: string
  notConverged: string
  dimension: (d: ChoiceDimension) => string
}

/** The specifications with the quantity, sorted ascending (the curve's x order). */
export function sortedSpecs(specs: readonly SpecResult[], q: SpecQuantity): SpecResult[] {
  return specs.filter((s) => s[q] !== null).sort((p, r) => (p[q] as number) - (r[q] as number) || p.id - r.id)
}

/** The rows of the dot matrix: "dimension: level" for every level some specification made, grouped by dimension. */
export function choiceRows(specs: readonly SpecResult[]): { dimension: ChoiceDimension; level: string }[] {
  const rows: { dimension: ChoiceDimension; level: string }[] = []
  for (const d of CHOICE_DIMENSIONS) {
    const levels = [...new Set(specs.map((s) => s.choices[d]).filter((v): v is NonNullable<typeof v> => v !== null))].sort()
    for (const level of levels) rows.push({ dimension: d, level })
  }
  return rows
}

const fmt = (v: number): string => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(4))))

export function specCurveOption(specs: readonly SpecResult[], q: SpecQuantity, labels: SpecCurveLabels, opts: { theme?: ChartTheme; fontSize?: number } = {}): SpecCurveOption {
  const dark = opts.theme === 'dark'
  const palette = dark ? SCALING_PALETTE_DARK : SCALING_PALETTE
  const text = dark ? '#c9d1d9' : '#333333'
  const split = dark ? '#30363d' : '#e6e6e6'
  const font = opts.fontSize ?? 12
  const sorted = sortedSpecs(specs, q)
  const rows = choiceRows(sorted)
  const rowIndex = new Map(rows.map((r, i) => [`${r.dimension}\u0000${r.level}`, i]))
  const color = (d: ChoiceDimension): string => palette[CHOICE_DIMENSIONS.indexOf(d) % palette.length]
  const tip = (s: SpecResult): string =>
    `${escapeHtml(labels.quantity)}: ${fmt(s[q] as number)}${s.converged ? '' : ` (${escapeHtml(labels.notConverged)})`}<br/>` +
    CHOICE_DIMENSIONS.filter((d) => s.choices[d] !== null).map((d) => `${escapeHtml(labels.dimension(d))}: ${escapeHtml(String(s.choices[d]))}`).join('<br/>')
  const curve = (converged: boolean): ScatterSeriesOption => ({
    type: 'scatter',
    id: converged ? 'curve' : 'curve-not-converged',
    xAxisIndex: 0,
    yAxisIndex: 0,
    symbolSize: 6,
    itemStyle: converged ? { color: palette[0] } : { color: 'transparent', borderColor: dark ? '#8b949e' : '#888888', borderWidth: 1.2 },
    data: sorted.flatMap((s, i) => (s.converged === converged ? [{ value: [i + 1, s[q] as number], name: String(s.id) }] : [])),
    tooltip: { formatter: (p: unknown) => tip(sorted[((p as { value: number[] }).value[0] ?? 1) - 1]) },
  })
  const dots: ScatterSeriesOption[] = CHOICE_DIMENSIONS.map((d) => ({
    type: 'scatter',
    id: `choices-${d}`,
    xAxisIndex: 1,
    yAxisIndex: 1,
    symbolSize: 4,
    itemStyle: { color: color(d) },
    data: sorted.flatMap((s, i) => (s.choices[d] === null ? [] : [[i + 1, rowIndex.get(`${d}\u0000${String(s.choices[d])}`) as number]])),
    tooltip: { formatter: (p: unknown) => tip(sorted[((p as { value: number[] }).value[0] ?? 1) - 1]) },
  }))
  const rowLabel = rows.map((r) => `${labels.dimension(r.dimension)}: ${r.level}`)
  const xAxis = (index: number): NonNullable<SpecCurveOption['xAxis']> => ({
    type: 'value',
    gridIndex: index,
    min: 0,
    max: sorted.length + 1,
    name: index === 1 ? labels.rank : '',
    nameLocation: 'middle',
    nameGap: 22,
    axisLabel: { show: index === 1, color: text, fontSize: font },
    splitLine: { show: false },
  })
  return {
    animation: false,
    tooltip: { trigger: 'item', confine: true },
    grid: [
      { left: 190, right: 16, top: 16, height: '42%' },
      { left: 190, right: 16, top: '52%', bottom: 40 },
    ],
    xAxis: [xAxis(0), xAxis(1)] as SpecCurveOption['xAxis'],
    yAxis: [
      { type: q === 'tokens_per_param' ? 'log' : 'value', gridIndex: 0, scale: true, name: labels.quantity, nameTextStyle: { color: text, fontSize: font, align: 'left' }, axisLabel: { color: text, fontSize: font }, splitLine: { lineStyle: { color: split } } },
      { type: 'category', gridIndex: 1, data: rowLabel, inverse: true, axisLabel: { color: text, fontSize: Math.max(8, font - 2), interval: 0 }, splitLine: { show: true, lineStyle: { color: split } } },
    ] as SpecCurveOption['yAxis'],
    series: [curve(true), curve(false), ...dots],
  }
}
