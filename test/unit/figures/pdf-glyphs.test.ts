// Every glyph of the Scaling chart reaches the vector PDF: the minus sign U+2212 and the hat of ln L-hat in the
// residual axis name (src/renderer/i18n/areas/scaling.ts), in an embedded font when the machine has one and as
// WinAnsi stand-ins in the standard fonts when it has none. The glyphs are read back from the PDF's own ToUnicode
// maps (inflated with zlib), and with poppler's pdftotext where it is installed.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { renderOptionToSvg } from '../../../src/core/figures/render-svg'
import { drawCombiningHats, standardFontText, standInText, svgToPdf } from '../../../src/core/figures/svg-to-pdf'
import { charsBeyondStandardFonts, findSystemFont, svgText } from '../../../src/core/figures/pdf-fonts'
import { scalingLawOption } from '../../../src/shared/figures/scaling-charts'
import { en } from '../../../src/renderer/i18n/areas/scaling'
import type { FitResultInfo, ScalingPointInfo } from '../../../src/shared/api/fit'

const RESIDUAL = en.scaling.axes.residual
// Besiroglu et al. 2024 (arXiv 2404.10102) parameters, drawn over five runs on their own law: only the text matters here
const params = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 }
const points: ScalingPointInfo[] = [1e8, 4e8, 1.6e9, 6.4e9, 2.56e10].map((N, i) => {
  const D = 20 * N
  return { runId: i + 1, run: `r${i}`, family: null, params: N, tokens: D, flops: 6 * N * D, loss: params.E + params.A / N ** params.alpha + params.B / D ** params.beta }
})
const fit: FitResultInfo = { law: 'chinchilla', n_points: 5, params, objective: 0, derived: {}, converged: true, iterations: 1 }
const SIZE = { width: 312, height: 234 }
const SVG = renderOptionToSvg(scalingLawOption(points, fit, { x: 'flops', labels: { residual: RESIDUAL }, layout: { ...SIZE, fontSize: 8 } }) as never, SIZE)

const font = findSystemFont(charsBeyondStandardFonts(svgText(SVG)))
// the same figure with Chinese axis names: the font found is a CJK one, which may lack U+2212 (WenQuanYi Zen Hei does)
const ZH_SVG = renderOptionToSvg(scalingLawOption(points, fit, { x: 'flops', labels: { residual: RESIDUAL, loss: '最终损失', flops: '计算量 C' }, layout: { ...SIZE, fontSize: 8 } }) as never, SIZE)
const cjkFont = findSystemFont(charsBeyondStandardFonts(svgText(ZH_SVG)))
const hasTool = (tool: string): boolean => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const poppler = hasTool('pdftotext')
const dir = mkdtempSync(join(tmpdir(), 'pdf-glyphs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The Unicode values the PDF's ToUnicode CMaps give its glyphs (hex, upper case), from every Flate stream. */
function toUnicodeValues(pdf: Buffer): Set<string> {
  const out = new Set<string>()
  const text = pdf.toString('latin1')
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = (m.index as number) + m[0].length
    const end = text.indexOf('endstream', start)
    let body: string
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1')
    } catch {
      continue
    }
    if (!body.includes('begincmap')) continue
    for (const h of body.matchAll(/<([0-9a-fA-F]{4,})>/g)) out.add(h[1].toUpperCase())
  }
  return out
}

describe('the residual axis name in a PDF', () => {
  it('is the name the view shows: ln L, the minus sign U+2212, ln L with a combining hat', () => {
    expect(RESIDUAL).toBe('ln L \u2212 ln L\u0302')
    expect(svgText(SVG)).toContain(RESIDUAL)
  })

  it('sets the combining hat as a spacing circumflex raised over its letter (svg-to-pdfkit skips zero-width glyphs)', () => {
    const out = drawCombiningHats('<text>ln L\u0302 x</text><text>a&#x302;</text><text>plain</text>')
    expect(out).not.toContain('\u0302')
    expect(out).toContain('ln L<tspan dx="-0.53em" dy="-0.24em">\u02c6</tspan><tspan dx="0.03em" dy="0.24em"> x</tspan>')
    expect(out).toContain('<text>a<tspan')
    expect(out).toContain('<text>plain</text>')
  })

  it('maps the signs the standard fonts lack to WinAnsi glyphs', () => {
    expect(standardFontText('<text>ln L \u2212 1 &#x2212;2 &#8722;3 \u2264 \u2265</text>')).toBe('<text>ln L \u2013 1 \u20132 \u20133 <= >=</text>')
    expect(charsBeyondStandardFonts(svgText(standardFontText(drawCombiningHats(SVG))))).toEqual([])
  })

  it('gives a sign the font lacks a stand-in the font has, best first', () => {
    const text = '<text>ln L \u2212 ln L\u02c6 \u2264 1</text>'
    expect(standInText(text, () => true)).toBe(text)
    expect(standInText(text, (ch) => ch !== '\u2212' && ch !== '\u02c6')).toBe('<text>ln L \u2013 ln L^ \u2264 1</text>')
    expect(standInText(text, (ch) => ch.charCodeAt(0) < 0x80)).toBe('<text>ln L - ln L^ <= 1</text>')
  })

  it.skipIf(!cjkFont)('draws the minus sign and hat with glyphs a CJK font has (skipped without a CJK font)', async () => {
    const pdf = await svgToPdf(ZH_SVG, SIZE.width, SIZE.height)
    const mapped = toUnicodeValues(pdf)
    expect(mapped.has('6700')).toBe(true) // 最
    expect(mapped.has('2212') || mapped.has('2013')).toBe(true)
    expect(mapped.has('02C6') || mapped.has('005E')).toBe(true)
    if (poppler) {
      const file = join(dir, 'cjk.pdf')
      writeFileSync(file, pdf)
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toMatch(/ln L [\u2212\u2013] ln/)
    }
  })

  it.skipIf(!font)('embeds a font that draws U+2212 and U+02C6 (skipped on a machine with no font covering them)', async () => {
    const pdf = await svgToPdf(SVG, SIZE.width, SIZE.height)
    expect(/\/FontFile2?\b/.test(pdf.toString('latin1'))).toBe(true)
    const mapped = toUnicodeValues(pdf)
    expect(mapped.has('2212')).toBe(true)
    expect(mapped.has('02C6')).toBe(true)
  })

  it.skipIf(!font || !existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'))('embeds a single-file font named by its PostScript name, as fontconfig reports it', async () => {
    const pdf = await svgToPdf(SVG, SIZE.width, SIZE.height, { font: { path: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', postscriptName: 'DejaVuSans' } })
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/)
    expect(toUnicodeValues(pdf).has('2212')).toBe(true)
  })

  it.skipIf(!font || !poppler)('reads back as text with its minus sign and hat (pdftotext)', async () => {
    const file = join(dir, 'embedded.pdf')
    writeFileSync(file, await svgToPdf(SVG, SIZE.width, SIZE.height))
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFD')
    expect(text).toMatch(/ln L \u2212 ln L(\u0302|\u02c6)/)
  })

  it.skipIf(!poppler)('keeps a dash and a circumflex in the standard fonts when there is no font (pdftotext)', async () => {
    const file = join(dir, 'standard.pdf')
    const pdf = await svgToPdf(SVG, SIZE.width, SIZE.height, { font: null })
    expect(pdf.toString('latin1')).toContain('/Helvetica')
    writeFileSync(file, pdf)
    // poppler joins a letter and the circumflex over it into L + U+0302
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFD')
    expect(text).toMatch(/ln L \u2013 ln L(\u0302|\u02c6)/)
  })
})
