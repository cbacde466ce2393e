/**
 * What a metric's name says about it: whether higher is better, whether it is continuous (no chance
 * level: log-likelihood, Brier score ...) and whether it is a proportion. The chance level itself, with its
 * source, is resolved in emergence-chance.ts.
 */
import type { EvalPoint } from './types'

const LOWER_IS_BETTER = /(loss|brier|nll|perplexity|ppl|edit[_ ]?distance|error|ece|bpb|bits[_ ]per|wer|cer)/i
const CONTINUOUS = /(loss|brier|nll|perplexity|ppl|likelihood|logprob|log_prob|edit[_ ]?distance|bpb|bits[_ ]per|ece|entropy)/i

/** Higher is better unless the name says loss, Brier, NLL, perplexity, error, edit distance ... */
export function metricHigherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.test(metric)
}

/** True for continuous metrics, which have no chance level. */
export function metricIsContinuous(metric: string): boolean {
  return CONTINUOUS.test(metric)
}

/** True when the metric is a proportion (accuracy-like): values in [0, 1], higher is better, not continuous. */
export function metricIsProportion(points: readonly EvalPoint[], metric: string): boolean {
  return !metricIsContinuous(metric) && metricHigherIsBetter(metric) && points.every((p) => p.value >= 0 && p.value <= 1)
}
