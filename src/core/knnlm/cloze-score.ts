/**
 * Scores a multiple-choice cloze with a language model: each option's log-likelihood as a continuation of the
 * prefix, log P(" word" | prefix) = sum over the option's tokens of log p(token | prefix, earlier option tokens),
 * then the options' probabilities normalised over the item (a softmax of the log-likelihoods), as
 * lm-evaluation-harness does for multiple-choice tasks (without length normalisation: every option is one word).
 */
import { logSumExp } from '../numeric/log-sum-exp'
import type { LoadedModel } from './loaded-model'
import type { ClozeItem } from './cloze-items'

/** log P(continuation | prefix) under the model, one forward pass per continuation token. */
export function continuationLogLikelihood(model: LoadedModel, prefixIds: readonly number[], continuationIds: readonly number[]): number {
  let total = 0
  const ids = [...prefixIds]
  for (const id of continuationIds) {
    total += model.nextToken(ids).logProbs[id]!
    ids.push(id)
  }
  return total
}

/** Each option's probability, normalised over the item's options. */
export function scoreClozeItem(model: LoadedModel, item: ClozeItem): number[] {
  const tok = model.tokenizer
  const prefixIds = tok.encode(item.prefix).slice(-model.config.context)
  const ll = item.options.map((w) => continuationLogLikelihood(model, prefixIds, tok.encode(` ${w}`)))
  const z = logSumExp(ll)
  return ll.map((l) => Math.exp(l - z))
}
