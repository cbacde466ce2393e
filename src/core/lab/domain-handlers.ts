/**
 * The handlers of each domain (fits, analyses, kNN-LM, corpus, figures), each group in its own file.
 * A domain adds its channels in src/shared/api/<domain>.ts and one spread here.
 */
import type { LabHandlers } from '../../shared/api'
import type { LabContext } from './lab-context'
import { knnlmHandlers } from './knnlm-handlers'
import { figureHandlers } from './figure-handlers'
import { corpusHandlers } from './corpus-handlers'
import { analysisHandlers } from './analysis-handlers'
import { fitHandlers } from './fit-handlers'

export function domainHandlers(ctx: LabContext): Partial<LabHandlers> {
  return {
    ...knnlmHandlers(ctx),
    ...figureHandlers(ctx),
    ...corpusHandlers(ctx),
    ...analysisHandlers(ctx),
    ...fitHandlers(ctx),
  }
}
