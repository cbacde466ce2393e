/**
 * Weighted linear least squares for the small designs the analyses use (a few columns):
 * beta = (X^T W X)^-1 X^T W y, Cov(beta) = (X^T W X)^-1 when the weights are 1 / se^2
 * (scale by the residual variance when they are not). Also non-negative least squares for up to a
 * handful of columns by trying every active set (exact for so few columns; Lawson & Hanson 1974 state
 * the same optimality conditions).
 */

/** Invert a small symmetric positive (semi)definite matrix by Gauss-Jordan with partial pivoting; null when singular. */
export function invertSmall(a: number[][]): number[][] | null {
  const n = a.length
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))])
  let scale = 0
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(a[i][i]))
  const eps = 1e-13 * (scale || 1)
  for (let col = 0; col < n; col++) {
    let piv = col
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) piv = r
    if (Math.abs(m[piv][col]) <= eps) return null
    ;[m[col], m[piv]] = [m[piv], m[col]]
    const p = m[col][col]
    for (let j = 0; j < 2 * n; j++) m[col][j] /= p
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const f = m[r][col]
      if (f === 0) continue
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[col][j]
    }
  }
  return m.map((row) => row.slice(n))
}

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
  const xtwx = Array.from({ length: p }, () => new Array<number>(p).fill(0))
  const xtwy = new Array<number>(p).fill(0)
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1
    const row = design[i]
    for (let a = 0; a < p; a++) {
      xtwy[a] += w * row[a] * y[i]
      for (let b = 0; b < p; b++) xtwx[a][b] += w * row[a] * row[b]
    }
  }
  const inv = invertSmall(xtwx)
  if (!inv) return null
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * xtwy[j], 0))
  const fitted = design.map((row) => row.reduce((s, v, j) => s + v * beta[j], 0))
  let weightedRss = 0
  let rss = 0
  for (let i = 0; i < n; i++) {
    const r = y[i] - fitted[i]
    rss += r * r
    weightedRss += (weights ? weights[i] : 1) * r * r
  }
  return { beta, xtwxInverse: inv, weightedRss, rss, fitted }
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

/**
 * min ||X beta - y||^2 subject to beta_j >= 0 for j in `nonNegative`, by enumerating the subsets of
 * constrained columns held at zero and keeping the best feasible solution. Columns <= 5 in practice.
 */
export function boundedLeastSquares(design: number[][], y: ArrayLike<number>, nonNegative: number[]): { beta: number[]; rss: number } | null {
  const p = design[0]?.length ?? 0
  const n = design.length
  // Gram matrix of the columns scaled to unit norm (so columns of very different size pivot fairly),
  // built once; every subset is then solved from it: rss = y'y - 2 b'X'y + b'Gb.
  const norms = new Array<number>(p).fill(0)
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) norms[j] += design[i][j] * design[i][j]
  for (let j = 0; j < p; j++) norms[j] = Math.sqrt(norms[j]) || 1
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0))
  const xty = new Array<number>(p).fill(0)
  let yty = 0
  for (let i = 0; i < n; i++) {
    const row = design[i]
    yty += y[i] * y[i]
    for (let a = 0; a < p; a++) {
      const va = row[a] / norms[a]
      xty[a] += va * y[i]
      for (let b = a; b < p; b++) gram[a][b] += va * (row[b] / norms[b])
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[a][b] = gram[b][a]
  let best: { beta: number[]; rss: number } | null = null
  const subsets = 1 << nonNegative.length
  for (let mask = 0; mask < subsets; mask++) {
    const zeroed = new Set(nonNegative.filter((_, i) => (mask >> i) & 1))
    const free = Array.from({ length: p }, (_, j) => j).filter((j) => !zeroed.has(j))
    const scaled = new Array<number>(p).fill(0)
    if (free.length > 0) {
      const inv = invertSmall(free.map((a) => free.map((b) => gram[a][b])))
      if (!inv) continue
      free.forEach((a, k) => (scaled[a] = inv[k].reduce((s, v, l) => s + v * xty[free[l]], 0)))
    }
    const beta = scaled.map((v, j) => v / norms[j])
    if (nonNegative.some((j) => beta[j] < 0)) continue
    let quad = 0
    let lin = 0
    for (let a = 0; a < p; a++) {
      lin += scaled[a] * xty[a]
      for (let b = 0; b < p; b++) quad += scaled[a] * gram[a][b] * scaled[b]
    }
    const rss = Math.max(0, yty - 2 * lin + quad)
    if (!best || rss < best.rss - 1e-15 * Math.max(1, best.rss)) best = { beta: beta.map((v) => (Object.is(v, -0) ? 0 : v)), rss }
  }
  return best
}
