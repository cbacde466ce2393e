// The Curves view's chart option: one grid per metric with linked x axes, bands between lo and hi, the raw
// curve faint beneath the smoothed one, unique series names, escaped read-outs, the zoom window kept.
import { describe, expect, it } from 'vitest'
import type { CurveChart, CurveSettings } from '../../../../src/shared/api/curves'
import { allLines, buildCurvesOption, lineNames, panelYExtent, screenGridRects, xQuantity, xy } from '../../../../src/renderer/curves/curves-option'
import { curvesTable } from '../../../../src/renderer/curves/curves-table'

type Any = Record<string, any>
/** a typed-array series' points as [x, y] pairs */
const pairs = (d: Float64Array): number[][] => Array.from({ length: d.length / 2 }, (_, k) => [d[2 * k], d[2 * k + 1]])

const settings: CurveSettings = { metrics: ['loss', 'val_loss'], x: 'tokens', logX: false, logY: false, smoothing: 0, groupBy: 'none', band: 'minmax' }
const run = (id: number, label: string, y: number[]) => ({ key: `run:${id}`, label, runIds: [id], x: [1, 2, 3], y, rawPoints: 3, sampled: false })
const chart: CurveChart = {
  x: 'tokens',
  xExtent: [1, 3],
  panels: [
    { metric: 'loss', lines: [run(1, 'a', [3, 2, 1]), run(2, '<b>x</b>', [4, 3, 2])] },
    { metric: 'val_loss', lines: [run(1, 'a', [3.1, 2.1, 1.1])] },
  ],
  warnings: [],
}

describe('buildCurvesOption', () => {
  it('draws one grid per metric, with one dataZoom and one axis pointer over every x axis', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens' }) as Any
    expect(o.grid).toHaveLength(2)
    expect(o.xAxis.map((a: Any) => a.gridIndex)).toEqual([0, 1])
    expect(o.yAxis.map((a: Any) => a.name)).toEqual(['loss', 'val_loss'])
    expect(o.dataZoom.map((d: Any) => d.xAxisIndex)).toEqual([[0, 1], [0, 1]])
    expect(o.axisPointer.link).toEqual([{ xAxisIndex: 'all' }])
    // the grids do not overlap and stay inside the chart
    expect(o.grid[0].top + o.grid[0].height).toBeLessThan(o.grid[1].top)
    expect(o.grid[1].top + o.grid[1].height).toBeLessThanOrEqual(700)
    expect(o.animation).toBe(false)
  })
  it('names the x axis only under the last panel and spans the data extent so the slider shows the window', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens', window: [1.5, 2.5] }) as Any
    expect(o.xAxis.map((a: Any) => a.name)).toEqual(['', 'Tokens'])
    expect([o.xAxis[0].min, o.xAxis[0].max]).toEqual([1, 3])
    expect([o.dataZoom[0].startValue, o.dataZoom[0].endValue]).toEqual([1.5, 2.5])
  })
  it('bounds a log y axis by the data, a linear one by its scale', () => {
    const log = buildCurvesOption({ chart, settings: { ...settings, logY: true }, height: 700, xName: 'Tokens' }) as Any
    expect([log.yAxis[0].type, log.yAxis[0].min, log.yAxis[0].max]).toEqual(['log', 'dataMin', 'dataMax'])
    const lin = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens' }) as Any
    expect([lin.yAxis[0].type, lin.yAxis[0].min, lin.yAxis[0].scale]).toEqual(['value', undefined, true])
  })
  it('an export (no zoom control) shows the window it was zoomed to', () => {
    const o = buildCurvesOption({ chart, settings, height: 400, xName: 'Tokens', window: [1.5, 2.5], zoom: false }) as Any
    expect(o.dataZoom).toEqual([])
    expect([o.xAxis[1].min, o.xAxis[1].max]).toEqual([1.5, 2.5])
  })
  it('puts a run that is in two panels in both, under one legend entry and one colour (an export)', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens', zoom: false }) as Any
    expect(o.legend.data).toEqual(['a', '<b>x</b>'])
    const a = o.series.filter((s: Any) => s.name === 'a')
    expect(a.map((s: Any) => s.xAxisIndex)).toEqual([0, 1])
    expect(a[0].color).toBe(a[1].color)
  })
  it('draws a group band as lo plus a stacked (hi - lo) filled area (an export)', () => {
    const group = { key: 'group:s', label: 'seeds', runIds: [1, 2], x: [1, 2], y: [2, 3], lo: [1.5, 2.5], hi: [2.5, 4], rawPoints: 4, sampled: false }
    const o = buildCurvesOption({ chart: { ...chart, panels: [{ metric: 'loss', lines: [group] }] }, settings: { ...settings, metrics: ['loss'] }, height: 400, xName: 'Tokens', zoom: false }) as Any
    const [line, lo, hi] = o.series
    expect(line.id).toBe('line-0|group:s')
    expect(pairs(lo.data)).toEqual([[1, 1.5], [2, 2.5]])
    expect(pairs(hi.data)).toEqual([[1, 1], [2, 1.5]])
    expect(lo.stack).toBe(hi.stack)
    expect(hi.areaStyle).toBeDefined()
    expect(lo.z).toBeLessThan(line.z)
  })
  it('with smoothing draws the EMA over the raw curve, which stays faint and silent beneath (an export)', () => {
    const one: CurveChart = { ...chart, panels: [{ metric: 'loss', lines: [run(1, 'a', [1, 2, 3])] }] }
    const o = buildCurvesOption({ chart: one, settings: { ...settings, metrics: ['loss'], smoothing: 0.5 }, height: 400, xName: 'Tokens', zoom: false }) as Any
    const [main, raw] = o.series
    expect(raw.id).toBe('raw-0|run:1')
    expect(pairs(raw.data)).toEqual([[1, 1], [2, 2], [3, 3]])
    // debiased EMA with w = 0.5: (0.25 * 1 + 0.5 * 2) / (1 - 0.25) = 5/3, then (0.125 + 0.25 * 2 + 0.5 * 3) / 0.875 = 17/7
    expect(pairs(main.data)[1][1]).toBeCloseTo(5 / 3, 12)
    expect(pairs(main.data)[2][1]).toBeCloseTo(17 / 7, 12)
    expect(raw.silent).toBe(true)
    expect(raw.z).toBeLessThan(main.z)
  })
  it('fades every line but the focused one (an export)', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens', focusKey: 'run:2', zoom: false }) as Any
    const byKey = (k: string) => o.series.find((s: Any) => s.id === `line-0|${k}`)
    expect(byKey('run:2').lineStyle.opacity).toBe(1)
    expect(byKey('run:1').lineStyle.opacity).toBeLessThan(0.5)
  })
  it('escapes every name and value in the hover read-out', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: '<i>T</i>' }) as Any
    const html = o.tooltip.formatter([
      { seriesId: 'line-0|run:2', seriesName: '<b>x</b>', marker: '', value: new Float64Array([2, 3]) },
      { seriesId: 'raw-0|run:2', seriesName: 'raw', marker: '', value: [2, 3] },
    ])
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(html).toContain('&lt;i&gt;T&lt;/i&gt;')
    expect(html).not.toContain('<b>x')
    expect(html).not.toContain('raw')
  })
})

describe('line names, points and x quantities', () => {
  it('interleaves x and y in one typed array, a missing value as NaN (a gap)', () => {
    expect(Array.from(xy([1, 2, 3], [4, null, 6]))).toEqual([1, 4, 2, NaN, 3, 6])
  })
  it('gives a repeated label its key so legend entries stay apart', () => {
    const names = lineNames([run(1, 'same', [1, 1, 1]), run(2, 'same', [1, 1, 1]), run(3, 'other', [1, 1, 1])])
    expect([...names.values()]).toEqual(['same (run:1)', 'same (run:2)', 'other'])
  })
  it('lists every line once, in the order first seen', () => {
    expect(allLines(chart).map((l) => l.key)).toEqual(['run:1', 'run:2'])
  })
  it('formats wall time as a count and another metric as a metric', () => {
    expect([xQuantity('step'), xQuantity('flops'), xQuantity('wall_time'), xQuantity('metric:lr')]).toEqual(['step', 'flops', 'count', 'metric'])
  })
})

describe('curvesTable', () => {
  it('has a row per drawn point, the EMA beside the raw value, and the band columns named by their kind', () => {
    const tbl = curvesTable(chart, { ...settings, smoothing: 0.5, band: 'std' })
    expect(tbl.columns).toEqual(['metric', 'line', 'run_ids', 'tokens', 'value', 'ema_0.5', 'band_lo_std', 'band_hi_std', 'sampled'])
    expect(tbl.rows).toHaveLength(9)
    expect(tbl.rows[0]).toEqual(['loss', 'a', '1', 1, 3, 3, null, null, false])
  })
})

describe('on screen the lines are drawn by the view: ECharts keeps the axes, zoom and read-out', () => {
  it('gives each panel one invisible two-point series over its data, so the y axis scales as for the lines', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens' }) as Any
    expect(o.series.map((s: Any) => s.id)).toEqual(['frame-0', 'frame-1'])
    expect(pairs(o.series[0].data)).toEqual([[1, 1], [3, 4]])
    expect(pairs(o.series[1].data)).toEqual([[1, 1.1], [3, 3.1]])
    expect(o.series[0].lineStyle.opacity).toBe(0)
    expect(o.series[0].silent).toBe(true)
  })
  it('spans bands, and the smoothed curve with its raw one, and only positive values on a log axis', () => {
    const group = { key: 'group:s', label: 'seeds', runIds: [1, 2], x: [1, 2], y: [2, 3], lo: [0.5, 2.5], hi: [2.5, 7], rawPoints: 4, sampled: false }
    expect(panelYExtent([group], false, 0)).toEqual([0.5, 7])
    expect(panelYExtent([run(1, 'a', [-1, 0, 4])], true, 0)).toEqual([4, 4])
    expect(panelYExtent([run(1, 'a', [-1, 0, -4])], true, 0)).toBeNull()
  })
  it('has no ECharts legend (the run table is the legend), no data shadow, and leaves the read-out to the view', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens' }) as Any
    expect(o.legend.show).toBe(false)
    expect(o.dataZoom[1].showDataShadow).toBe(false)
    expect(o.tooltip.triggerOn).toBe('none')
    expect(o.grid[0].top).toBeLessThan(36)
  })
  it('gives the line layer the grids it gives ECharts', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens' }) as Any
    const rects = screenGridRects(2, 1000, 700)
    expect(rects.map((r) => [r.x, r.y, r.height])).toEqual(o.grid.map((g: Any) => [g.left, g.top, g.height]))
    expect(rects[0].width).toBe(1000 - o.grid[0].left - o.grid[0].right)
  })
  it('an export draws the lines as series, sampled by ECharts, under a legend, read out on hover', () => {
    const o = buildCurvesOption({ chart, settings, height: 700, xName: 'Tokens', zoom: false }) as Any
    expect(o.series.map((s: Any) => s.id)).toEqual(['line-0|run:1', 'line-0|run:2', 'line-1|run:1'])
    expect(o.series[0].sampling).toBe('lttb')
    expect(o.tooltip.triggerOn).toBe('mousemove|click')
  })
})
