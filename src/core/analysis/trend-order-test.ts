/**
 * Order-restricted likelihood-ratio tests of a trend across model sizes (Robertson, Wright & Dykstra 1988,
 * "Order Restricted Statistical Inference"; Stout 2008, "Unimodal regression via prefix isotonic regression";
 * McKenzie et al. 2023, arXiv 2306.09479, judged inverse scaling on four sizes). Sizes in increasing order,
 * score s_i (the metric oriented so that higher is better), weights w_i = 1 / se_i^2. Five least-squares fits:
 *   flat        s_i = mean_w(s)
 *   positive    non-decreasing (isotonic regression, weighted pool-adjacent-violators)
 *   inverse     non-increasing
 *   inverted-u  non-decreasing up to some size, non-increasing after it (unimodal regression: the best
 *               split k of an increasing fit on sizes 1..k and a decreasing fit on k+1..n)
 *   u-shaped    non-increasing, then non-decreasing
 * with chi^2(fit) = sum_i w_i (s_i - fit_i)^2. Statistics (each >= 0, chi-bar-squared under its null):
 *   trend  T = chi^2(flat) - min(chi^2(positive), chi^2(inverse))            null: flat
 *   turn   T = min(chi^2(positive), chi^2(inverse)) - min(chi^2(u), chi^2(inverted-u))   null: monotone
 * p-values by a seeded parametric bootstrap of the statistic under the null's fitted curve (flat: the weighted
 * mean; monotone: the better monotone fit) with the same errors: p = (1 + #{T* >= T}) / (1 + B).
 * Without known errors, equal errors are assumed and estimated from the scatter around a quadratic in log size,
 * sigma^2 = RSS / (n - 3), re-estimated in every bootstrap draw (so the test accounts for that estimate).
 * The per-step differences d_i = y_{i+1} - y_i in units of their errors, z_i = d_i / sqrt(se_i^2 + se_{i+1}^2)
 * (or the paired bootstrap's standard error of d_i), are reported as evidence beside the test.
 */
import type { Random } from '../random'
import { polynomialDesign, weightedLeastSquares } from '../numeric/least-squares'

export type OrderFit = 'flat' | 'positive' | 'inverse' | 'u-shaped' | 'inverted-u'

/** Weighted isotonic (non-decreasing) regression by pool-adjacent-violators; returns the fitted values. */
export function isotonic(y: ArrayLike<number>, w: ArrayLike<number>, from = 0, to = y.length): number[] {
  const value: number[] = []
  const weight: number[] = []
  const size: number[] = []
  for (let i = from; i < to; i++) {
    value.push(y[i])
    weight.push(w[i])
    size.push(1)
    while (value.length > 1 && value[value.length - 2] > value[value.length - 1]) {
      const b = value.length - 1
      const ww = weight[b - 1] + weight[b]
      value[b - 1] = (weight[b - 1] * value[b - 1] + weight[b] * value[b]) / ww
      weight[b - 1] = ww
      size[b - 1] += size[b]
      value.pop()
      weight.pop()
      size.pop()
    }
  }
  const out: number[] = []
  value.forEach((v, b) => {
    for (let k = 0; k < size[b]; k++) out.push(v)
  })
  return out
}

function chi2(y: ArrayLike<number>, w: ArrayLike<number>, fit: ArrayLike<number>, from = 0): number {
  let s = 0
  for (let i = 0; i < fit.length; i++) s += w[from + i] * (y[from + i] - fit[i]) ** 2
  return s
}

const negate = (a: ArrayLike<number>): number[] => Array.from(a, (v) => -v)

/** Non-increasing fit: minus the isotonic fit of minus y. */
function antitonic(y: ArrayLike<number>, w: ArrayLike<number>, from = 0, to = y.length): number[] {
  return negate(isotonic(negate(y), w, from, to))
}

/** Unimodal (up, then down) regression: the best split of an increasing prefix and a decreasing suffix. */
export function unimodal(y: ArrayLike<number>, w: ArrayLike<number>): number[] {
  const n = y.length
  let best: number[] = []
  let bestChi = Infinity
  for (let k = 0; k <= n; k++) {
    const fit = [...isotonic(y, w, 0, k), ...antitonic(y, w, k, n)]
    const c = chi2(y, w, fit)
    if (c < bestChi - 1e-15) {
      bestChi = c
      best = fit
    }
  }
  return best
}

export interface OrderFits {
  fits: Record<OrderFit, number[]>
  chi2: Record<OrderFit, number>
}

export function orderFits(s: ArrayLike<number>, w: ArrayLike<number>): OrderFits {
  let sw = 0
  let swy = 0
  for (let i = 0; i < s.length; i++) {
    sw += w[i]
    swy += w[i] * s[i]
  }
  const fits: Record<OrderFit, number[]> = {
    flat: Array.from(s, () => swy / sw),
    positive: isotonic(s, w),
    inverse: antitonic(s, w),
    'inverted-u': unimodal(s, w),
    'u-shaped': negate(unimodal(negate(s), w)),
  }
  const c = {} as Record<OrderFit, number>
  for (const k of Object.keys(fits) as OrderFit[]) c[k] = chi2(s, w, fits[k])
  return { fits, chi2: c }
}

/**
 * chi^2 of the isotonic fit of every prefix a[0..k), k = 0..n, without building the fits: for pooled blocks
 * with weight W_b and weighted sum S_b, chi^2 = sum w a^2 - sum_b S_b^2 / W_b (one PAVA pass, amortised O(n)).
 */
function prefixIsotonicChi2(a: ArrayLike<number>, w: ArrayLike<number>, out: Float64Array, bw: Float64Array, bs: Float64Array): void {
  let blocks = 0
  let q = 0
  let explained = 0
  out[0] = 0
  for (let i = 0; i < a.length; i++) {
    q += w[i] * a[i] * a[i]
    bw[blocks] = w[i]
    bs[blocks] = w[i] * a[i]
    explained += (bs[blocks] * bs[blocks]) / bw[blocks]
    blocks++
    while (blocks > 1 && bs[blocks - 2] / bw[blocks - 2] > bs[blocks - 1] / bw[blocks - 1]) {
      const x = blocks - 2
      const y = blocks - 1
      explained -= (bs[x] * bs[x]) / bw[x] + (bs[y] * bs[y]) / bw[y]
      bw[x] += bw[y]
      bs[x] += bs[y]
      explained += (bs[x] * bs[x]) / bw[x]
      blocks--
    }
    out[i + 1] = Math.max(0, q - explained)
  }
}

interface Workspace {
  neg: Float64Array
  rev: Float64Array
  revNeg: Float64Array
  wRev: Float64Array
  bw: Float64Array
  bs: Float64Array
  inc: Float64Array
  dec: Float64Array
  sufDec: Float64Array
  sufInc: Float64Array
}

function workspace(n: number): Workspace {
  const v = (): Float64Array => new Float64Array(n)
  const p = (): Float64Array => new Float64Array(n + 1)
  return { neg: v(), rev: v(), revNeg: v(), wRev: v(), bw: v(), bs: v(), inc: p(), dec: p(), sufDec: p(), sufInc: p() }
}

/** The five chi^2 values only (the bootstrap's inner loop): four prefix passes, then the best split. */
export function orderChi2(s: ArrayLike<number>, w: ArrayLike<number>, ws: Workspace = workspace(s.length)): Record<OrderFit, number> {
  const n = s.length
  const { neg, rev, revNeg, wRev, bw, bs, inc, dec, sufDec, sufInc } = ws
  let sw = 0
  let swy = 0
  let q = 0
  for (let i = 0; i < n; i++) {
    neg[i] = -s[i]
    rev[i] = s[n - 1 - i]
    revNeg[i] = -s[n - 1 - i]
    wRev[i] = w[n - 1 - i]
    sw += w[i]
    swy += w[i] * s[i]
    q += w[i] * s[i] * s[i]
  }
  prefixIsotonicChi2(s, w, inc, bw, bs)
  prefixIsotonicChi2(neg, w, dec, bw, bs)
  prefixIsotonicChi2(rev, wRev, sufDec, bw, bs)
  prefixIsotonicChi2(revNeg, wRev, sufInc, bw, bs)
  let cap = Infinity
  let cup = Infinity
  for (let k = 0; k <= n; k++) {
    cap = Math.min(cap, inc[k] + sufDec[n - k])
    cup = Math.min(cup, dec[k] + sufInc[n - k])
  }
  return { flat: Math.max(0, q - (swy * swy) / sw), positive: inc[n], inverse: dec[n], 'inverted-u': cap, 'u-shaped': cup }
}

export function trendStatistic(c: Record<OrderFit, number>): number {
  return Math.max(0, c.flat - Math.min(c.positive, c.inverse))
}

export function turnStatistic(c: Record<OrderFit, number>): number {
  return Math.max(0, Math.min(c.positive, c.inverse) - Math.min(c['u-shaped'], c['inverted-u']))
}

/** Common error of every size when none is known: sqrt(RSS / (n - 3)) of a quadratic in u (null if n < 4 or RSS = 0). */
export function scatterSigma(u: readonly number[], y: ArrayLike<number>): number | null {
  if (u.length < 4) return null
  const fit = weightedLeastSquares(polynomialDesign(u, 2), y)
  if (!fit || !(fit.rss > 0)) return null
  return Math.sqrt(fit.rss / (u.length - 3))
}

export interface OrderTestInput {
  /** centred log10 sizes, increasing */
  u: readonly number[]
  /** score: higher is better */
  s: readonly number[]
  /** standard errors per size, or null to estimate one common error from the scatter */
  se: readonly number[] | null
  simulations: number
  rng: Random
}

export interface OrderTestResult {
  /** the standard errors used (given, or the common estimate) */
  se: number[]
  /** the common error estimated from the scatter (null when errors were given) */
  sigma: number | null
  fits: Record<OrderFit, number[]>
  chi2: Record<OrderFit, number>
  trend: { statistic: number; p_value: number }
  turn: { statistic: number; p_value: number }
}

/** Both tests with their parametric-bootstrap p-values; null when the errors cannot be known or estimated. */
export function orderTest(input: OrderTestInput): OrderTestResult | null {
  const { u, s, simulations, rng } = input
  const n = s.length
  let sigma: number | null = null
  let se: number[]
  if (input.se) se = [...input.se]
  else {
    sigma = scatterSigma(u, s)
    if (sigma === null) return null
    se = Array(n).fill(sigma)
  }
  const weights = (e: readonly number[]): number[] => e.map((v) => 1 / v ** 2)
  const w = weights(se)
  const observed = orderFits(s, w)
  const trendT = trendStatistic(observed.chi2)
  const turnT = turnStatistic(observed.chi2)
  const monotone = observed.chi2.positive <= observed.chi2.inverse ? observed.fits.positive : observed.fits.inverse
  const ws = workspace(n)
  const y = new Float64Array(n)
  const equal = new Float64Array(n)
  const draw = (centre: readonly number[], stat: (c: Record<OrderFit, number>) => number): number => {
    for (let i = 0; i < n; i++) y[i] = centre[i] + se[i] * rng.normal()
    let ww: ArrayLike<number> = w
    if (sigma !== null) {
      const sd = scatterSigma(u, y)
      if (sd === null) return 0
      ww = equal.fill(1 / sd ** 2)
    }
    return stat(orderChi2(y, ww, ws))
  }
  let trendHits = 0
  let turnHits = 0
  const tol = 1e-9
  // a statistic of 0 is matched by every draw (p = 1): no draws needed
  const trendDraws = trendT > tol ? simulations : 0
  const turnDraws = turnT > tol ? simulations : 0
  for (let b = 0; b < trendDraws; b++) if (draw(observed.fits.flat, trendStatistic) >= trendT - tol) trendHits++
  for (let b = 0; b < turnDraws; b++) if (draw(monotone, turnStatistic) >= turnT - tol) turnHits++
  if (trendDraws === 0) trendHits = simulations
  if (turnDraws === 0) turnHits = simulations
  return {
    se,
    sigma,
    fits: observed.fits,
    chi2: observed.chi2,
    trend: { statistic: trendT, p_value: (1 + trendHits) / (1 + simulations) },
    turn: { statistic: turnT, p_value: (1 + turnHits) / (1 + simulations) },
  }
}
