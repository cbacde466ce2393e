/**
 * exportFigure: SVG from a view -> vector PDF or PNG, returned as base64 for the renderer to save. PDFKit or resvg
 * loads with the first export in its format.
 */
import type { LabHandlers } from '../../shared/api'
import { LabError } from '../../shared/errors'
import type { LabContext } from './lab-context'
import { buildFigureOption, renderFigure } from '../figures/figure-command'

const MIME = { svg: 'image/svg+xml', png: 'image/png', pdf: 'application/pdf' } as const

export function figureHandlers(ctx: LabContext): Pick<LabHandlers, 'exportFigure' | 'renderFigure'> {
  return {
    renderFigure: async ({ format, width, height, pixelRatio, theme, ...req }) => {
      const option = buildFigureOption(ctx.catalog, { ...req, theme, size: { width, height } })
      const data = await renderFigure(option, format, { width, height, theme, pixelRatio })
      return { base64: (typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64'), mime: MIME[format], format, width, height }
    },
    exportFigure: async ({ svg, format, width, height, pixelRatio, background }) => {
      if (!svg.trimStart().startsWith('<svg') && !svg.trimStart().startsWith('<?xml')) throw new LabError('bad-request', 'exportFigure needs an SVG document.')
      if (format === 'pdf') {
        const { svgToPdf } = await import('../figures/svg-to-pdf')
        return { base64: (await svgToPdf(svg, width, height)).toString('base64'), mime: 'application/pdf' }
      }
      const { svgToPng } = await import('../figures/svg-to-png')
      return { base64: svgToPng(svg, width, pixelRatio ?? 2, background ?? '#ffffff').toString('base64'), mime: 'image/png' }
    },
  }
}
