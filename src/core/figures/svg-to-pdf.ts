/**
 * Vector PDF from an SVG figure (PDFKit with svg-to-pdfkit): text stays text and lines stay lines, so a
 * figure scales cleanly in a paper. The page is the figure's size in points (1 px = 0.75 pt at 96 dpi).
 * Text the PDF standard fonts cannot draw (Chinese labels, ≤, θ) is set in a system font found by
 * pdf-fonts.ts and embedded as a subset; without one, the standard fonts keep Latin text intact.
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
function fontCallbackFor(doc: InstanceType<typeof PDFDocument>, svg: string, choice: SystemFont | null | undefined): FontCallback {
  const needed = charsBeyondStandardFonts(svgText(svg))
  const font = needed.length === 0 ? null : choice === undefined ? findSystemFont(needed) : choice
  let registered = false
  if (font) {
    try {
      if (font.postscriptName) doc.registerFont(UNICODE_FONT, font.path, font.postscriptName)
      else doc.registerFont(UNICODE_FONT, font.path)
      // open it now: a broken font file falls back here, not in the middle of drawing
      doc.font(UNICODE_FONT)
      registered = true
    } catch {
      registered = false
    }
  }
  return (family, bold, italic, options) => {
    if (!registered) return standardFont(family ?? '', bold, italic)
    // one face: bold and italic are drawn faux (stroked / skewed) by svg-to-pdfkit
    options.fauxBold = bold
    options.fauxItalic = italic
    return UNICODE_FONT
  }
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
      SVGtoPDF(doc, svg, 0, 0, { width, height, assumePt: false, preserveAspectRatio: 'xMidYMid meet', fontCallback })
      doc.end()
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)))
    }
  })
}
