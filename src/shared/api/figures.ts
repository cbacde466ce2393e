/** Figure export that needs the engine: a vector PDF (or a PNG) made from the SVG a view rendered. */
import { z } from 'zod'
import { channel } from './channel'
import { LAWS, PRESET_NAMES } from './fit'

export const FIGURE_VIEWS = ['scaling', 'isoflop', 'compute'] as const
export type FigureView = (typeof FIGURE_VIEWS)[number]
const id = z.number().int().positive()

export const figureChannels = {
  exportFigure: channel<{ base64: string; mime: string }>()(
    z
      .object({
        svg: z.string().min(20).max(50_000_000),
        format: z.enum(['pdf', 'png']),
        width: z.number().positive().max(20000),
        height: z.number().positive().max(20000),
        pixelRatio: z.number().min(0.5).max(8).optional(),
        background: z.string().max(40).optional(),
      })
      .strict(),
  ),
  /**
   * The Scaling, IsoFLOP or Compute view's chart built headless from the catalog (the views' own option builders)
   * and rendered as SVG, PNG or PDF (`scaling-lab figure`); the bytes come back as base64.
   */
  renderFigure: channel<{ base64: string; mime: string; format: 'svg' | 'png' | 'pdf'; width: number; height: number }>()(
    z
      .object({
        view: z.enum(FIGURE_VIEWS),
        format: z.enum(['svg', 'png', 'pdf']),
        projectId: id.optional(),
        fitId: id.optional(),
        runIds: z.array(id).max(100000).optional(),
        excluded: z.array(id).max(100000).optional(),
        law: z.enum(LAWS).optional(),
        isoflopTolerance: z.number().positive().max(1).optional(),
        x: z.enum(['params', 'tokens', 'flops']).default('flops'),
        theme: z.enum(['light', 'dark']).default('light'),
        presets: z.array(z.enum(PRESET_NAMES)).max(10).optional(),
        budget: z.number().positive().finite().optional(),
        width: z.number().int().min(200).max(8000).default(900),
        height: z.number().int().min(150).max(8000).default(560),
        pixelRatio: z.number().min(0.5).max(8).default(2),
      })
      .strict(),
  ),
}
