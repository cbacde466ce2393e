// The run-page chart option: axes, bands, smoothing layers, dropped points, downsampling.
import { describe, expect, it } from 'vitest'
import { buildCurveOption, prepareCurve } from '../../../src/renderer/charts/metric-curve-option'
import { defaultLogAxes } from '../../../src/renderer/charts/axis-defaults'
import { nextBackoff } from '../../../src/renderer/transport/backoff'
import { paletteColor, withAlpha, PALETTE_LIGHT } from '../../../src/renderer/charts/palette'

type Any = Record<string, any>

describe('buildCurveOption', () => {
  const curve = { name: 'loss', x: [0, 1, 2, 4, 8], y: [5, 4, 3, 2.5, 2.2], lo: [null, 3.9, 2.9, 2.4, 2.1], hi: [null, 4.1, 3.1, 2.6, 2.3] }
  it('uses log axes when asked and drops x <= 0 there', () => {
    const { option, dropped } = buildCurveOption({ curves: [curve], xKind: 'step', xName: 'Step', yName: 'loss', logX: true, logY: false, smoothing: 0 })
    expect((option.xAxis as Any).type).toBe('log')
    expect((option.yAxis as Any).type).toBe('value')
    expect(dropped).toBe(1)
  })
  it('draws the band as two stacked series under the curve: lo, then hi - lo', () => {
    const { option } = buildCurveOption({ curves: [curve], xKind: 'step', xName: 'Step', yName: 'loss', logX: false, logY: false, smoothing: 0 })
    const s = option.series as Any[]
    // the curve first (the legend takes its colour), the band layers after it, drawn below by z
    expect(s.map((x) => x.id)).toEqual(['curve-0', 'band-lo-0', 'band-hi-0'])
    s.shift()
    expect(s[0].data[1]).toEqual([1, 3.9])
    expect(s[1].data[1][1]).toBeCloseTo(0.2, 12)
    expect(s[1].data[0]).toEqual([0, null])
    expect(s[0].stack).toBe(s[1].stack)
  })
  it('adds a faint raw curve under the smoothed one', () => {
    const { option } = buildCurveOption({ curves: [{ name: 'loss', x: [1, 2, 3], y: [1, 2, 3] }], xKind: 'step', xName: 'Step', yName: 'loss', logX: false, logY: false, smoothing: 0.5 })
    const s = option.series as Any[]
    expect(s.map((x) => x.id)).toEqual(['curve-0', 'raw-0'])
    expect(s[1].data).toEqual([[1, 1], [2, 2], [3, 3]])
    expect(s[0].data[2][1]).toBeCloseTo(17 / 7, 12)
    expect(s[1].z).toBeLessThan(s[0].z)
  })
  it('downsamples long curves for display', () => {
    const n = 50_000
    const x = Array.from({ length: n }, (_, i) => i + 1)
    const y = x.map((v) => 1 / Math.sqrt(v))
    const p = prepareCurve({ name: 'l', x, y }, true, true, 1000)
    // log x: buckets of equal width in log10(step), the budget nearly used, never exceeded
    expect(p.x.length).toBeLessThanOrEqual(1000)
    expect(p.x.length).toBeGreaterThan(900)
    expect(p.x[0]).toBe(1)
    expect(p.x[p.x.length - 1]).toBe(n)
  })
})

describe('small helpers', () => {
  it('opens scaling charts in log-log and step curves in log-x', () => {
    expect(defaultLogAxes('flops')).toEqual({ logX: true, logY: true })
    expect(defaultLogAxes('step')).toEqual({ logX: true, logY: false })
  })
  it('backs off 250 ms doubling to 10 s', () => {
    expect([0, 1, 2, 10, 100].map((a) => nextBackoff(a))).toEqual([250, 500, 1000, 10_000, 10_000])
  })
  it('cycles the Okabe-Ito palette and adds alpha', () => {
    expect(paletteColor(0)).toBe('#0072B2')
    expect(paletteColor(PALETTE_LIGHT.length)).toBe('#0072B2')
    expect(withAlpha('#0072B2', 0.5)).toBe('rgba(0, 114, 178, 0.5)')
  })
})

describe('quantityAxis', () => {
  it('writes ticks and hover labels in units', async () => {
    const { quantityAxis } = await import('../../../src/renderer/charts/quantity-axis')
    const ax = quantityAxis({ kind: 'params', name: 'Parameters', log: true }) as Any
    expect(ax.type).toBe('log')
    expect(ax.axisLabel.formatter(1e9)).toBe('1B')
    expect(ax.axisPointer.label.formatter({ value: 1.41e9 })).toBe('1.41B')
    const fx = quantityAxis({ kind: 'flops', name: 'C', log: false }) as Any
    expect(fx.type).toBe('value')
    expect(fx.axisPointer.label.formatter({ value: 5.76e23 })).toBe('5.76e23')
  })
})
