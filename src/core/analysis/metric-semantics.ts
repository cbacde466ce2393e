/**
 * What a metric's name says about it: whether higher is better, and the task's chance level
 * (1 / choices for multiple choice; 0 for exact-match or generation accuracy, as in Wei et al. 2022,
 * arXiv 2206.07682; none for continuous metrics such as log-likelihood or Brier score).
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

/**
 * Chance level: the caller's value; else 1 / choices when every point gives the same choices; else 0 for
 * accuracy-like metrics whose values lie in [0, 1]; else undefined (continuous metrics).
 */
export function chanceLevel(points: readonly EvalPoint[], metric: string, given?: number): number | undefined {
  if (given !== undefined) return given
  const choices = new Set(points.map((p) => p.choices))
  if (choices.size === 1) {
    const c = points[0]?.choices
    if (c !== undefined) return 1 / c
  }
  if (metricIsContinuous(metric) || !metricHigherIsBetter(metric)) return undefined
  if (points.every((p) => p.value >= 0 && p.value <= 1)) return 0
  return undefined
}

/** True when the metric is a proportion (accuracy-like): values in [0, 1], higher is better, not continuous. */
export function metricIsProportion(points: readonly EvalPoint[], metric: string): boolean {
  return !metricIsContinuous(metric) && metricHigherIsBetter(metric) && points.every((p) => p.value >= 0 && p.value <= 1)
}
