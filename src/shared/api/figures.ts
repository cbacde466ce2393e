/** Figure export that needs the engine: a vector PDF (or a PNG) made from the SVG a view rendered. */
import { z } from 'zod'
import { channel } from './channel'

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
}
