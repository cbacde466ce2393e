/**
 * Metric roles: which of a project's metrics can be its loss, and which one counts when the user has not chosen.
 * Names are compared with case and separators ignored ("eval/loss", "Eval Loss" and "eval_loss" are one name).
 * Loss-like: `loss` alone, or `loss` after one qualifier naming the split or objective (final, val, valid,
 * validation, eval, evaluation, test, train, training, lm). Other "...loss" names (aux_loss, z_loss, router
 * loss of mixtures of experts) are not the language-model loss and are not offered.
 *
 * Preference when the project has not chosen (first match wins):
 *   1. loss                       the project's own plain name
 *   2. final loss                 a runs table's summary of the finished run
 *   3. val / valid / validation / eval / evaluation / test loss    held-out loss, what scaling laws are fitted to
 *      (Kaplan et al. 2020 fit test loss; Hoffmann et al. 2022 final held-out loss)
 *   4. lm loss
 *   5. train / training loss      the training objective, last: it can sit below the held-out loss
 * Ties inside a rank (two spellings of the same rank) go to the alphabetically first name.
 */
import type { LossMetricInfo } from '../../shared/api/catalog'

const QUALIFIER_RANK: Record<string, number> = {
  '': 1,
  final: 2,
  val: 3,
  valid: 3,
  validation: 3,
  eval: 3,
  evaluation: 3,
  test: 3,
  lm: 4,
  train: 5,
  training: 5,
}

/** "Eval/Loss" -> "eval loss" */
export function normalizeMetricName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .split(/[\s_/\-.:]+/)
    .filter(Boolean)
    .join(' ')
}

/** 1 (most preferred) .. 5 for a loss-like name, undefined for any other metric. */
export function lossRank(name: string): number | undefined {
  const words = normalizeMetricName(name).split(' ')
  if (words[words.length - 1] !== 'loss' || words.length > 2) return undefined
  return QUALIFIER_RANK[words.length === 1 ? '' : words[0]]
}

export function isLossLike(name: string): boolean {
  return lossRank(name) !== undefined
}

/** The loss-like names among `metrics`, most preferred first. */
export function lossCandidates(metrics: readonly string[]): string[] {
  return metrics
    .filter(isLossLike)
    .sort((a, b) => (lossRank(a) as number) - (lossRank(b) as number) || (a < b ? -1 : a > b ? 1 : 0))
}

export type LossMetricChoice = LossMetricInfo

/** The project's loss: the chosen metric when there is one, else the preferred loss-like name. */
export function chooseLossMetric(metrics: readonly string[], chosen: string | null): LossMetricChoice {
  const sorted = [...new Set(metrics)].sort()
  const candidates = lossCandidates(sorted)
  if (chosen !== null) {
    const present = sorted.includes(chosen)
    return {
      metric: chosen,
      source: 'project',
      candidates,
      metrics: sorted,
      note: present
        ? `loss = "${chosen}", chosen for this project.`
        : `loss = "${chosen}", chosen for this project, but no run of the project records it${candidates.length ? ` (loss-like metrics here: ${candidates.map((c) => `"${c}"`).join(', ')})` : ''}.`,
    }
  }
  if (candidates.length === 0) {
    return { metric: null, source: 'none', candidates, metrics: sorted, note: `No metric of this project looks like a loss${sorted.length ? ` (metrics: ${sorted.slice(0, 8).map((m) => `"${m}"`).join(', ')}${sorted.length > 8 ? ', ...' : ''})` : ''}; choose which one is the loss.` }
  }
  const [first, ...others] = candidates
  return {
    metric: first,
    source: 'preference',
    candidates,
    metrics: sorted,
    note: others.length
      ? `loss = "${first}": not chosen for this project, picked by the preference order (plain, final, held-out, lm, then train loss) over ${others.map((c) => `"${c}"`).join(', ')}.`
      : `loss = "${first}": not chosen for this project, the only loss-like metric.`,
  }
}
