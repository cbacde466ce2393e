/**
 * The handlers of each domain (fits, analyses, kNN-LM, corpus, figures), each group in its own file.
 * A domain adds its channels in src/shared/api/<domain>.ts and one spread here.
 */
import type { LabHandlers } from '../../shared/api'
import type { LabContext } from './lab-context'
import { figureHandlers } from './figure-handlers'

export function domainHandlers(ctx: LabContext): Partial<LabHandlers> {
  return {
    ...figureHandlers(ctx),
  }
}
