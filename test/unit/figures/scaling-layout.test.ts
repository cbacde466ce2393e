// The Scaling chart laid out for an export (scalingLayout): at one and two paper columns (paper-sizes.ts), with the
// export's font sizes and the English and Chinese labels, the legend, the two panels and the axis names do not
// overlap. Checked on the layout numbers and on the SVG that ECharts draws from them (text positions read back).
import { describe, expect, it } from 'vitest'
import { renderOptionToSvg } from '../../../src/core/figures/render-svg'
import { scalingLawOption, scalingLayout, type ScalingChartLabels } from '../../../src/shared/figures/scaling-charts'
import { applyExportStyle } from '../../../src/renderer/export/export-style'
import { figureSize } from '../../../src/renderer/export/paper-sizes'
import { en, zhCN } from '../../../src/renderer/i18n/areas/scaling'
import type { LabChartOption } from '../../../src/renderer/charts/option-type'
import type { FitResultInfo, ScalingPointInfo } from '../../../src/shared/api/fit'

const labelsOf = (m: typeof en): ScalingChartLabels => ({ ...m.scaling.axes, ...m.scaling.chart })
const LANGS = { en: { labels: labelsOf(en), fit: 'Fit: Chinchilla approach 3 (parametric)', stored: 'Stored fit #12 (as stored, 5 excluded)' }, zh: { labels: labelsOf(zhCN), fit: '拟合：Chinchilla 方法 3（参数化）', stored: '已保存拟合 #12（按保存时，排除 5 个）' } }

// Besiroglu et al. 2024 (arXiv 2404.10102) parameters over eight runs on their own law (positions only matter here),
// with a band of +-1% around the fit as a stored bootstrap band would carry
const params = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 }
const loss = (N: number, D: number): number => params.E + params.A / N ** params.alpha + params.B / D ** params.beta
const points: ScalingPointInfo[] = [7e7, 1.5e8, 4e8, 1e9, 2.5e9, 6e9, 1.6e10, 4e10].map((N, i) => ({ runId: i + 1, run: `r${i}`, family: null, params: N, tokens: 20 * N, flops: 120 * N * N, loss: loss(N, 20 * N) * (1 + (i % 3) * 0.01) }))
const band = [1e17, 1e19, 1e21, 1e23].map((C) => {
  const N = Math.sqrt(C / 120)
  const y = loss(N, 20 * N)
  return { x: C, y, lo: y * 0.99, hi: y * 1.01 }
})
const fit: FitResultInfo = { law: 'chinchilla', n_points: 8, params, objective: 0, derived: {}, converged: true, iterations: 1, band: { x: 'flops', y: 'loss', level: 0.95, points: band } }

const SIZES = (['single', 'double'] as const).flatMap((paper) => [0.6, 0.75, 1].map((aspect) => ({ paper, aspect, ...figureSize(paper, aspect, { width: 800, height: 400 }) })))

interface Text {
  text: string
  cy: number
}
/** Each <text> of an ECharts SVG with the vertical centre it is drawn at (translate + y; dominant-baseline central). */
function texts(svg: string): Text[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attrs = m[1]
    const t = /translate\(([-\d.]+)[ ,]([-\d.]+)\)/.exec(attrs)
    const y = /\sy="([-\d.]+)"/.exec(attrs)
    return { text: m[2], cy: (t ? Number(t[2]) : 0) + (y ? Number(y[1]) : 0) }
  })
}

describe('the Scaling chart laid out for export', () => {
  for (const [lang, l] of Object.entries(LANGS)) {
    for (const s of SIZES) {
      for (const fs of [7, 8, 10]) {
        it(`${lang}, ${s.paper} column ${s.width}x${s.height} px, ${fs} px text: legend, panels and names apart`, () => {
          const layout = { width: s.width, height: s.height, fontSize: fs }
          const option = scalingLawOption(points, fit, { x: 'flops', excluded: [3], fitName: l.fit, labels: l.labels, compare: [{ name: l.stored, source: { law: 'chinchilla', params } }], layout })
          const lay = scalingLayout(layout, (option.legend as { data: string[] }).data, true)
          const [main, resid] = lay.grids
          // the numbers: a gap between the panels for the residual name, room below for ticks and the x name
          expect(main.top + main.height + 1.4 * fs).toBeLessThanOrEqual(resid.top)
          // never less than two text lines high
          expect(resid.height).toBeGreaterThanOrEqual(2 * fs)
          expect(main.height).toBeGreaterThanOrEqual(2 * fs)
          expect(resid.top + resid.height + lay.xNameGap + fs).toBeLessThanOrEqual(s.height)

          // what ECharts draws from them
          const styled = applyExportStyle(option as LabChartOption, { fontSize: fs, lineWidth: 1.2 })
          const drawn = texts(renderOptionToSvg(styled as never, { width: s.width, height: s.height }))
          const at = (name: string): Text => {
            const t = drawn.find((d) => d.text === name)
            expect(t, name).toBeDefined()
            return t!
          }
          const lossName = at(l.labels.loss)
          const residName = at(l.labels.residual)
          const xName = at(l.labels.flops)
          const legend = drawn.filter((d) => (option.legend as { data: string[] }).data.includes(d.text))
          expect(legend.length).toBeGreaterThan(0)
          for (const item of legend) expect(item.cy + fs / 2).toBeLessThanOrEqual(lossName.cy - fs / 2)
          expect(lossName.cy + fs / 2).toBeLessThanOrEqual(main.top)
          expect(residName.cy - fs / 2).toBeGreaterThanOrEqual(main.top + main.height)
          expect(residName.cy + fs / 2).toBeLessThanOrEqual(resid.top)
          expect(xName.cy - fs / 2).toBeGreaterThanOrEqual(resid.top + resid.height + fs)
          expect(xName.cy + fs / 2).toBeLessThanOrEqual(s.height)
        })
      }
    }
  }

  it('wraps the legend onto more rows at one column than at two', () => {
    const names = [LANGS.en.labels.band, LANGS.en.fit, LANGS.en.stored, LANGS.en.labels.runs, LANGS.en.labels.excluded]
    const single = scalingLayout({ ...figureSize('single', 0.75, { width: 0, height: 0 }), fontSize: 8 }, names, true)
    const double = scalingLayout({ ...figureSize('double', 0.75, { width: 0, height: 0 }), fontSize: 8 }, names, true)
    expect(single.legendLines).toBeGreaterThan(double.legendLines)
    expect(single.grids[0].top).toBeGreaterThan(double.grids[0].top)
  })
})

describe('the bootstrap band', () => {
  it('is filled and outlined beneath the runs, and repeated around zero in the residual panel', () => {
    const option = scalingLawOption(points, fit, { x: 'flops' })
    const series = option.series as { id?: string; z?: number; areaStyle?: unknown; lineStyle?: { width?: number } }[]
    const z = (id: string): number => series.find((s) => s.id === id)?.z ?? NaN
    for (const id of ['band-hi', 'residual-band-hi']) expect(series.find((s) => s.id === id)?.areaStyle).toBeDefined()
    for (const id of ['band-edge-lo', 'band-edge-hi', 'residual-band-edge-lo', 'residual-band-edge-hi']) {
      expect(series.find((s) => s.id === id)?.lineStyle?.width).toBe(1)
      expect(z(id)).toBeLessThan(z('points'))
      expect(z(id)).toBeLessThan(z('residuals'))
    }
    expect(z('band-hi')).toBeLessThan(z('points'))
    // one legend entry for the band
    expect((option.legend as { data: string[] }).data.filter((n) => n === '95% band')).toHaveLength(1)
  })
  it('keeps its own width: the residual band is ln(bound / fit), about +-1% here', () => {
    const option = scalingLawOption(points, fit, { x: 'flops' })
    const series = option.series as { id?: string; data?: [number, number][] }[]
    const lo = series.find((s) => s.id === 'residual-band-edge-lo')!.data!
    const hi = series.find((s) => s.id === 'residual-band-edge-hi')!.data!
    for (const [, v] of lo) expect(v).toBeCloseTo(Math.log(0.99), 9)
    for (const [, v] of hi) expect(v).toBeCloseTo(Math.log(1.01), 9)
  })
})
