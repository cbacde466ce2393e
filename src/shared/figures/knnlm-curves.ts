/**
 * kNN-LM charts as pure functions (data -> ECharts option), shared by the kNN-LM view and headless rendering:
 * perplexity against lambda for each setting (Khandelwal et al. 2020, Fig. 5), perplexity against datastore size
 * on a log axis (their Fig. 3), and the training loss curve.
 */
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'

export type KnnLmCurveOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

export interface CurveSeries {
  name: string
  points: Array<[number, number]>
}

function lineOption(series: CurveSeries[], x: { name: string; log?: boolean; min?: number; max?: number }, yName: string): KnnLmCurveOption {
  return {
    grid: { left: 64, right: 24, top: 36, bottom: 48 },
    legend: { top: 4 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(2) : String(v)) },
    xAxis: { type: x.log ? 'log' : 'value', name: x.name, nameLocation: 'middle', nameGap: 28, min: x.min, max: x.max },
    yAxis: { type: 'value', name: yName, scale: true, nameLocation: 'middle', nameGap: 44 },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.points, symbolSize: 6, showSymbol: true })),
  }
}

/** perplexity against lambda (lambda = 0 is the LM alone) */
export function lambdaCurveOption(series: CurveSeries[], labels: { lambda: string; perplexity: string }): KnnLmCurveOption {
  return lineOption(series, { name: labels.lambda, min: 0, max: 1 }, labels.perplexity)
}

/** best perplexity against the number of datastore keys (log axis) */
export function sizeCurveOption(series: CurveSeries[], labels: { keys: string; perplexity: string }): KnnLmCurveOption {
  return lineOption(series, { name: labels.keys, log: true }, labels.perplexity)
}

/** training and held-out loss (nats per token) against step */
export function lossCurveOption(series: CurveSeries[], labels: { step: string; loss: string }): KnnLmCurveOption {
  return lineOption(series, { name: labels.step }, labels.loss)
}
