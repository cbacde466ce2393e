/**
 * Vector PDF from an SVG figure (PDFKit with svg-to-pdfkit): text stays text and lines stay lines, so a
 * figure scales cleanly in a paper. The page is the figure's size in points (1 px = 0.75 pt at 96 dpi).
 */
import PDFDocument from 'pdfkit'
import SVGtoPDF from 'svg-to-pdfkit'

export function svgToPdf(svg: string, widthPx: number, heightPx: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const width = widthPx * 0.75
    const height = heightPx * 0.75
    const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: 'Scaling Lab figure', Creator: 'Scaling Lab' } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    try {
      SVGtoPDF(doc, svg, 0, 0, { width, height, assumePt: false, preserveAspectRatio: 'xMidYMid meet' })
      doc.end()
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)))
    }
  })
}
