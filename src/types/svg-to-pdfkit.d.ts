// svg-to-pdfkit ships no types: the one function the figure export uses.
declare module 'svg-to-pdfkit' {
  import type PDFDocument from 'pdfkit'
  export default function SVGtoPDF(
    doc: PDFDocument,
    svg: string,
    x?: number,
    y?: number,
    options?: { width?: number; height?: number; preserveAspectRatio?: string; assumePt?: boolean; useCSS?: boolean; fontCallback?: unknown },
  ): void
}
