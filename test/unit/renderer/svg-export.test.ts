// The SVG export, rendered headless by ECharts' SVG renderer in server-side mode (no DOM needed), must be a
// well-formed document: every tag's attributes quoted and closed, so Inkscape, \includesvg and the lab's
// SVG -> PDF conversion can read it. The option is the run page's, restyled for a 3.25 in column.
import { describe, expect, it } from 'vitest'
import { setupECharts } from '../../../src/renderer/charts/echarts-setup'
import { buildCurveOption } from '../../../src/renderer/charts/metric-curve-option'
import { applyExportStyle } from '../../../src/renderer/export/export-style'
import { figureSize } from '../../../src/renderer/export/paper-sizes'
import { renderSvgString } from '../../../src/renderer/export/render-figure'
import { LAB_THEME_LIGHT } from '../../../src/renderer/charts/themes'

function tagsAreWellFormed(svg: string): string[] {
  const body = svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
  const bad: string[] = []
  for (const m of body.matchAll(/<[^<>]*>/g)) {
    const tag = m[0]
    if (tag.startsWith('</') || tag.startsWith('<?') || tag.startsWith('<!')) continue
    if (!/^<[\w:-]+(\s+[\w:-]+="[^"]*")*\s*\/?>$/.test(tag)) bad.push(tag.slice(0, 200))
  }
  return bad
}

describe('SVG export', () => {
  it('renders a well-formed SVG of the column width, with text and curves', () => {
    setupECharts()
    const x = Array.from({ length: 300 }, (_, i) => 1 + i * 10)
    const y = x.map((s) => 2.5 + 8 / s ** 0.35)
    const { option } = buildCurveOption({ curves: [{ name: 'loss', x, y, lo: y.map((v) => v - 0.1), hi: y.map((v) => v + 0.1) }], xKind: 'step', xName: 'Step', yName: 'loss', logX: true, logY: false, smoothing: 0.6, zoom: true })
    const size = figureSize('single', 0.75, { width: 800, height: 400 })
    const svg = renderSvgString(applyExportStyle(option, { fontSize: 8, lineWidth: 1.2 }), size, LAB_THEME_LIGHT)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('width="312" height="234"')
    expect(tagsAreWellFormed(svg)).toEqual([])
    expect(svg).toContain('>Step</text>')
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(10)
  })
})
