/**
 * The ECharts option of one task's evaluation chart on a run page: the metric against training tokens (or the
 * checkpoint step), one curve per shot count, ±1 stderr as a band, read-outs in units with "± stderr".
 * Built on the run page's curve option (buildCurveOption), so axes, bands and export look like the metric charts.
 */
import { buildCurveOption, type Curve } from '../../charts/metric-curve-option'
import { escapeHtml } from '../../../shared/escape-html'
import type { LabChartOption } from '../../charts/option-type'
import { formatMetric, formatQuantity } from '../../format/units'
import type { EvalGroup } from './evaluation-groups'
import { stderrBand } from './evaluation-groups'

export interface EvaluationOptionInput {
  group: EvalGroup
  xName: string
  /** the legend / read-out name of a curve (e.g. "5-shot") */
  curveName: (shots: number | null) => string
  logX: boolean
  dark: boolean
}

interface TooltipItem {
  seriesId?: string
  seriesName?: string
  marker?: unknown
  value?: unknown
}

export function buildEvaluationOption(input: EvaluationOptionInput): { option: LabChartOption; dropped: number } {
  const g = input.group
  const curves: Curve[] = g.curves.map((c) => {
    const band = stderrBand(c)
    return { name: input.curveName(c.shots), x: c.x, y: c.y, lo: band?.lo, hi: band?.hi }
  })
  const { option, dropped } = buildCurveOption({
    curves,
    xKind: g.xKind,
    xName: input.xName,
    yName: g.metric,
    logX: input.logX,
    logY: false,
    smoothing: 0,
    dark: input.dark,
  })
  // stderr by curve and x, for the read-out
  const stderrAt = g.curves.map((c) => new Map(c.x.map((x, i) => [x, c.stderr[i]] as const)))
  const xKind = g.xKind
  const formatter = (params: TooltipItem | TooltipItem[]): string => {
    const list = (Array.isArray(params) ? params : [params]).filter((p) => typeof p.seriesId === 'string' && p.seriesId.startsWith('curve-'))
    if (list.length === 0) return ''
    const head = `${escapeHtml(input.xName)}: ${formatQuantity(xKind, (list[0].value as number[])[0])}`
    const body = list.map((p) => {
      const [x, y] = p.value as number[]
      const s = stderrAt[Number((p.seriesId as string).slice('curve-'.length))]?.get(x)
      const err = s !== null && s !== undefined ? ` ± ${formatMetric(s, 2)}` : ''
      return `${String(p.marker ?? '')} ${escapeHtml(p.seriesName ?? '')}: <b>${formatQuantity('metric', y)}</b>${err}`
    })
    return [head, ...body].join('<br/>')
  }
  const tooltip = { ...(option.tooltip as object), formatter } as LabChartOption['tooltip']
  return { option: { ...option, tooltip }, dropped }
}
