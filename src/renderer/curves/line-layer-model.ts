/**
 * What the Curves view's line layer (line-layer.ts) draws, in data space: for each panel every group's band, the
 * faint raw curve under a smoothed one, and the lines, each sampled once per answer with LTTB to about one point a
 * pixel of the plot (drawnIndices), coloured as the run table shows them. A line clicked in the table is drawn in
 * front and thick with the others faint; a line hovered there likewise, the others fainter still (ECharts' blur).
 * The axis maps and grid rectangles are added when drawing, from the chart.
 */
import type { CurveChart, CurveLine, CurveSettings } from '../../shared/api/curves'
import { emaSmooth } from '../../shared/smoothing'
import { paletteColor, withAlpha } from '../charts/palette'
import { lttbIndices } from '../charts/lttb'
import { allLines, xy } from './curves-option'
import type { LayerBand, LayerLine } from './line-layer'

export interface LayerModelInput {
  chart: CurveChart
  settings: CurveSettings
  dark: boolean
  /** the plot's width in px: lines are sampled to about this many points */
  drawPoints: number
  focusKey: string | null
  hoverKey: string | null
}

export interface LayerPanelData {
  bands: LayerBand[]
  lines: LayerLine[]
}

const WIDTH = 1
const WIDTH_FRONT = 2.6
const FADED = 0.15
const BLURRED = 0.12
const RAW = 0.25
/** a line of fewer points gets a dot at each (as ECharts' showSymbol did) */
const DOTS_BELOW = 40

const pick = <T>(values: readonly T[], idx: number[] | null): T[] => (idx ? idx.map((k) => values[k]) : values.slice())

/**
 * The points of a line drawn on screen: the indices LTTB keeps at `drawPoints` (in the space the axes draw), or
 * null when the line is short enough or has a gap (which LTTB would close). Cached per answer, so a redraw for
 * focus or theme does not sample again.
 */
const drawnCache = new WeakMap<CurveLine, Map<string, number[] | null>>()
export function drawnIndices(line: CurveLine, drawPoints: number | undefined, logX: boolean, logY: boolean): number[] | null {
  if (!drawPoints || line.x.length <= drawPoints * 1.2) return null
  const key = `${drawPoints}|${logX}|${logY}`
  let byKey = drawnCache.get(line)
  if (!byKey) drawnCache.set(line, (byKey = new Map()))
  if (byKey.has(key)) return byKey.get(key) ?? null
  const gap = line.y.some((v) => v === null || !Number.isFinite(v) || (logY && v <= 0)) || (logX && line.x.some((v) => v <= 0))
  const idx = gap ? null : lttbIndices(line.x, line.y, Math.max(3, Math.round(drawPoints)), { logX, logY })
  byKey.set(key, idx)
  return idx
}

export function layerPanels(input: LayerModelInput): LayerPanelData[] {
  const { chart, settings, dark } = input
  const colorOf = new Map(allLines(chart).map((l, i) => [l.key, paletteColor(i, dark)]))
  const front = input.hoverKey ?? input.focusKey
  return chart.panels.map((panel) => {
    const bands: LayerBand[] = []
    const under: LayerLine[] = []
    const lines: LayerLine[] = []
    let top: LayerLine | null = null
    for (const l of panel.lines) {
      const color = colorOf.get(l.key) ?? paletteColor(0, dark)
      const idx = drawnIndices(l, input.drawPoints, settings.logX, settings.logY)
      const x = pick(l.x, idx)
      const dim = front === null || front === l.key ? 1 : input.hoverKey !== null ? BLURRED : FADED
      if (l.lo && l.hi) bands.push({ key: l.key, x, lo: pick(l.lo, idx), hi: pick(l.hi, idx), fill: withAlpha(color, (dark ? 0.3 : 0.2) * (dim < 1 ? 0.4 : 1)) })
      const smooth = settings.smoothing > 0
      if (smooth) under.push({ key: l.key, points: xy(x, pick(l.y, idx)), color, width: WIDTH, alpha: RAW * dim })
      const points = xy(x, pick(smooth ? emaSmooth(l.y, settings.smoothing) : l.y, idx))
      const line: LayerLine = { key: l.key, points, color, width: front === l.key ? WIDTH_FRONT : WIDTH, alpha: dim, dots: x.length < DOTS_BELOW }
      if (front === l.key) top = line
      else lines.push(line)
    }
    return { bands, lines: [...under, ...lines, ...(top ? [top] : [])] }
  })
}
