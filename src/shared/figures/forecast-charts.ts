/**
 * The two charts of a two-step forecast (Bhagia et al. 2024, arXiv 2412.04403) as pure functions (data -> ECharts
 * option), for the Forecast view and its exports:
 *   step 1  task loss against training compute C = 6 N D (log axis): the ladder runs' final task loss and the fitted
 *           L(N, D) at each, the law along the target's tokens per parameter (D = r N) up to the target, the target's
 *           forecast with its bootstrap interval, and the held-out larger models as measured;
 *   step 2  accuracy against task loss: the ladder's smoothed checkpoints, the fitted sigmoid, the forecast with its
 *           interval, and the held-out models.
 */
import { escapeHtml } from '../escape-html'
import type { LadderForecastResult } from '../api/forecast'
import { formatCount, formatFlops } from '../units-format'
import { ANALYSIS_PALETTE, ANALYSIS_PALETTE_DARK, type AnalysisChartOption, type ChartLook } from './analysis-charts'

export interface ForecastChartLabels {
  compute: string
  loss: string
  accuracy: string
  ladder: string
  fitted: string
  law: string
  target: string
  heldOut: string
  checkpoints: string
  sigmoid: string
}

const num = (v: number, digits = 4): string => String(Number(v.toPrecision(digits)))

function colours(look: ChartLook) {
  const p = look.dark ? ANALYSIS_PALETTE_DARK : ANALYSIS_PALETTE
  return { ladder: p[0], law: p[0], target: p[1], held: p[2], faint: look.dark ? 'rgba(139,148,158,0.45)' : 'rgba(119,119,119,0.35)' }
}

const errorBar = (name: string, x: number, interval: [number, number] | null, color: string) =>
  interval
    ? [{ type: 'line' as const, name, data: [[x, interval[0]], [x, interval[1]]], symbol: 'none', lineStyle: { width: 3, color }, tooltip: { show: false } }]
    : []

const logX = (name: string, format: (v: number) => string) => ({
  type: 'log' as const,
  name,
  nameLocation: 'middle' as const,
  nameGap: 28,
  min: (v: { min: number }) => v.min / 1.5,
  max: (v: { max: number }) => v.max * 1.5,
  axisLabel: { formatter: format, hideOverlap: true, showMinLabel: false, showMaxLabel: false },
})

export function forecastStep1Option(r: LadderForecastResult, labels: ForecastChartLabels, look: ChartLook = {}): AnalysisChartOption {
  const c = colours(look)
  const law = (N: number, D: number): number => r.step1.E + r.step1.A / N ** r.step1.alpha + r.step1.B / D ** r.step1.beta
  const ratio = r.target.tokens / r.target.params
  const n0 = Math.min(...r.step1.points.map((p) => p.params))
  const curve = Array.from({ length: 48 }, (_, i) => {
    const N = n0 * (r.target.params / n0) ** (i / 47)
    return [6 * N * ratio * N, law(N, ratio * N)]
  })
  const tx = r.target.flops_6nd
  const targetLoss = r.loss.value ?? law(r.target.params, r.target.tokens)
  return {
    grid: { left: 64, right: 24, top: 56, bottom: 48 },
    legend: { top: 4, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const q = p as { seriesName: string; value: [number, number, string?] }
        return `<b>${escapeHtml(q.seriesName)}</b>${q.value[2] ? ` · ${escapeHtml(q.value[2])}` : ''}<br/>C ${formatFlops(q.value[0])}: ${num(q.value[1])}`
      },
    },
    xAxis: logX(labels.compute, (v) => formatFlops(v)),
    yAxis: { type: 'value', name: labels.loss, nameLocation: 'middle', nameGap: 44, scale: true },
    series: [
      { type: 'scatter', name: labels.ladder, data: r.step1.points.map((p) => [6 * p.params * p.tokens, p.loss, p.model]), symbolSize: 8, itemStyle: { color: c.ladder } },
      { type: 'scatter', name: labels.fitted, data: r.step1.points.map((p) => [6 * p.params * p.tokens, p.fitted, p.model]), symbol: 'diamond', symbolSize: 7, itemStyle: { color: c.faint } },
      { type: 'line', name: labels.law, data: curve, symbol: 'none', lineStyle: { width: 2, type: 'dashed', color: c.law } },
      { type: 'scatter', name: labels.heldOut, data: r.held_out.filter((h) => h.tokens !== null).map((h) => [6 * h.params * (h.tokens as number), h.actual_loss, h.model]), symbol: 'triangle', symbolSize: 10, itemStyle: { color: c.held } },
      ...errorBar(labels.target, tx, r.loss.interval, c.target),
      { type: 'scatter', name: labels.target, data: [[tx, targetLoss, r.target.label]], symbol: r.loss.value === null ? 'emptyCircle' : 'circle', symbolSize: 12, itemStyle: { color: c.target } },
    ],
  }
}

export function forecastStep2Option(r: LadderForecastResult, labels: ForecastChartLabels, look: ChartLook = {}): AnalysisChartOption {
  const c = colours(look)
  const s = r.step2
  const sig = (L: number): number => {
    const z = s.k * (L - s.L0)
    return s.a * (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))) + s.b
  }
  const targetLoss = r.loss.value ?? r.step1.E + r.step1.A / r.target.params ** r.step1.alpha + r.step1.B / r.target.tokens ** r.step1.beta
  const targetAcc = r.accuracy.value ?? sig(targetLoss)
  return {
    grid: { left: 64, right: 24, top: 56, bottom: 48 },
    legend: { top: 4, type: 'scroll' },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const q = p as { seriesName: string; value: [number, number, string?] }
        return `<b>${escapeHtml(q.seriesName)}</b>${q.value[2] ? ` · ${escapeHtml(q.value[2])}` : ''}<br/>${num(q.value[0])} → ${num(q.value[1])}`
      },
    },
    xAxis: { type: 'value', name: labels.loss, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: labels.accuracy, nameLocation: 'middle', nameGap: 44, scale: true },
    series: [
      { type: 'scatter', name: labels.checkpoints, data: s.points.map((p) => [p.loss, p.accuracy]), symbolSize: 4, itemStyle: { color: c.faint } },
      { type: 'line', name: labels.sigmoid, data: s.curve.filter(([L]) => L > 0), symbol: 'none', lineStyle: { width: 2, color: c.law } },
      { type: 'scatter', name: labels.heldOut, data: r.held_out.map((h) => [h.actual_loss, h.actual_accuracy, h.model]), symbol: 'triangle', symbolSize: 10, itemStyle: { color: c.held } },
      ...errorBar(labels.target, targetLoss, r.accuracy.interval, c.target),
      { type: 'scatter', name: labels.target, data: [[targetLoss, targetAcc, r.target.label]], symbol: r.accuracy.value === null ? 'emptyCircle' : 'circle', symbolSize: 12, itemStyle: { color: c.target } },
    ],
  }
}
