/**
 * The emergence scale: the smallest x at which the score first clears the baseline (chance, or the
 * smallest model when the metric has no chance level) by a margin, by default
 *   threshold_i = baseline + max(0.05, 2 se_i)
 * (0.05 in the metric's units: five points of accuracy), interpolated linearly in log10 x between the
 * last size below and the first size above. Wei et al. 2022 (arXiv 2206.07682) call an ability emergent
 * when performance is near random below such a scale and well above it beyond. The interval is a
 * percentile bootstrap (seeded): over items when per-example data exist, else over runs at each size,
 * else parametric from standard errors, else from the residuals of the chosen fit.
 */
import type { ScaleBootstrap } from '../../shared/api/analysis-results'
export type { ScaleBootstrap }
import type { Random } from '../random'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { quantileSorted } from '../numeric/stats'

export const DEFAULT_EMERGENCE_MARGIN = 0.05

export interface Crossing {
  /** log10 x of the crossing, or null when no size clears the threshold */
  u: number | null
  /** 'below': the smallest size already clears it (the scale is at most the smallest size); 'above': none does */
  censored: 'none' | 'below' | 'above'
  /** indices of the sizes bracketing the crossing */
  between: [number, number] | null
}

export function findCrossing(u: ArrayLike<number>, score: ArrayLike<number>, threshold: ArrayLike<number>): Crossing {
  for (let i = 0; i < u.length; i++) {
    const d = score[i] - threshold[i]
    if (d >= 0) {
      if (i === 0) return { u: u[0], censored: 'below', between: null }
      const dPrev = score[i - 1] - threshold[i - 1]
      const t = dPrev / (dPrev - d)
      return { u: u[i - 1] + t * (u[i] - u[i - 1]), censored: 'none', between: [i - 1, i] }
    }
  }
  return { u: null, censored: 'above', between: null }
}

/**
 * Percentile bootstrap of the crossing. `replicate(rng)` returns one resampled score per size (same order
 * as u). Replicates without a crossing count as +infinity.
 */
export function bootstrapCrossing(
  u: ArrayLike<number>,
  threshold: ArrayLike<number>,
  replicate: (rng: Random) => ArrayLike<number>,
  rng: Random,
  resamples: number,
  method: ScaleBootstrap['method'],
  level = 0.95,
  opts: ProgressOptions = {},
): ScaleBootstrap {
  const values = new Float64Array(resamples)
  let noCrossing = 0
  let belowRange = 0
  for (let b = 0; b < resamples; b++) {
    if ((b & 63) === 0) {
      throwIfCancelled(opts.signal)
      opts.onProgress?.(b / resamples, 'bootstrap of the emergence scale')
    }
    const c = findCrossing(u, replicate(rng), threshold)
    if (c.censored === 'above') noCrossing++
    if (c.censored === 'below') belowRange++
    values[b] = c.u ?? Infinity
  }
  values.sort()
  const q = (1 - level) / 2
  const lo = quantileSorted(values, q)
  const hi = quantileSorted(values, 1 - q)
  return {
    resamples,
    method,
    log_interval: [Number.isFinite(lo) ? lo : null, Number.isFinite(hi) ? hi : null],
    no_crossing: noCrossing,
    below_range: belowRange,
  }
}
