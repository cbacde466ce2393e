/**
 * The data-pipeline funnel: documents (bars, left axis) and tokens (bars, right axis) left after each stage
 * of a cleaning, starting from the input, or removed by each stage. A pure function from a report to an ECharts option, so the Data
 * view and headless rendering (src/core/figures/render-svg.ts) draw the same chart. Switched-off stages are
 * left out.
 */
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { CorpusCleanReport, CorpusStageName } from '../api/corpus'
import { formatCount } from '../units-format'

export type CorpusFunnelOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

export interface CorpusFunnelLabels {
  input: string
  documents: string
  tokens: string
  removed: string
  stages: Record<CorpusStageName, string>
}

export interface CorpusFunnelRow {
  stage: CorpusStageName | 'input'
  label: string
  docs: number
  tokens: number
  removed: number
  removedTokens: number
}

/** The funnel as rows: the input, then each enabled stage with what it left and removed. */
export function corpusFunnelRows(report: CorpusCleanReport, labels: CorpusFunnelLabels): CorpusFunnelRow[] {
  const first = report.stages[0]
  const rows: CorpusFunnelRow[] = [{ stage: 'input', label: labels.input, docs: first?.docsIn ?? 0, tokens: first?.tokensIn ?? 0, removed: 0, removedTokens: 0 }]
  for (const s of report.stages) {
    if (!s.enabled) continue
    rows.push({ stage: s.name, label: labels.stages[s.name], docs: s.docsOut, tokens: s.tokensOut, removed: s.removedCount, removedTokens: s.tokensIn - s.tokensOut })
  }
  return rows
}

/**
 * mode 'funnel': documents and tokens left after each stage, from the input; mode 'removed': documents and
 * tokens each stage removed (the small numbers a funnel hides).
 */
export function corpusFunnelOption(report: CorpusCleanReport, labels: CorpusFunnelLabels, mode: 'funnel' | 'removed' = 'funnel'): CorpusFunnelOption {
  const all = corpusFunnelRows(report, labels)
  const rows = mode === 'funnel' ? all : all.slice(1)
  const docs = rows.map((r) => (mode === 'funnel' ? r.docs : r.removed))
  const tokens = rows.map((r) => (mode === 'funnel' ? r.tokens : r.removedTokens))
  const label = { show: true, position: 'top' as const, fontSize: 11, formatter: (p: { value: unknown }) => (Number(p.value) < 1000 ? String(p.value) : formatCount(Number(p.value))) }
  return {
    grid: { left: 64, right: 72, top: 48, bottom: 40 },
    legend: { top: 8 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : String(v)),
    },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, hideOverlap: false } },
    yAxis: [
      { type: 'value', name: labels.documents, min: 0, axisLabel: { formatter: (v: number) => formatCount(v) } },
      { type: 'value', name: labels.tokens, min: 0, splitLine: { show: false }, axisLabel: { formatter: (v: number) => formatCount(v) } },
    ],
    series: [
      { type: 'bar', name: labels.documents, yAxisIndex: 0, data: docs, label, barGap: '10%' },
      { type: 'bar', name: labels.tokens, yAxisIndex: 1, data: tokens, label },
    ],
  }
}
