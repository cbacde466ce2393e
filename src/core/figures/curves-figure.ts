/**
 * The Curves chart rendered headless (renderCurves, `scaling-lab curves --out`): curveSeries sampled at the figure's
 * width, the shared option builder (src/shared/figures/curves-chart.ts), and the existing SVG / PNG / PDF path.
 */
import type { Catalog } from '../catalog'
import type { CurvesFigure } from '../../shared/api/curves'
import type { ParsedRequestOf } from '../../shared/api'
import { curvesChartOption } from '../../shared/figures/curves-chart'
import { curveSeries } from '../curves/curve-series'
import { renderFigure } from './figure-command'
import type { ScalingChartOption } from '../../shared/figures/scaling-charts'

const MIME = { svg: 'image/svg+xml', png: 'image/png', pdf: 'application/pdf' } as const

export async function renderCurvesFigure(catalog: Catalog, catalogPath: string, req: ParsedRequestOf<'renderCurves'>): Promise<CurvesFigure> {
  const { smoothing, format, width, height, pixelRatio, theme, ...series } = req
  const chart = await curveSeries(catalog, catalogPath, { ...series, pixels: series.pixels ?? Math.max(50, Math.min(8000, width)) })
  const option = curvesChartOption(chart, { theme, smoothing, logX: series.logX ?? false, logY: series.logY ?? false })
  const data = await renderFigure(option as ScalingChartOption, format, { width, height, theme, pixelRatio })
  return { base64: (typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64'), mime: MIME[format], format, width, height, chart }
}
