/**
 * Figures of the Scaling, IsoFLOP and Compute views built headless from the catalog, with the same option builders
 * the views use (src/shared/figures/scaling-charts.ts), and rendered as SVG, PNG or PDF (the renderFigure channel, for `scaling-lab figure`).
 */
import type { Catalog } from '../catalog'
import { runFit } from '../fit/fit-runner'
import { PRESETS } from '../fit/presets'
import { selectPoints } from '../lab/fit-selection'
import { getStoredFit } from '../lab/fit-store'
import type { FitResultInfo, Law, PresetId, StoredFit } from '../../shared/api/fit'
import { LabError } from '../../shared/errors'
import type { FigureView } from '../../shared/api/figures'
import { computeAllocationOption, isoflopOption, scalingLawOption, type ChartTheme, type ScalingChartOption, type ScalingX } from '../../shared/figures/scaling-charts'

export { FIGURE_VIEWS, type FigureView } from '../../shared/api/figures'

export interface FigureRequest {
  view: FigureView
  /** project of the runs (scaling, isoflop without --fit); a stored fit brings its own */
  projectId?: number
  fitId?: number
  /** selection and exclusions (default: the stored fit's, else every visible run) */
  runIds?: number[]
  excluded?: number[]
  /** law fitted on the spot when no stored fit is given (scaling: chinchilla; isoflop: isoflop) */
  law?: Law
  isoflopTolerance?: number
  x?: ScalingX
  theme?: ChartTheme
  /** presets drawn beside the fit (scaling) or as laws (compute; default all three) */
  presets?: PresetId[]
  /** compute: budget line (default 5.76e23, the Chinchilla / Gopher budget) */
  budget?: number
  /** scaling: the figure's size in px, so its panels are laid out for it (ECharts' 12 px text) and never overlap */
  size?: { width: number; height: number }
}

/** ECharts' default text size, which headless figures keep. */
const FIGURE_FONT_PX = 12

const PRESET_LABEL: Record<PresetId, string> = {
  chinchilla: 'Hoffmann 2022, Approach 3 fit',
  besiroglu: 'Besiroglu 2024',
  kaplan: 'Kaplan 2020 (WebText2 loss)',
  'hoffmann-approach1': 'Hoffmann 2022, Approach 1',
  'hoffmann-approach2': 'Hoffmann 2022, Approach 2',
}

function presetSource(id: PresetId) {
  const p = PRESETS[id]
  return { name: PRESET_LABEL[id], source: { law: p.law, params: p.params as unknown as Record<string, number> } }
}

/** The ECharts option of a figure. */
export function buildFigureOption(catalog: Catalog, req: FigureRequest): ScalingChartOption {
  const theme = req.theme ?? 'light'
  const stored: StoredFit | undefined = req.fitId !== undefined ? getStoredFit(catalog, req.fitId) : undefined
  if (req.view === 'compute') {
    const laws = [...(stored ? [{ name: `Fit ${stored.id} (${stored.law})`, source: { law: stored.law, params: stored.result.params } }] : []), ...(req.presets ?? ['chinchilla', 'besiroglu', 'kaplan']).map(presetSource)]
    return computeAllocationOption(laws, { theme, budget: req.budget ?? 5.76e23 })
  }
  const projectId = stored?.projectId ?? req.projectId
  if (projectId === undefined) throw new LabError('usage', 'Name a project (--project) or a stored fit (--fit).')
  const runIds = req.runIds ?? (stored && stored.selection.runIds.length ? stored.selection.runIds : undefined)
  const excluded = req.excluded ?? stored?.excluded ?? []
  const metric = stored?.selection.metric
  const sel = selectPoints(catalog, { projectId, runIds, excluded, metric })
  if (req.view === 'isoflop') {
    let fit: FitResultInfo
    if (stored && stored.law === 'isoflop') fit = stored.result
    else if (stored) throw new LabError('usage', `The isoflop figure needs an isoflop fit; fit ${stored.id} is ${stored.law}.`, { hint: 'Leave --fit out to fit IsoFLOP profiles on the runs, or give an isoflop fit.' })
    else fit = runFit('isoflop', sel.used, { isoflopTolerance: req.isoflopTolerance })
    return isoflopOption(fit, { theme })
  }
  const fit = stored ? stored.result : runFit(req.law ?? 'chinchilla', sel.used, { bootstrap: 0, isoflopTolerance: req.isoflopTolerance })
  return scalingLawOption(sel.all, fit, {
    x: req.x ?? 'flops',
    theme,
    excluded: sel.excluded,
    fitName: stored ? `Fit ${stored.id} (${stored.law})` : `Fit (${fit.law})`,
    compare: (req.presets ?? []).map(presetSource),
    layout: req.size ? { ...req.size, fontSize: FIGURE_FONT_PX } : undefined,
  })
}

export type FigureFormat = 'svg' | 'png' | 'pdf'

/**
 * Render an option as SVG, PNG or PDF. ECharts, and PDFKit or resvg for the format asked, are loaded here,
 * when a figure is drawn.
 */
export async function renderFigure(option: ScalingChartOption, format: FigureFormat, size: { width: number; height: number; theme?: ChartTheme; pixelRatio?: number }): Promise<string | Buffer> {
  const { renderOptionToSvg } = await import('./render-svg')
  const svg = renderOptionToSvg(option as Parameters<typeof renderOptionToSvg>[0], { width: size.width, height: size.height, theme: size.theme })
  if (format === 'svg') return svg
  if (format === 'png') return (await import('./svg-to-png')).svgToPng(svg, size.width, size.pixelRatio ?? 2, size.theme === 'dark' ? '#100c2a' : '#ffffff')
  return (await import('./svg-to-pdf')).svgToPdf(svg, size.width, size.height)
}
