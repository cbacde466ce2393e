/**
 * Ordinary least squares by Householder QR (Golub & Van Loan, "Matrix Computations", 4th ed., Section 5.3):
 * minimise ||X beta - y||^2 without forming X'X. Used for log-log power laws (log y = intercept + slope log x),
 * IsoFLOP parabolas and the routed law of Clark et al. 2022.
 */
import { LabError } from '../../shared/errors'

export interface LeastSquaresResult {
  coefficients: number[]
  /** sum of squared residuals */
  sse: number
  /** coefficient of determination (1 - SSE / SST) */
  r2: number
}

/** rows: design matrix (n x p), y: n targets. Throws LabError when X has (numerically) dependent columns. */
export function solveLeastSquares(rows: readonly (readonly number[])[], y: readonly number[]): LeastSquaresResult {
  const n = rows.length
  const p = n > 0 ? rows[0].length : 0
  if (n < p || p === 0) throw new LabError('fit-too-few-points', `Least squares needs at least ${p} points for ${p} coefficients; got ${n}.`)
  // column-major copy
  const a = new Float64Array(n * p)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) a[j * n + i] = rows[i][j]
  const b = Float64Array.from(y)
  const colNorm = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    let s = 0
    for (let i = 0; i < n; i++) s += a[j * n + i] ** 2
    colNorm[j] = Math.sqrt(s)
  }
  const rdiag = new Float64Array(p)
  for (let k = 0; k < p; k++) {
    let norm = 0
    for (let i = k; i < n; i++) norm += a[k * n + i] ** 2
    norm = Math.sqrt(norm)
    if (!(norm > 1e-12 * Math.max(colNorm[k], 1e-300))) {
      throw new LabError('fit-degenerate', 'The fit is degenerate: the inputs do not vary enough to determine every coefficient.', {
        hint: 'Select runs that differ in size, data and compute.',
      })
    }
    const alpha = a[k * n + k] > 0 ? -norm : norm
    // v = x - alpha e1, stored in place
    a[k * n + k] -= alpha
    let vnorm2 = 0
    for (let i = k; i < n; i++) vnorm2 += a[k * n + i] ** 2
    for (let j = k + 1; j < p; j++) {
      let s = 0
      for (let i = k; i < n; i++) s += a[k * n + i] * a[j * n + i]
      const f = (2 * s) / vnorm2
      for (let i = k; i < n; i++) a[j * n + i] -= f * a[k * n + i]
    }
    let s = 0
    for (let i = k; i < n; i++) s += a[k * n + i] * b[i]
    const f = (2 * s) / vnorm2
    for (let i = k; i < n; i++) b[i] -= f * a[k * n + i]
    rdiag[k] = alpha
  }
  const coef = new Array<number>(p).fill(0)
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k]
    for (let j = k + 1; j < p; j++) s -= a[j * n + k] * coef[j]
    coef[k] = s / rdiag[k]
  }
  let sse = 0
  let mean = 0
  for (let i = 0; i < n; i++) mean += y[i]
  mean /= n
  let sst = 0
  for (let i = 0; i < n; i++) {
    let pred = 0
    for (let j = 0; j < p; j++) pred += rows[i][j] * coef[j]
    sse += (y[i] - pred) ** 2
    sst += (y[i] - mean) ** 2
  }
  return { coefficients: coef, sse, r2: sst > 0 ? 1 - sse / sst : 1 }
}

export interface LogLinearFit {
  /** y = k x^slope, i.e. log y = log k + slope log x */
  slope: number
  k: number
  logK: number
  r2: number
  /** standard error of the slope (NaN with 2 points) */
  slopeSe: number
}

/** Fit y = k x^slope by least squares on natural logs. */
export function fitLogLinear(x: readonly number[], y: readonly number[]): LogLinearFit {
  const n = x.length
  const lx = x.map(Math.log)
  const ly = y.map(Math.log)
  const r = solveLeastSquares(lx.map((v) => [1, v]), ly)
  const [logK, slope] = r.coefficients
  let mx = 0
  for (const v of lx) mx += v
  mx /= n
  let sxx = 0
  for (const v of lx) sxx += (v - mx) ** 2
  const slopeSe = n > 2 ? Math.sqrt(r.sse / (n - 2) / sxx) : NaN
  return { slope, k: Math.exp(logK), logK, r2: r.r2, slopeSe }
}
