// Vector PDF export with Chinese axis labels: a system CJK font is found and embedded (when the machine has
// one), and without it the PDF is still valid with the Latin text set in the standard fonts.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { renderOptionToSvg } from '../../../src/core/figures/render-svg'
import { svgToPdf } from '../../../src/core/figures/svg-to-pdf'
import { charsBeyondStandardFonts, findSystemFont, hasCjk, svgText } from '../../../src/core/figures/pdf-fonts'

// A small figure: Chinese axis names around Latin tick labels (the data are arbitrary points, nothing is pinned on them).
const option = {
  xAxis: { type: 'log', name: '训练词元数 (tokens)', nameLocation: 'middle', nameGap: 24 },
  yAxis: { type: 'value', name: '准确率 accuracy', nameLocation: 'middle', nameGap: 36 },
  series: [{ type: 'line', data: [[1e9, 0.1], [1e10, 0.3], [1e11, 0.6]] }],
}
const SVG = renderOptionToSvg(option, { width: 480, height: 320 })
const LATIN_SVG = renderOptionToSvg({ ...option, xAxis: { ...option.xAxis, name: 'tokens' }, yAxis: { ...option.yAxis, name: 'accuracy' } }, { width: 480, height: 320 })

const cjkFont = findSystemFont(charsBeyondStandardFonts(svgText(SVG)))
const hasTool = (tool: string): boolean => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const poppler = hasTool('pdftoppm') && hasTool('pdffonts')
const dir = mkdtempSync(join(tmpdir(), 'svg-to-pdf-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ascii = (pdf: Buffer): string => pdf.toString('latin1')
const embedsFont = (pdf: Buffer): boolean => /\/FontFile[23]?\b/.test(ascii(pdf))

describe('characters the standard fonts cannot draw', () => {
  it('finds Chinese and maths signs but not Latin-1 or cp1252 punctuation', () => {
    expect(charsBeyondStandardFonts('Loss (nats) ± 0.1 × 10 – “é”…')).toEqual([])
    expect(charsBeyondStandardFonts('准确率 ≤ θ')).toEqual(['准', '确', '率', '≤', 'θ'])
    expect(hasCjk('训练')).toBe(true)
    expect(hasCjk('tokens ≤ 1e9')).toBe(false)
  })
  it('reads the text of an ECharts SVG, character references included', () => {
    expect(svgText('<svg><text>a&#x51c6;</text><text>&#30830;b</text></svg>')).toContain('a准')
    expect(svgText('<svg><text>a&#x51c6;</text><text>&#30830;b</text></svg>')).toContain('确b')
    expect(hasCjk(svgText(SVG))).toBe(true)
  })
})

describe('svgToPdf', () => {
  it.skipIf(!cjkFont)('embeds a system font for Chinese labels (skipped when no font with CJK coverage is installed)', async () => {
    const pdf = await svgToPdf(SVG, 480, 320)
    expect(ascii(pdf).startsWith('%PDF-')).toBe(true)
    expect(embedsFont(pdf)).toBe(true)
    // the Latin-only figure keeps the standard fonts and embeds nothing
    const latin = await svgToPdf(LATIN_SVG, 480, 320)
    expect(embedsFont(latin)).toBe(false)
    expect(ascii(latin)).toContain('/Helvetica')
  })

  it('falls back to the standard fonts when no font is available, Latin text intact', async () => {
    const pdf = await svgToPdf(SVG, 480, 320, { font: null })
    const text = ascii(pdf)
    expect(text.startsWith('%PDF-')).toBe(true)
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true)
    expect(embedsFont(pdf)).toBe(false)
    expect(text).toContain('/Helvetica')
  })

  it('survives a font file that is not a font', async () => {
    const bogus = join(dir, 'not-a-font.ttf')
    writeFileSync(bogus, 'not a font')
    const pdf = await svgToPdf(SVG, 480, 320, { font: { path: bogus } })
    expect(embedsFont(pdf)).toBe(false)
    expect(ascii(pdf)).toContain('/Helvetica')
  })

  it.skipIf(!cjkFont || !poppler)('draws the Chinese labels with the embedded font (pdffonts, pdftoppm; skipped when poppler-utils or a CJK font is missing)', async () => {
    const file = join(dir, 'cjk.pdf')
    writeFileSync(file, await svgToPdf(SVG, 480, 320))
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    // an embedded subset (emb = yes) of the system font
    expect(fonts).toMatch(/\+\S+\s+(TrueType|CID TrueType|Type 1C|CID Type 0C)[^\n]*yes/)
    // the text layer holds the Chinese axis name
    if (hasTool('pdftotext')) expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('准确率')
    execFileSync('pdftoppm', ['-png', '-r', '96', '-singlefile', file, join(dir, 'cjk')])
  })
})

describe('font files', () => {
  it('reads the PostScript name of a collection face from its name table', async () => {
    const { collectionPostscriptName } = await import('../../../src/core/figures/pdf-fonts')
    // a minimal collection built by hand after the OpenType spec: ttcf header, one table directory with a
    // `name` table holding nameID 6 = "LabDemo" in UTF-16BE (platform 3)
    const name = 'LabDemo'
    const bytes = new Uint8Array(64 + 2 * name.length)
    const v = new DataView(bytes.buffer)
    bytes.set([...'ttcf'].map((c) => c.charCodeAt(0)), 0)
    v.setUint32(4, 0x00010000)
    v.setUint32(8, 1)
    v.setUint32(12, 16) // face 0's table directory
    v.setUint32(16, 0x00010000)
    v.setUint16(20, 1) // one table
    bytes.set([...'name'].map((c) => c.charCodeAt(0)), 28)
    v.setUint32(36, 44) // name table offset
    v.setUint32(40, 18 + 2 * name.length)
    v.setUint16(44, 0)
    v.setUint16(46, 1) // one record
    v.setUint16(48, 18) // strings start after the 6-byte header and one 12-byte record
    v.setUint16(50, 3)
    v.setUint16(52, 1)
    v.setUint16(54, 0x409)
    v.setUint16(56, 6)
    v.setUint16(58, 2 * name.length)
    v.setUint16(60, 0)
    for (let i = 0; i < name.length; i++) v.setUint16(62 + 2 * i, name.charCodeAt(i))
    expect(collectionPostscriptName(bytes)).toBe('LabDemo')
    expect(collectionPostscriptName(bytes, 1)).toBeNull()
    expect(collectionPostscriptName(new TextEncoder().encode('not a collection'))).toBeNull()
    expect(collectionPostscriptName(bytes.subarray(0, 50))).toBeNull()
  })

  it('knows where each OS keeps fonts with CJK coverage', async () => {
    const { knownFontFiles } = await import('../../../src/core/figures/pdf-fonts')
    expect(knownFontFiles('win32', { WINDIR: 'C:\\Windows' }).some((f) => f.endsWith('msyh.ttc'))).toBe(true)
    expect(knownFontFiles('darwin', {}).some((f) => f.includes('PingFang'))).toBe(true)
    expect(knownFontFiles('linux', {}).some((f) => f.includes('wqy-zenhei'))).toBe(true)
  })
})
