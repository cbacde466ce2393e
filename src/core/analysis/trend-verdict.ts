/**
 * The trend verdict from the order tests of trend-order-test.ts (McKenzie et al. 2023, arXiv 2306.09479;
 * Wei et al. 2022, arXiv 2211.02011), with its evidence in words: which test, its statistic and p-value, the
 * per-step differences in units of their errors (z_i = (y_{i+1} - y_i) / se(y_{i+1} - y_i)), and where the
 * errors came from or what was assumed. Rules (alpha = 1 - level, tol = smallest change that matters):
 *   turn p < alpha and both arms of the one-turn fit >= tol      u-shaped (score down, then up) / inverted-u
 *   best monotone change < tol and the linear change's interval within +-tol       flat
 *   trend p < alpha                                               positive / inverse
 *   otherwise                                                     insufficient
 */
import type { TrendShape, TrendStep, TrendTest } from '../../shared/api/analysis-results'
import type { EvalPoint, Interval, NoiseSource, SizePoint } from './types'
import { formatCount } from '../../shared/units-format'
import { selectCheckpoint } from './size-series'
import type { OrderTestResult } from './trend-order-test'

const fmt = (v: number): string => Number(v.toPrecision(3)).toString()
const pText = (p: number, sims: number): string => (p <= 1 / (1 + sims) + 1e-15 ? `p < ${fmt(2 / (1 + sims))}` : `p = ${fmt(p)}`)

/** Items behind each size's value (summed over the pooled evaluations), null when some evaluation does not say. */
export function itemCounts(group: readonly EvalPoint[], points: readonly SizePoint[], opts: { checkpoint?: number | 'final'; shots?: number }): (number | null)[] {
  let selected = selectCheckpoint(group, opts.checkpoint ?? 'final')
  if (opts.shots !== undefined) selected = selected.filter((p) => p.shots === opts.shots)
  return points.map((pt) => {
    const mine = selected.filter((p) => pt.models.includes(p.model) && p.params === pt.params)
    if (mine.length === 0 || mine.some((p) => p.n === undefined)) return null
    return mine.reduce((s, p) => s + (p.n as number), 0)
  })
}

/** Where the per-size errors came from, or what was assumed. */
export function describeErrors(noise: NoiseSource, points: readonly SizePoint[], sigma: number | null, items: number | null): string {
  if (noise === 'items') return `Errors: a paired bootstrap over the ${items ?? 'shared'} items every size answered.`
  if (noise === 'runs') return 'Errors: the spread of the runs pooled at each size (standard deviation / sqrt(runs)).'
  if (noise === 'stderr') return 'Errors: the standard errors given with the evaluations.'
  if (noise === 'binomial') return 'Errors: binomial sqrt(p (1 - p) / n) from each size\'s accuracy and item count n.'
  const missing = points.filter((p) => p.stderr === null).length
  const what = missing === points.length ? 'No size has a known error' : `${missing} of ${points.length} sizes have no known error`
  return sigma === null
    ? `${what}: equal errors at every size would be assumed and estimated from the scatter around a quadratic in log size, but the scatter is zero or there are fewer than 4 sizes.`
    : `${what}: equal errors at every size were assumed, estimated from the scatter around a quadratic in log size (sigma = ${fmt(sigma)}, ${points.length - 3} degree${points.length - 3 === 1 ? '' : 's'} of freedom).`
}

/** Consecutive differences with their errors: independent sizes, or the paired bootstrap's replicates. */
export function trendSteps(points: readonly SizePoint[], y: readonly number[], se: readonly number[], replicates: number[][] | null): TrendStep[] {
  const out: TrendStep[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const difference = y[i + 1] - y[i]
    let sd = Math.sqrt(se[i] ** 2 + se[i + 1] ** 2)
    if (replicates && replicates.length > 1) {
      const d = replicates.map((r) => r[i + 1] - r[i])
      const m = d.reduce((s, v) => s + v, 0) / d.length
      sd = Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / (d.length - 1))
    }
    out.push({ from: points[i].x, to: points[i + 1].x, difference, se: sd, z: sd > 0 ? difference / sd : 0 })
  }
  return out
}

interface VerdictContext {
  /** +1 when higher is better */
  dir: number
  tol: number
  level: number
  xs: readonly number[]
  /** interval of the linear change across the sizes (metric units) */
  totalIv: Interval
  steps: readonly TrendStep[]
  simulations: number
  seed: number
}

export interface TrendVerdict {
  shape: TrendShape
  reason: string
  test: TrendTest
}

export function decideTrend(t: OrderTestResult, c: VerdictContext): TrendVerdict {
  const alpha = 1 - c.level
  const n = c.xs.length
  // turn: the better one-turn fit, its extreme size and arms (metric units)
  const turnShape: 'u-shaped' | 'inverted-u' = t.chi2['u-shaped'] <= t.chi2['inverted-u'] ? 'u-shaped' : 'inverted-u'
  const fit = t.fits[turnShape]
  let at = 0
  for (let i = 1; i < n; i++) if (turnShape === 'u-shaped' ? fit[i] < fit[at] : fit[i] > fit[at]) at = i
  const arms = { before: c.dir * (fit[at] - fit[0]), after: c.dir * (fit[n - 1] - fit[at]) }
  // trend: the better monotone fit and its change (metric units)
  const direction: 'positive' | 'inverse' = t.chi2.positive <= t.chi2.inverse ? 'positive' : 'inverse'
  const mono = t.fits[direction]
  const change = c.dir * (mono[n - 1] - mono[0])
  const test: TrendTest = {
    method:
      'Order-restricted likelihood ratios on the score (higher is better), weights 1 / se^2: flat vs the better monotone fit (isotonic regression), ' +
      'and the better monotone fit vs the better one-turn fit (unimodal regression); p-values from a seeded parametric bootstrap under each null.',
    alpha,
    sigma: t.sigma,
    chi2: { flat: t.chi2.flat, positive: t.chi2.positive, inverse: t.chi2.inverse, u_shaped: t.chi2['u-shaped'], inverted_u: t.chi2['inverted-u'] },
    trend: { statistic: t.trend.statistic, p_value: t.trend.p_value, direction, change },
    turn: { statistic: t.turn.statistic, p_value: t.turn.p_value, shape: turnShape, at: c.xs[at], arms },
    simulations: c.simulations,
    seed: c.seed,
  }
  const zs = `Steps in units of their errors: ${c.steps.map((s) => (s.z >= 0 ? '+' : '') + fmt(s.z)).join(', ')}.`
  const evidence =
    `(monotone vs flat: LR = ${fmt(t.trend.statistic)}, ${pText(t.trend.p_value, c.simulations)}; ` +
    `one turn vs monotone: LR = ${fmt(t.turn.statistic)}, ${pText(t.turn.p_value, c.simulations)}). ${zs}`
  const turnSig = t.turn.p_value < alpha
  const material = Math.abs(arms.before) >= c.tol && Math.abs(arms.after) >= c.tol
  if (turnSig && material) {
    const words = turnShape === 'u-shaped' ? 'worsens up to' : 'improves up to'
    const after = turnShape === 'u-shaped' ? 'improves' : 'worsens'
    return {
      shape: turnShape,
      reason: `The task ${words} ${formatCount(c.xs[at])} (by ${fmt(Math.abs(arms.before))}) and ${after} after it (by ${fmt(Math.abs(arms.after))}); one turn fits better than any monotone trend ${evidence}`,
      test,
    }
  }
  const [lo, hi] = c.totalIv
  if (Math.abs(change) < c.tol && lo !== null && hi !== null && lo >= -c.tol && hi <= c.tol)
    return {
      shape: 'flat',
      reason: `The change across the sizes is below the tolerance ${fmt(c.tol)}: the best monotone fit changes by ${fmt(change)} and the linear change's interval is ${fmt(lo)} to ${fmt(hi)} ${evidence}`,
      test,
    }
  if (t.trend.p_value < alpha) {
    const smallTurn = turnSig ? ` A turn at ${formatCount(c.xs[at])} is significant but one of its arms is below the tolerance ${fmt(c.tol)}.` : ''
    return {
      shape: direction,
      reason: `The task ${direction === 'positive' ? 'improves' : 'worsens'} with scale (${direction === 'positive' ? 'standard' : 'inverse'} scaling): a monotone fit beats a flat one, change ${fmt(change)} ${evidence}${smallTurn}`,
      test,
    }
  }
  return {
    shape: 'insufficient',
    reason: `Neither a trend, a turn nor flatness is established: the differences between sizes are within their noise and the change's interval (${lo === null ? '-' : fmt(lo)} to ${hi === null ? '-' : fmt(hi)}) is wider than the tolerance ${fmt(c.tol)} ${evidence}`,
    test,
  }
}
