/**
 * Keeps the Curves view's line layer drawn: after every paint of the chart (ECharts' `rendered`: a zoom, a pan, a
 * resize, a new answer) the layer is drawn again when the axes' pixel mapping, the grids or the lines changed, and
 * on the next frame when only the lines changed (focus, hover, theme). The mapping is read from the chart with
 * convertToPixel at two values an axis, so the lines sit where ECharts would draw them.
 */
import { watch, type Ref } from 'vue'
import { axisMapThrough, drawCurveLayer, type AxisMap, type LayerPanel } from './line-layer'
import type { LayerPanelData } from './line-layer-model'
import { screenGridRects } from './curves-option'

export interface PixelChart {
  convertToPixel(finder: { gridIndex: number }, value: number[]): number[] | number
  getDom(): HTMLElement
}

export interface LayerFrame {
  logX: boolean
  logY: boolean
  xExtent: [number, number] | null
  /** each panel's data span in y (the frame series the y axis scales to) */
  yExtents: ([number, number] | null)[]
}

/** Two values a log or linear axis can place: the span's ends, or around one value when the span is one point. */
function twoValues(span: [number, number] | null, log: boolean): [number, number] {
  const lo = span?.[0]
  const hi = span?.[1]
  if (lo !== undefined && hi !== undefined && lo !== hi && (!log || lo > 0)) return [lo, hi]
  if (lo !== undefined && (!log || lo > 0)) return log ? [lo, lo * 10] : [lo, lo + 1]
  return log ? [1, 10] : [0, 1]
}

export function readAxisMaps(chart: PixelChart, panel: number, frame: LayerFrame): { x: AxisMap; y: AxisMap } | null {
  const [x0, x1] = twoValues(frame.xExtent, frame.logX)
  const [y0, y1] = twoValues(frame.yExtents[panel] ?? null, frame.logY)
  let p0: number[] | number
  let p1: number[] | number
  try {
    p0 = chart.convertToPixel({ gridIndex: panel }, [x0, y0])
    p1 = chart.convertToPixel({ gridIndex: panel }, [x1, y1])
  } catch {
    // the chart has not drawn this panel's grid yet (a new option on its way): its paint draws the layer again
    return null
  }
  if (!Array.isArray(p0) || !Array.isArray(p1)) return null
  const x = axisMapThrough(x0, p0[0], x1, p1[0], frame.logX)
  const y = axisMapThrough(y0, p0[1], y1, p1[1], frame.logY)
  return x && y ? { x, y } : null
}

export function useLineLayer(opts: { chart: () => PixelChart | null | undefined; canvas: Ref<HTMLCanvasElement | null>; data: () => LayerPanelData[]; frame: () => LayerFrame }) {
  let drawn = ''
  let version = 0
  let frameRequest: number | null = null

  function draw(): void {
    const chart = opts.chart()
    const canvas = opts.canvas.value
    if (!chart || !canvas) return
    const root = chart.getDom()
    const width = root.clientWidth
    const height = root.clientHeight
    const dpr = window.devicePixelRatio || 1
    const data = opts.data()
    const frame = opts.frame()
    const rects = screenGridRects(Math.max(1, data.length), width, height)
    const panels: LayerPanel[] = []
    data.forEach((d, i) => {
      const maps = readAxisMaps(chart, i, frame)
      if (maps) panels.push({ rect: rects[i], ...maps, ...d })
    })
    const signature = JSON.stringify([version, width, height, dpr, panels.map((p) => [p.rect, p.x, p.y])])
    if (signature === drawn) return
    drawn = signature
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr)
      canvas.height = Math.round(height * dpr)
      canvas.style.width = `${width}px`
      canvas.style.height = `${height}px`
    }
    const ctx = canvas.getContext('2d')
    if (ctx) drawCurveLayer(ctx, panels, { width, height, dpr })
  }

  // the lines changed (an answer, focus, hover, theme): draw them on the next frame; a new option's paint follows
  watch(opts.data, () => {
    version++
    if (frameRequest === null) {
      frameRequest = requestAnimationFrame(() => {
        frameRequest = null
        draw()
      })
    }
  })

  return {
    /** the chart painted: draw the layer again if the axes, grids or lines changed */
    onRendered: draw,
    dispose(): void {
      if (frameRequest !== null) cancelAnimationFrame(frameRequest)
      frameRequest = null
    },
  }
}
