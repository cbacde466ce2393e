/**
 * Principal components of a complete data matrix (rows = observations, columns = variables), through the
 * eigen-decomposition of the covariance matrix by cyclic Jacobi rotations (Golub & Van Loan, "Matrix Computations",
 * 4th ed., section 8.5): C = X_c' X_c / (n - 1) = V diag(lambda) V'. The explained-variance ratio of component k is
 * lambda_k / sum(lambda), as from the singular values of X_c (lambda_k = s_k^2 / (n - 1)).
 * Sign convention: each component's loadings sum to a non-negative number (higher score = more of every variable).
 */

export interface Pca {
  mean: number[]
  /** eigenvalues of the covariance, largest first */
  variances: number[]
  explainedRatio: number[]
  /** components[k][j]: loading of variable j on component k (unit length) */
  components: number[][]
}

/** Eigenvalues and eigenvectors (columns of the returned vectors, as rows) of a symmetric matrix. */
export function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = matrix.length
  const a = matrix.map((r) => [...r])
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)))
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q]
    if (off < 1e-30) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k][p]
          const akq = a[k][q]
          a[k][p] = c * akp - s * akq
          a[k][q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k]
          const aqk = a[q][k]
          a[p][k] = c * apk - s * aqk
          a[q][k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p]
          const vkq = v[k][q]
          v[k][p] = c * vkp - s * vkq
          v[k][q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = a.map((_, i) => i).sort((i, j) => a[j][j] - a[i][i])
  return { values: order.map((i) => a[i][i]), vectors: order.map((i) => v.map((row) => row[i])) }
}

export function columnMeans(x: readonly (readonly number[])[]): number[] {
  const m = new Array<number>(x[0].length).fill(0)
  for (const row of x) row.forEach((v, j) => (m[j] += v))
  return m.map((s) => s / x.length)
}

export function principalComponents(x: readonly (readonly number[])[]): Pca {
  const n = x.length
  const p = x[0]?.length ?? 0
  const mean = columnMeans(x)
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0))
  for (const row of x) {
    for (let i = 0; i < p; i++) {
      const di = row[i] - mean[i]
      for (let j = i; j < p; j++) cov[i][j] += di * (row[j] - mean[j])
    }
  }
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) cov[j][i] = cov[i][j] = cov[i][j] / Math.max(n - 1, 1)
  const { values, vectors } = symmetricEigen(cov)
  const variances = values.map((v) => Math.max(v, 0))
  const total = variances.reduce((s, v) => s + v, 0)
  const components = vectors.map((vec) => (vec.reduce((s, v) => s + v, 0) < 0 ? vec.map((v) => -v) : vec))
  return { mean, variances, explainedRatio: variances.map((v) => (total > 0 ? v / total : 0)), components }
}

/** Scores of one row on the first k components. */
export function projectRow(pca: Pca, row: readonly number[], k: number): number[] {
  return pca.components.slice(0, k).map((c) => c.reduce((s, w, j) => s + w * (row[j] - pca.mean[j]), 0))
}
