/**
 * Three candidate shapes of a task score s against u = log10(x) (x = parameters, tokens or FLOPs):
 *   flat      s = c
 *   linear    s = a + b u                                   (smooth improvement in log scale)
 *   logistic  s = floor + h / (1 + exp(-k (u - u0)))        (a jump: near chance, then a rise; Wei et al.
 *             2022, arXiv 2206.07682), floor = chance when known, ceiling floor + h free (<= the metric's
 *             maximum), 0 <= k <= 60 per decade.
 * Least squares; the logistic is fitted by variable projection (h, and the floor when it is free, solved
 * exactly for each (k, u0); (k, u0) by grid + Nelder-Mead). Compared by AIC = n ln(RSS/n) + 2(p+1),
 * BIC = n ln(RSS/n) + (p+1) ln n and the leave-one-size-out mean squared error.
 * Scores are oriented so that higher is better (the caller negates lower-is-better metrics).
 */
import { gridThenNelderMead } from './nelder-mead'
import { mean, sampleSd } from '../numeric/stats'

export const LOGISTIC_MAX_SLOPE = 60

export interface CurveFit {
  name: 'flat' | 'linear' | 'logistic'
  k: number
  rss: number
  /** parameters in score units (u = log10 x) */
  params: Record<string, number>
  predict: (u: number) => number
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))

function rssOf(u: ArrayLike<number>, s: ArrayLike<number>, f: (u: number) => number): number {
  let r = 0
  for (let i = 0; i < u.length; i++) r += (s[i] - f(u[i])) ** 2
  return r
}

export function fitFlat(u: ArrayLike<number>, s: ArrayLike<number>): CurveFit {
  const c = mean(s)
  return { name: 'flat', k: 1, rss: rssOf(u, s, () => c), params: { level: c }, predict: () => c }
}

export function fitLinear(u: ArrayLike<number>, s: ArrayLike<number>): CurveFit {
  const mu = mean(u)
  const ms = mean(s)
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < u.length; i++) {
    sxy += (u[i] - mu) * (s[i] - ms)
    sxx += (u[i] - mu) ** 2
  }
  const b = sxx > 0 ? sxy / sxx : 0
  const a = ms - b * mu
  const predict = (x: number): number => a + b * x
  return { name: 'linear', k: 2, rss: rssOf(u, s, predict), params: { intercept: a, slope: b }, predict }
}

export interface LogisticOptions {
  /** fixed floor (chance, in score units); free when undefined */
  floor?: number
  /** largest possible score (e.g. 1 for accuracy) */
  ceilingMax?: number
}

/** Best (floor, h) for fixed (k, u0): closed form, h >= 0, floor + h <= ceilingMax. */
function projectLinear(u: ArrayLike<number>, s: ArrayLike<number>, k: number, u0: number, opts: LogisticOptions): { floor: number; h: number; rss: number } {
  const n = u.length
  const sig = new Float64Array(n)
  for (let i = 0; i < n; i++) sig[i] = sigmoid(k * (u[i] - u0))
  const cap = opts.ceilingMax ?? Infinity
  if (opts.floor !== undefined) {
    const floor = opts.floor
    let num = 0
    let den = 0
    for (let i = 0; i < n; i++) {
      num += sig[i] * (s[i] - floor)
      den += sig[i] * sig[i]
    }
    const h = Math.min(Math.max(den > 0 ? num / den : 0, 0), Math.max(0, cap - floor))
    let rss = 0
    for (let i = 0; i < n; i++) rss += (s[i] - floor - h * sig[i]) ** 2
    return { floor, h, rss }
  }
  // unconstrained 2x2 normal equations for (floor, h), then h >= 0
  let sx = 0
  let sxx = 0
  let sy = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    sx += sig[i]
    sxx += sig[i] * sig[i]
    sy += s[i]
    sxy += sig[i] * s[i]
  }
  const det = n * sxx - sx * sx
  let h = det > 1e-12 * n * n ? (n * sxy - sx * sy) / det : 0
  if (h < 0) h = 0
  let floor = (sy - h * sx) / n
  if (floor + h > cap) {
    // ceiling bound active: s - cap = floor' (1 - sig) with floor' = floor, h = cap - floor
    let num = 0
    let den = 0
    for (let i = 0; i < n; i++) {
      num += (1 - sig[i]) * (s[i] - cap * sig[i])
      den += (1 - sig[i]) ** 2
    }
    floor = den > 0 ? num / den : cap
    h = Math.max(0, cap - floor)
  }
  let rss = 0
  for (let i = 0; i < n; i++) rss += (s[i] - floor - h * sig[i]) ** 2
  return { floor, h, rss }
}

export function fitLogistic(u: ArrayLike<number>, s: ArrayLike<number>, opts: LogisticOptions = {}): CurveFit {
  const us = Array.from(u)
  const lo = Math.min(...us)
  const hi = Math.max(...us)
  const span = Math.max(hi - lo, 1e-6)
  const sorted = [...new Set(us)].sort((a, b) => a - b)
  const centres = new Set<number>([lo - 0.25 * span, hi + 0.25 * span])
  for (let i = 0; i < sorted.length; i++) {
    centres.add(sorted[i])
    if (i + 1 < sorted.length) centres.add(0.5 * (sorted[i] + sorted[i + 1]))
  }
  const lower = [0, lo - span]
  const upper = [LOGISTIC_MAX_SLOPE, hi + span]
  const objective = (p: number[]): number => projectLinear(u, s, p[0], p[1], opts).rss
  const best = gridThenNelderMead(objective, [[0.5 / span, 2 / span, 6 / span, 20, LOGISTIC_MAX_SLOPE].map((k) => Math.min(k, LOGISTIC_MAX_SLOPE)), [...centres]], {
    lower,
    upper,
    step: [1 / span, 0.1 * span],
    polish: 3,
    maxIterations: 300,
    tolerance: 1e-12,
  })
  const [k, u0] = best.x
  const { floor, h, rss } = projectLinear(u, s, k, u0, opts)
  const predict = (x: number): number => floor + h * sigmoid(k * (x - u0))
  return {
    name: 'logistic',
    k: opts.floor !== undefined ? 3 : 4,
    rss,
    params: { floor, ceiling: floor + h, slope: k, midpoint: u0 },
    predict,
  }
}

export interface Criteria {
  aic: number
  bic: number
}

/** Gaussian AIC / BIC with the noise variance profiled out; the RSS is floored so a perfect fit stays finite. */
export function informationCriteria(rss: number, n: number, k: number, scoreSpread: number): Criteria {
  const floorVar = (1e-9 + 1e-6 * scoreSpread) ** 2
  const ll = n * Math.log(Math.max(rss / n, floorVar))
  return { aic: ll + 2 * (k + 1), bic: ll + (k + 1) * Math.log(n) }
}

/** Leave-one-size-out mean squared error of a fitting procedure; null with fewer than 4 sizes. */
export function leaveOneSizeOut(u: ArrayLike<number>, s: ArrayLike<number>, fit: (u: number[], s: number[]) => CurveFit): number | null {
  const n = u.length
  if (n < 4) return null
  let sse = 0
  for (let i = 0; i < n; i++) {
    const uu: number[] = []
    const ss: number[] = []
    for (let j = 0; j < n; j++)
      if (j !== i) {
        uu.push(u[j])
        ss.push(s[j])
      }
    const f = fit(uu, ss)
    sse += (s[i] - f.predict(u[i])) ** 2
  }
  return sse / n
}

export function spreadOf(s: ArrayLike<number>): number {
  return sampleSd(s)
}
