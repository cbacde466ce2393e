/**
 * Linear least squares by Householder QR (Golub & Van Loan, "Matrix Computations", 4th ed., Section 5.3):
 *   X = QR,  beta = R^-1 (Q^T y)_{1..p},  minimising ||X beta - y||^2 without forming X^T X.
 * Weighted: rows and targets scaled by sqrt(w_i), so beta = (X^T W X)^-1 X^T W y and
 *   (X^T W X)^-1 = R^-1 R^-T  (= Cov(beta) when w_i = 1 / se_i^2; scale it by the residual variance otherwise).
 * Bounded: min ||X beta - y||^2 with beta_j >= 0 for j in a small set, by solving every active set (exact for
 * the few columns used here; Lawson & Hanson 1974 state the same optimality conditions).
 * Used for log-log power laws (log y = intercept + slope log x), IsoFLOP parabolas, the routed law of
 * Clark et al. 2022, trend-shape polynomials and the task-loss law.
 */
import { LabError } from '../../shared/errors'

/** Householder QR of an n x p matrix, column-major: R above the diagonal (rdiag on it), reflectors below. */
interface QrFactor {
  n: number
  p: number
  a: Float64Array
  rdiag: Float64Array
  /** ||v_k||^2 of each reflector */
  vnorm2: Float64Array
}

/**
 * Factor rows (n x p, each row scaled by rowScale[i] when given). Null when a column's part left after the
 * previous reflections is below `tolerance` times the column's norm (numerically dependent columns).
 */
function householderQr(rows: readonly (readonly number[])[], rowScale: ArrayLike<number> | undefined, tolerance: number): QrFactor | null {
  const n = rows.length
  const p = n > 0 ? rows[0].length : 0
  const a = new Float64Array(n * p)
  for (let i = 0; i < n; i++) {
    const s = rowScale ? rowScale[i] : 1
    for (let j = 0; j < p; j++) a[j * n + i] = s * rows[i][j]
  }
  const colNorm = new Float64Array(p)
  for (let j = 0; j < p; j++) {
    let s = 0
    for (let i = 0; i < n; i++) s += a[j * n + i] ** 2
    colNorm[j] = Math.sqrt(s)
  }
  const rdiag = new Float64Array(p)
  const vnorm2 = new Float64Array(p)
  for (let k = 0; k < p; k++) {
    let norm = 0
    for (let i = k; i < n; i++) norm += a[k * n + i] ** 2
    norm = Math.sqrt(norm)
    if (!(norm > tolerance * Math.max(colNorm[k], 1e-300))) return null
    const alpha = a[k * n + k] > 0 ? -norm : norm
    // v = x - alpha e1, stored in place
    a[k * n + k] -= alpha
    let v2 = 0
    for (let i = k; i < n; i++) v2 += a[k * n + i] ** 2
    for (let j = k + 1; j < p; j++) reflect(a, n, k, v2, a, j * n)
    rdiag[k] = alpha
    vnorm2[k] = v2
  }
  return { n, p, a, rdiag, vnorm2 }
}

/** Apply reflector k (I - 2 v v^T / ||v||^2) to the vector at target[offset .. offset + n). */
function reflect(a: Float64Array, n: number, k: number, v2: number, target: Float64Array, offset: number): void {
  let s = 0
  for (let i = k; i < n; i++) s += a[k * n + i] * target[offset + i]
  const f = (2 * s) / v2
  for (let i = k; i < n; i++) target[offset + i] -= f * a[k * n + i]
}

/** beta = R^-1 (Q^T b)_{1..p}; b is overwritten with Q^T b. */
function solveFactored(qr: QrFactor, b: Float64Array): number[] {
  const { n, p, a, rdiag, vnorm2 } = qr
  for (let k = 0; k < p; k++) reflect(a, n, k, vnorm2[k], b, 0)
  const coef = new Array<number>(p).fill(0)
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k]
    for (let j = k + 1; j < p; j++) s -= a[j * n + k] * coef[j]
    coef[k] = s / rdiag[k]
  }
  return coef
}

/** (R^T R)^-1 = R^-1 R^-T, which is (X^T W X)^-1. */
function inverseGram(qr: QrFactor): number[][] {
  const { n, p, a, rdiag } = qr
  const r = (i: number, j: number): number => (i === j ? rdiag[i] : a[j * n + i])
  // columns of R^-1 by back substitution
  const rinv = Array.from({ length: p }, () => new Array<number>(p).fill(0))
  for (let c = 0; c < p; c++) {
    for (let i = c; i >= 0; i--) {
      let s = i === c ? 1 : 0
      for (let j = i + 1; j <= c; j++) s -= r(i, j) * rinv[j][c]
      rinv[i][c] = s / r(i, i)
    }
  }
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(0))
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0
      for (let k = Math.max(i, j); k < p; k++) s += rinv[i][k] * rinv[j][k]
      out[i][j] = s
    }
  }
  return out
}

function predict(rows: readonly (readonly number[])[], beta: readonly number[]): number[] {
  return rows.map((row) => row.reduce((s, v, j) => s + v * beta[j], 0))
}

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
  const qr = householderQr(rows, undefined, 1e-12)
  if (!qr) {
    throw new LabError('fit-degenerate', 'The fit is degenerate: the inputs do not vary enough to determine every coefficient.', {
      hint: 'Select runs that differ in size, data and compute.',
    })
  }
  const coef = solveFactored(qr, Float64Array.from(y))
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
  const r = solveLeastSquares(
    lx.map((v) => [1, v]),
    ly,
  )
  const [logK, slope] = r.coefficients
  let mx = 0
  for (const v of lx) mx += v
  mx /= n
  let sxx = 0
  for (const v of lx) sxx += (v - mx) ** 2
  const slopeSe = n > 2 ? Math.sqrt(r.sse / (n - 2) / sxx) : NaN
  return { slope, k: Math.exp(logK), logK, r2: r.r2, slopeSe }
}

/**
 * Rank tolerance of the weighted and bounded solvers: a column whose part independent of the others is
 * below 3e-7 of its norm counts as dependent (the Gram-matrix pivot bound 1e-13 these solvers used before, in
 * norms rather than squared norms).
 */
const SMALL_DESIGN_TOLERANCE = Math.sqrt(1e-13)

export interface LinearFit {
  beta: number[]
  /** (X^T W X)^-1 */
  xtwxInverse: number[][]
  /** sum of w_i (y_i - fitted_i)^2 */
  weightedRss: number
  /** sum of (y_i - fitted_i)^2 */
  rss: number
  fitted: number[]
}

/** Weighted least squares; rows of `design` are the regressors of each observation. Null if the design is singular. */
export function weightedLeastSquares(design: number[][], y: ArrayLike<number>, weights?: ArrayLike<number>): LinearFit | null {
  const n = design.length
  const p = design[0]?.length ?? 0
  if (n < p || p === 0) return null
  const root = weights ? Array.from({ length: n }, (_, i) => Math.sqrt(weights[i])) : undefined
  const qr = householderQr(design, root, SMALL_DESIGN_TOLERANCE)
  if (!qr) return null
  const b = Float64Array.from({ length: n }, (_, i) => (root ? root[i] : 1) * y[i])
  const beta = solveFactored(qr, b)
  const fitted = predict(design, beta)
  let weightedRss = 0
  let rss = 0
  for (let i = 0; i < n; i++) {
    const r = y[i] - fitted[i]
    rss += r * r
    weightedRss += (weights ? weights[i] : 1) * r * r
  }
  return { beta, xtwxInverse: inverseGram(qr), weightedRss, rss, fitted }
}

/** Polynomial design rows [1, u, u^2, ...] up to `degree`. */
export function polynomialDesign(u: ArrayLike<number>, degree: number): number[][] {
  const rows: number[][] = []
  for (let i = 0; i < u.length; i++) {
    const row = [1]
    for (let d = 1; d <= degree; d++) row.push(row[d - 1] * u[i])
    rows.push(row)
  }
  return rows
}

/** Least squares on the `free` columns only (the others held at 0); null when they are dependent. */
function solveOnColumns(design: number[][], y: ArrayLike<number>, free: number[]): { beta: number[]; rss: number } | null {
  const p = design[0]?.length ?? 0
  const beta = new Array<number>(p).fill(0)
  if (free.length > 0) {
    if (design.length < free.length) return null
    const qr = householderQr(
      design.map((row) => free.map((j) => row[j])),
      undefined,
      SMALL_DESIGN_TOLERANCE,
    )
    if (!qr) return null
    const coef = solveFactored(qr, Float64Array.from(y))
    free.forEach((j, k) => (beta[j] = coef[k]))
  }
  const fitted = predict(design, beta)
  let rss = 0
  for (let i = 0; i < design.length; i++) rss += (y[i] - fitted[i]) ** 2
  return { beta, rss }
}

/**
 * min ||X beta - y||^2 subject to beta_j >= 0 for j in `nonNegative`, by enumerating the subsets of
 * constrained columns held at zero and keeping the best feasible solution. Columns <= 5 in practice.
 */
export function boundedLeastSquares(design: number[][], y: ArrayLike<number>, nonNegative: number[]): { beta: number[]; rss: number } | null {
  const p = design[0]?.length ?? 0
  let best: { beta: number[]; rss: number } | null = null
  const subsets = 1 << nonNegative.length
  for (let mask = 0; mask < subsets; mask++) {
    const zeroed = new Set(nonNegative.filter((_, i) => (mask >> i) & 1))
    const free = Array.from({ length: p }, (_, j) => j).filter((j) => !zeroed.has(j))
    const fit = solveOnColumns(design, y, free)
    if (!fit || nonNegative.some((j) => fit.beta[j] < 0)) continue
    if (!best || fit.rss < best.rss - 1e-15 * Math.max(1, best.rss)) best = { beta: fit.beta.map((v) => (Object.is(v, -0) ? 0 : v)), rss: fit.rss }
  }
  return best
}
