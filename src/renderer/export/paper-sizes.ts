/**
 * Figure sizes for papers: a single column is 3.25 in wide and a double column 6.75 in (the two-column
 * formats of ACL, ICML and NeurIPS camera-ready templates are close to these). CSS has 96 px per inch and
 * PDF 72 pt per inch.
 */
export const PAPER_WIDTHS_IN = { single: 3.25, double: 6.75 } as const
export type PaperWidth = keyof typeof PAPER_WIDTHS_IN | 'screen'

export const CSS_PX_PER_IN = 96
export const PDF_PT_PER_IN = 72

export interface FigureSize {
  /** CSS pixels the chart is laid out in */
  width: number
  height: number
}

/** Layout size for an export: paper width in inches times 96 px, height from the aspect ratio (height / width). */
export function figureSize(paper: PaperWidth, aspect: number, screen: FigureSize): FigureSize {
  if (!(aspect > 0.1 && aspect < 10)) throw new Error(`aspect ratio must be between 0.1 and 10, got ${aspect}`)
  if (paper === 'screen') return { width: Math.round(screen.width), height: Math.round(screen.width * aspect) }
  const width = Math.round(PAPER_WIDTHS_IN[paper] * CSS_PX_PER_IN)
  return { width, height: Math.round(width * aspect) }
}

export function pxToPt(px: number): number {
  return (px / CSS_PX_PER_IN) * PDF_PT_PER_IN
}
