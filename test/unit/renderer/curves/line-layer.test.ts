// The Curves line layer: the axis maps (linear and log) and the drawing, checked with a context that records what
// is drawn: every line in the axes' pixels, clipped to its grid, only its points in the visible window (one either
// side), a gap where a value is missing, bands as closed areas between lo and hi, dots on short lines.
import { describe, expect, it } from 'vitest'
import { axisMapThrough, drawCurveLayer, fromPixel, toPixel, visibleRange, type LayerContext, type LayerPanel } from '../../../../src/renderer/curves/line-layer'
import { readAxisMaps } from '../../../../src/renderer/curves/useLineLayer'

type Op = [string, ...unknown[]]
function recorder(): LayerContext & { ops: Op[] } {
  const ops: Op[] = []
  const rec = (name: string) => (...args: unknown[]) => void ops.push([name, ...args])
  const ctx = {
    ops,
    save: rec('save'),
    restore: rec('restore'),
    beginPath: rec('beginPath'),
    moveTo: rec('moveTo'),
    lineTo: rec('lineTo'),
    closePath: rec('closePath'),
    rect: rec('rect'),
    clip: rec('clip'),
    arc: rec('arc'),
    fill: () => ops.push(['fill', ctx.fillStyle, ctx.globalAlpha]),
    stroke: () => ops.push(['stroke', ctx.strokeStyle, ctx.lineWidth, ctx.globalAlpha]),
    setTransform: rec('setTransform'),
    clearRect: rec('clearRect'),
    lineWidth: 1,
    strokeStyle: '' as string | object,
    fillStyle: '' as string | object,
    globalAlpha: 1,
    lineJoin: 'miter',
  }
  return ctx
}

const pts = (...xy: number[]) => new Float64Array(xy)
// x in [0, 10] onto px [100, 200]; y in [0, 1] onto px [300, 100] (up is smaller)
const panel = (over: Partial<LayerPanel> = {}): LayerPanel => ({
  rect: { x: 100, y: 100, width: 100, height: 200 },
  x: axisMapThrough(0, 100, 10, 200, false)!,
  y: axisMapThrough(0, 300, 1, 100, false)!,
  bands: [],
  lines: [],
  ...over,
})

describe('axis maps', () => {
  it('map linearly, or linearly in log10 on a log axis, and back', () => {
    const lin = axisMapThrough(0, 100, 10, 200, false)!
    expect([toPixel(lin, 5), fromPixel(lin, 150)]).toEqual([150, 5])
    const log = axisMapThrough(1, 0, 1000, 300, true)!
    expect(toPixel(log, 10)).toBeCloseTo(100, 12)
    expect(fromPixel(log, 200)).toBeCloseTo(100, 10)
    expect(toPixel(log, 0)).toBe(-Infinity)
  })
  it('refuse two equal values, or a value <= 0 on a log axis', () => {
    expect(axisMapThrough(1, 0, 1, 5, false)).toBeNull()
    expect(axisMapThrough(0, 0, 10, 5, true)).toBeNull()
  })
  it('are read from the chart at two values an axis (the frame series span, or around one value)', () => {
    // a chart whose grid 0 puts x in [1, 100] (log) on [72, 972] and y in [2, 4] on [400, 40]
    const chart = {
      getDom: () => ({}) as HTMLElement,
      convertToPixel: (_f: { gridIndex: number }, [x, y]: number[]) => [72 + 450 * Math.log10(x), 400 - 180 * (y - 2)],
    }
    const maps = readAxisMaps(chart, 0, { logX: true, logY: false, xExtent: [1, 100], yExtents: [[3, 3]] })!
    expect(toPixel(maps.x, 10)).toBeCloseTo(522, 9)
    expect(toPixel(maps.y, 4)).toBeCloseTo(40, 9)
  })
})

describe('readAxisMaps on a chart without the panel yet', () => {
  it('gives no map (the chart paints and the layer is drawn then), rather than throwing', () => {
    const chart = {
      getDom: () => ({}) as HTMLElement,
      convertToPixel: () => {
        throw new Error('no grid 1')
      },
    }
    expect(readAxisMaps(chart, 1, { logX: false, logY: false, xExtent: [0, 1], yExtents: [] })).toBeNull()
  })
})

describe('visibleRange', () => {
  it('keeps the points in the window and one either side; all of them when x is not ascending', () => {
    const p = pts(0, 0, 1, 0, 2, 0, 3, 0, 4, 0)
    expect(visibleRange(p, 1.5, 2.5)).toEqual([1, 3])
    expect(visibleRange(p, -5, 9)).toEqual([0, 4])
    expect(visibleRange(pts(0, 0, 2, 0, 1, 0), 1.5, 2.5)).toEqual([0, 2])
  })
})

describe('drawCurveLayer', () => {
  it('clears, scales for the pixel ratio, clips each panel to its grid and strokes each line in the axes\' pixels', () => {
    const ctx = recorder()
    drawCurveLayer(ctx, [panel({ lines: [{ key: 'a', points: pts(0, 0, 5, 0.5, 10, 1), color: '#112233', width: 1, alpha: 1 }] })], { width: 300, height: 400, dpr: 2 })
    expect(ctx.ops.slice(0, 3)).toEqual([['setTransform', 1, 0, 0, 1, 0, 0], ['clearRect', 0, 0, 600, 800], ['setTransform', 2, 0, 0, 2, 0, 0]])
    expect(ctx.ops).toContainEqual(['rect', 100, 100, 100, 200])
    const path = ctx.ops.filter((o) => o[0] === 'moveTo' || o[0] === 'lineTo')
    expect(path).toEqual([['moveTo', 100, 300], ['lineTo', 150, 200], ['lineTo', 200, 100]])
    expect(ctx.ops).toContainEqual(['stroke', '#112233', 1, 1])
    expect(ctx.ops.at(-1)).toEqual(['restore'])
  })
  it('breaks a line at a missing value and draws only the window and one point either side', () => {
    const ctx = recorder()
    const p = panel({ x: axisMapThrough(4, 100, 6, 200, false)!, lines: [{ key: 'a', points: pts(0, 0, 3, 0, 4, NaN, 5, 0.5, 6, 0.5, 7, 1, 9, 1), color: '#000000', width: 1, alpha: 1 }] })
    drawCurveLayer(ctx, [p], { width: 300, height: 400, dpr: 1 })
    const path = ctx.ops.filter((o) => o[0] === 'moveTo' || o[0] === 'lineTo').map((o) => o[0])
    // x 3 (one before the window), a gap at 4, then 5 and 6 (the right edge); 0, 7 and 9 are not drawn
    expect(path).toEqual(['moveTo', 'moveTo', 'lineTo'])
  })
  it('fills a band between hi and lo as one closed area, under the lines', () => {
    const ctx = recorder()
    drawCurveLayer(ctx, [panel({ bands: [{ key: 'g', x: [0, 10], lo: [0, 0.5], hi: [0.5, 1], fill: 'rgba(1, 2, 3, 0.2)' }], lines: [{ key: 'g', points: pts(0, 0.25, 10, 0.75), color: '#010203', width: 1, alpha: 1 }] })], { width: 300, height: 400, dpr: 1 })
    const fill = ctx.ops.findIndex((o) => o[0] === 'fill')
    const stroke = ctx.ops.findIndex((o) => o[0] === 'stroke')
    expect(fill).toBeGreaterThan(-1)
    expect(fill).toBeLessThan(stroke)
    expect(ctx.ops[fill]).toEqual(['fill', 'rgba(1, 2, 3, 0.2)', 1])
    const area = ctx.ops.slice(0, fill).filter((o) => o[0] === 'moveTo' || o[0] === 'lineTo').slice(-4)
    expect(area).toEqual([['moveTo', 100, 200], ['lineTo', 200, 100], ['lineTo', 200, 200], ['lineTo', 100, 300]])
  })
  it('dots the points of a short line', () => {
    const ctx = recorder()
    drawCurveLayer(ctx, [panel({ lines: [{ key: 'a', points: pts(0, 0, 10, 1), color: '#abcdef', width: 1, alpha: 1, dots: true }] })], { width: 300, height: 400, dpr: 1 })
    expect(ctx.ops.filter((o) => o[0] === 'arc')).toEqual([['arc', 100, 300, 2, 0, 2 * Math.PI], ['arc', 200, 100, 2, 0, 2 * Math.PI]])
  })
})
