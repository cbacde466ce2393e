/** PNG from an SVG figure at a chosen pixel ratio (resvg, a Rust SVG renderer shipped in its npm package). */
import { Resvg } from '@resvg/resvg-js'

export function svgToPng(svg: string, widthPx: number, pixelRatio = 2, background = '#ffffff'): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthPx * pixelRatio) },
    background,
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
  return resvg.render().asPng()
}
