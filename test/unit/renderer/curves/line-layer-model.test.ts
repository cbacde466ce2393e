// What the Curves line layer draws: each long line sampled once with LTTB to about one point a pixel (ends and a
// spike kept, every point one the engine sent), bands sampled with their line's indices, the smoothed curve over
// its faint raw one, and the clicked or hovered line drawn last and thick with the others faint.
import { describe, expect, it } from 'vitest'
import type { CurveChart, CurveSettings } from '../../../../src/shared/api/curves'
import { layerPanels } from '../../../../src/renderer/curves/line-layer-model'
import { paletteColor } from '../../../../src/renderer/charts/palette'

const settings: CurveSettings = { metrics: ['loss'], x: 'step', logX: false, logY: false, smoothing: 0, groupBy: 'none', band: 'minmax' }
const long = (id: number, spikeAt: number) => {
  const x = Array.from({ length: 2000 }, (_, k) => k + 1)
  const y = x.map((s, k) => (k === spikeAt ? 50 : 2 + 8 / Math.sqrt(1 + s / 500) + 0.01 * Math.sin(s * (id + 1))))
  return { key: `run:${id}`, label: `r${id}`, runIds: [id], x, y, rawPoints: 2000, sampled: true }
}
const chart: CurveChart = { x: 'step', xExtent: [1, 2000], panels: [{ metric: 'loss', lines: [long(0, 100), long(1, 300)] }], warnings: [] }
const pairs = (d: Float64Array): number[][] => Array.from({ length: d.length / 2 }, (_, k) => [d[2 * k], d[2 * k + 1]])
const base = { chart, settings, dark: false, drawPoints: 400, focusKey: null, hoverKey: null }

describe('layerPanels', () => {
  it('samples each long line to about one point a pixel, keeping its ends, its spike and only points it has', () => {
    const [p] = layerPanels(base)
    const drawn = pairs(p.lines[1].points)
    expect(drawn).toHaveLength(400)
    expect(drawn[0][0]).toBe(1)
    expect(drawn.at(-1)![0]).toBe(2000)
    expect(drawn.some(([x, y]) => x === 301 && y === 50)).toBe(true)
    for (const [x, y] of drawn) expect(chart.panels[0].lines[1].y[x - 1]).toBe(y)
    expect(p.lines.map((l) => [l.color, l.width, l.alpha, l.dots])).toEqual([[paletteColor(0), 1, 1, false], [paletteColor(1), 1, 1, false]])
  })
  it('keeps every point of a line with a gap (LTTB would close it) and dots a short line', () => {
    const gap = { ...long(0, 5), y: long(0, 5).y.map((v, k) => (k === 700 ? NaN : v)) }
    const short = { key: 'run:9', label: 's', runIds: [9], x: [1, 2, 3], y: [3, 2, 1], rawPoints: 3, sampled: false }
    const [p] = layerPanels({ ...base, chart: { ...chart, panels: [{ metric: 'loss', lines: [gap, short] }] } })
    expect(p.lines[0].points.length).toBe(4000)
    expect(Number.isNaN(p.lines[0].points[2 * 700 + 1])).toBe(true)
    expect(p.lines[1].dots).toBe(true)
  })
  it("samples a band with its line's indices", () => {
    const g = { ...long(1, 50), key: 'group:a', lo: long(1, 50).y.map((v) => v - 0.1), hi: long(1, 50).y.map((v) => v + 0.2) }
    const [p] = layerPanels({ ...base, chart: { ...chart, panels: [{ metric: 'loss', lines: [g] }] }, drawPoints: 300 })
    const xs = pairs(p.lines[0].points).map((q) => q[0])
    expect(p.bands[0].x).toEqual(xs)
    p.bands[0].hi.forEach((h, k) => expect(h - p.bands[0].lo[k]).toBeCloseTo(0.3, 12))
  })
  it('draws the smoothed curve over its faint raw one, smoothed over every point sent', () => {
    const [p] = layerPanels({ ...base, settings: { ...settings, smoothing: 0.9 } })
    expect(p.lines).toHaveLength(4)
    const [raw0, , main0] = p.lines
    expect(raw0.alpha).toBeLessThan(0.5)
    expect(pairs(raw0.points).map((q) => q[0])).toEqual(pairs(main0.points).map((q) => q[0]))
    const whole = layerPanels({ ...base, drawPoints: 5000, settings: { ...settings, smoothing: 0.9 } })[0].lines[2]
    for (const [x, y] of pairs(main0.points)) expect(y).toBe(whole.points[2 * (x - 1) + 1])
  })
  it('draws the clicked line last and thick, the others faint; a hovered one the same, the others fainter', () => {
    const [focused] = layerPanels({ ...base, focusKey: 'run:0' })
    expect(focused.lines.map((l) => [l.key, l.width, l.alpha])).toEqual([['run:1', 1, 0.15], ['run:0', 2.6, 1]])
    const [hovered] = layerPanels({ ...base, focusKey: 'run:0', hoverKey: 'run:1' })
    expect(hovered.lines.map((l) => [l.key, l.width, l.alpha])).toEqual([['run:0', 1, 0.12], ['run:1', 2.6, 1]])
  })
})
