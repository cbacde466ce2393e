/**
 * The Plan view's two fans (issue 13), as ECharts options: the predictive fan of the compute-optimal model's loss
 * over compute, past the data to the target (the runs, the recommended and the naive runs marked), and the fan of
 * N_opt and D_opt over compute (log axes; the loss on a linear axis, where a band of a few hundredths stays visible). A band is a transparent lower line with (hi - lo) stacked on it and filled, as the
 * Scaling chart draws its bootstrap band.
 */
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type { PlanInfo } from '../../../shared/api'
import type { LabChartOption } from '../../charts/option-type'
import { OKABE_ITO, withAlpha } from '../../charts/palette'
import { quantityAxis } from '../../charts/quantity-axis'
import { formatCount, formatFlops, formatMetric } from '../../format/units'
import { escapeHtml } from '../../../shared/escape-html'

export interface PlanChartLabels {
  flops: string
  loss: string
  count: string
  runs: string
  recommended: string
  naive: string
  forecast: string
  band: string
  target: string
  nOpt: string
  dOpt: string
}

function band(id: string, name: string, points: { x: number; lo: number; hi: number }[], color: string): LineSeriesOption[] {
  const quiet = { showSymbol: false, silent: true, tooltip: { show: false } } as const
  return [
    { type: 'line', id: `${id}-lo`, name, data: points.map((p) => [p.x, p.lo]), stack: id, stackStrategy: 'all', lineStyle: { opacity: 0 }, z: 1, ...quiet },
    { type: 'line', id: `${id}-hi`, name, data: points.map((p) => [p.x, p.hi - p.lo]), stack: id, stackStrategy: 'all', lineStyle: { opacity: 0 }, areaStyle: { color: withAlpha(color, 0.25), opacity: 1 }, itemStyle: { color }, z: 1, ...quiet },
  ]
}

function frame(dark: boolean) {
  return {
    text: dark ? '#c9d1d9' : '#333333',
    main: dark ? OKABE_ITO.skyBlue : OKABE_ITO.blue,
    second: OKABE_ITO.vermillion,
    runs: dark ? '#8b949e' : '#666666',
    good: OKABE_ITO.bluishGreen,
    naive: OKABE_ITO.orange,
  }
}

function targetLine(target: number, label: string, color: string) {
  return { silent: true, symbol: 'none', lineStyle: { type: 'dashed' as const, color }, label: { formatter: `${label} ${formatFlops(target)}`, color }, data: [{ xAxis: target }] }
}

/** What the loss fan needs: a plan, or a forecast fan alone (the Scaling view: no recommended runs). */
export type LossFanSource = Pick<PlanInfo, 'fan' | 'runs' | 'target_flops'> & { forecast: { loss: { value: number } }; recommendations?: PlanInfo['recommendations'] }

export function lossFanOption(p: LossFanSource, labels: PlanChartLabels, dark: boolean): LabChartOption {
  const k = frame(dark)
  const runs: ScatterSeriesOption = { type: 'scatter', name: labels.runs, data: p.runs.map((r) => [r.flops, r.loss]), symbolSize: 6, itemStyle: { color: k.runs } }
  const rec: ScatterSeriesOption = { type: 'scatter', name: labels.recommended, data: (p.recommendations ?? []).map((r) => [r.flops, r.predicted_loss]), symbol: 'diamond', symbolSize: 11, itemStyle: { color: k.good } }
  const center: LineSeriesOption = { type: 'line', name: labels.forecast, data: p.fan.map((f) => [f.flops, f.loss]), showSymbol: false, lineStyle: { color: k.main, width: 2 }, itemStyle: { color: k.main }, markLine: targetLine(p.target_flops, labels.target, k.text), z: 3 }
  const target: ScatterSeriesOption = { type: 'scatter', name: labels.target, data: [[p.target_flops, p.forecast.loss.value]], symbol: 'rect', symbolSize: 9, itemStyle: { color: k.second }, z: 4 }
  return {
    animation: false,
    grid: { left: 64, right: 64, top: 36, bottom: 48 },
    legend: { top: 4, textStyle: { color: k.text } },
    tooltip: { trigger: 'item', formatter: (q: unknown) => { const v = (q as { value: [number, number]; seriesName: string }); return `${escapeHtml(v.seriesName)}<br/>C ${formatFlops(v.value[0])}<br/>${escapeHtml(labels.loss)} ${formatMetric(v.value[1])}` } },
    xAxis: quantityAxis({ kind: 'flops', name: labels.flops, log: true }),
    yAxis: quantityAxis({ kind: 'metric', name: labels.loss, log: false, nameGap: 48 }),
    series: [...band('loss', labels.band, p.fan.map((f) => ({ x: f.flops, lo: f.lo, hi: f.hi })), k.main), center, runs, ...(p.recommendations ? [rec] : []), target],
  } as LabChartOption
}

/** What the N_opt / D_opt fan needs: a plan, or a forecast fan alone (the Compute view: no recommended or naive runs). */
export type AllocationFanSource = Pick<PlanInfo, 'fan' | 'runs' | 'target_flops'> & { recommendations?: PlanInfo['recommendations']; naive?: { runs: PlanInfo['naive']['runs'] } }

export function allocationFanOption(p: AllocationFanSource, labels: PlanChartLabels, dark: boolean): LabChartOption {
  const k = frame(dark)
  const line = (name: string, key: 'N_opt' | 'D_opt', color: string): LineSeriesOption => ({ type: 'line', name, data: p.fan.map((f) => [f.flops, f[key]]), showSymbol: false, lineStyle: { color, width: 2 }, itemStyle: { color }, z: 3 })
  const nRuns: ScatterSeriesOption = { type: 'scatter', name: labels.runs, data: p.runs.map((r) => [r.flops, r.params]), symbolSize: 6, itemStyle: { color: k.runs } }
  const rec: ScatterSeriesOption = { type: 'scatter', name: labels.recommended, data: (p.recommendations ?? []).map((r) => [r.flops, r.params]), symbol: 'diamond', symbolSize: 11, itemStyle: { color: k.good } }
  const naive: ScatterSeriesOption = { type: 'scatter', name: labels.naive, data: (p.naive?.runs ?? []).map((r) => [r.flops, r.params]), symbol: 'triangle', symbolSize: 11, itemStyle: { color: k.naive } }
  const nLine = line(labels.nOpt, 'N_opt', k.main)
  nLine.markLine = targetLine(p.target_flops, labels.target, k.text)
  return {
    animation: false,
    grid: { left: 64, right: 64, top: 36, bottom: 48 },
    legend: { top: 4, textStyle: { color: k.text } },
    tooltip: { trigger: 'item', formatter: (q: unknown) => { const v = (q as { value: [number, number]; seriesName: string }); return `${escapeHtml(v.seriesName)}<br/>C ${formatFlops(v.value[0])}<br/>${formatCount(v.value[1])}` } },
    xAxis: quantityAxis({ kind: 'flops', name: labels.flops, log: true }),
    yAxis: quantityAxis({ kind: 'count', name: labels.count, log: true, nameGap: 48 }),
    series: [
      ...band('nopt', labels.nOpt, p.fan.map((f) => ({ x: f.flops, lo: f.N_lo, hi: f.N_hi })), k.main),
      ...band('dopt', labels.dOpt, p.fan.map((f) => ({ x: f.flops, lo: f.D_lo, hi: f.D_hi })), k.second),
      nLine,
      line(labels.dOpt, 'D_opt', k.second),
      nRuns,
      ...(p.recommendations ? [rec] : []),
      ...(p.naive ? [naive] : []),
    ],
  } as LabChartOption
}
