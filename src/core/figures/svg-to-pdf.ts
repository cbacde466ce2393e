/**
 * Vector PDF from an SVG figure (PDFKit with svg-to-pdfkit): text stays text and lines stay lines, so a
 * figure scales cleanly in a paper. The page is the figure's size in points (1 px = 0.75 pt at 96 dpi).
 * Text the PDF standard fonts cannot draw (Chinese labels, ≤, θ) is set in a system font found by
 * pdf-fonts.ts and embedded as a subset; without one, the standard fonts keep Latin text intact and the signs
 * our figures use are drawn with the nearest glyphs WinAnsi has (standardFontText): the minus sign U+2212 as an
 * en dash, ≤ and ≥ as <= and >=; an embedded font that lacks one of them (a CJK font without U+2212) gets the same
 * kind of stand-in from its own glyphs (standInText). svg-to-pdfkit skips glyphs of zero advance, so a combining hat (the U+0302 of
 * ln L-hat) would vanish in any font: drawCombiningHats sets it as the spacing circumflex U+02C6 (WinAnsi has it
 * too) raised over its letter.
 */
import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'
import { charsBeyondStandardFonts, findSystemFont, svgText, type SystemFont } from './pdf-fonts'

export interface SvgToPdfOptions {
  /** the font for text beyond the standard fonts: undefined = look on this machine, null = standard fonts only */
  font?: SystemFont | null
}

/** The name the embedded font is registered under in the document. */
const UNICODE_FONT = 'LabUnicode'

type FontCallback = (family: string, bold: boolean, italic: boolean, options: { fauxBold: boolean; fauxItalic: boolean }) => string

function standardFont(family: string, bold: boolean, italic: boolean): string {
  const f = family.toLowerCase()
  const [base, b, i, bi] = /(^|,)\s*['"]?(serif|times)/.test(f)
    ? ['Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic']
    : /(^|,)\s*['"]?(monospace|courier)/.test(f)
      ? ['Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique']
      : ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']
  return bold && italic ? bi : bold ? b : italic ? i : base
}

/** The fontCallback for svg-to-pdfkit: every text in the registered font when there is one, else standard fonts. */
function fontCallbackFor(doc: InstanceType<typeof PDFDocument>, svg: string, choice: SystemFont | null | undefined): FontCallback & { registered?: boolean; has?: (ch: string) => boolean } {
  const needed = charsBeyondStandardFonts(svgText(svg))
  const font = needed.length === 0 ? null : choice === undefined ? findSystemFont(needed) : choice
  let registered = false
  if (font) {
    try {
      // the PostScript name picks a face in a collection; given for a single-font file, fontkit looks for a
      // variation of that name and fails, which used to drop every character beyond WinAnsi
      if (font.postscriptName && /\.(ttc|dfont)$/i.test(font.path)) doc.registerFont(UNICODE_FONT, font.path, font.postscriptName)
      else doc.registerFont(UNICODE_FONT, font.path)
      // open it now: a broken font file falls back here, not in the middle of drawing
      doc.font(UNICODE_FONT)
      registered = true
    } catch {
      registered = false
    }
  }
  const callback: FontCallback & { registered?: boolean; has?: (ch: string) => boolean } = (family, bold, italic, options) => {
    if (!registered) return standardFont(family ?? '', bold, italic)
    // one face: bold and italic are drawn faux (stroked / skewed) by svg-to-pdfkit
    options.fauxBold = bold
    options.fauxItalic = italic
    return UNICODE_FONT
  }
  callback.registered = registered
  if (registered) {
    // the embedded font's own character map (fontkit): signs it lacks get stand-ins rather than empty boxes
    const face = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (cp: number) => boolean } } })._font?.font
    callback.has = (ch) => face?.hasGlyphForCodePoint?.(ch.codePointAt(0) as number) ?? true
  }
  return callback
}

/**
 * Signs our figures use that a font may lack, and the glyphs that stand in for them, best first: the standard
 * fonts (WinAnsi) and a CJK font such as WenQuanYi Zen Hei have no minus sign U+2212, the latter no circumflex
 * U+02C6 either.
 */
const STAND_INS: Record<string, readonly string[]> = { '\u2212': ['\u2013', '-'], '\u02c6': ['^'], '\u2264': ['<='], '\u2265': ['>='] }

/** The SVG's text with each sign the font cannot draw (`has` says which it can) replaced by a stand-in it can draw. */
export function standInText(svg: string, has: (ch: string) => boolean): string {
  let out = svg
  for (const [from, alternatives] of Object.entries(STAND_INS)) {
    const cp = from.codePointAt(0) as number
    out = out.replace(new RegExp(`&#x0*${cp.toString(16)};|&#0*${cp};`, 'gi'), from)
    if (has(from) || !out.includes(from)) continue
    const to = alternatives.find((a) => [...a].every(has)) ?? alternatives[alternatives.length - 1]
    out = out.split(from).join(to)
  }
  return out
}

/** Text for the standard fonts: each sign they lack and we know is replaced by its WinAnsi stand-in. */
export const standardFontText = (svg: string): string => standInText(svg, (ch) => charsBeyondStandardFonts(ch).length === 0)

/** Where the spacing circumflex goes over the letter before it (em): back over the letter, raised above it. */
const HAT_BACK = -0.53
const HAT_RISE = 0.24

/**
 * Each combining circumflex (U+0302) in the SVG's text set as a spacing circumflex (U+02C6) in a tspan moved back
 * over its letter and raised; the text after it comes back to the baseline.
 */
export function drawCombiningHats(svg: string): string {
  const decoded = svg.replace(/&#x0*302;|&#0*770;/gi, '\u0302')
  return decoded.replace(/>([^<]*\u0302[^<]*)</g, (_, text: string) => {
    const [first, ...rest] = text.split('\u0302')
    const tail = rest.map((after) => `<tspan dx="${HAT_BACK}em" dy="${-HAT_RISE}em">\u02c6</tspan><tspan dx="${(-(0.5 + HAT_BACK)).toFixed(2)}em" dy="${HAT_RISE}em">${after}</tspan>`)
    return `>${first}${tail.join('')}<`
  })
}

export function svgToPdf(svg: string, widthPx: number, heightPx: number, opts: SvgToPdfOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const width = widthPx * 0.75
    const height = heightPx * 0.75
    const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: 'Scaling Lab figure', Creator: 'Scaling Lab' } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    try {
      const fontCallback = fontCallbackFor(doc, svg, opts.font)
      const hats = drawCombiningHats(svg)
      const text = fontCallback.registered ? standInText(hats, fontCallback.has ?? (() => true)) : standardFontText(hats)
      SVGtoPDF(doc, text, 0, 0, { width, height, assumePt: false, preserveAspectRatio: 'xMidYMid meet', fontCallback })
      doc.end()
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)))
    }
  })
}
