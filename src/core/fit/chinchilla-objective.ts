/**
 * The Chinchilla Approach-3 objectives with analytic gradients, inlined over Float64Arrays for speed.
 * Hoffmann et al. 2022 (arXiv 2203.15556), eq. (2) and Appendix D.2; Besiroglu et al. 2024 (arXiv 2404.10102).
 *
 *   L(N, D) = E + A / N^alpha + B / D^beta,   x = [a, b, e, alpha, beta] with A = e^a, B = e^b, E = e^e
 *   log L^_i = LSE(u1, u2, e), u1 = a - alpha log N_i, u2 = b - beta log D_i;  r_i = log L^_i - log L_i
 *   softmax weights w_k = exp(u_k - LSE) give d log L^ / d(a, b, e) = (w1, w2, w3),
 *   d/d alpha = -w1 log N, d/d beta = -w2 log D.
 *
 *   huber-sum: f(x) = sum_i c_i rho_delta(r_i),  grad = sum_i c_i psi_delta(r_i) d log L^_i
 *   huber-mle: x = [a, b, e, alpha, beta, s], sigma = e^s, z_i = r_i / sigma
 *              f(x) = sum_i c_i [rho_delta(z_i) + s + log Z(delta)],
 *              grad_theta = sum_i c_i psi(z_i) / sigma d log L^_i,  d f / d s = sum_i c_i (1 - psi(z_i) z_i)
 * c_i are case weights (bootstrap multiplicities; 1 for a plain fit).
 */
import type { ObjectiveWithGradient } from './lbfgs'
import { huberLogNormalizer } from './huber'

export interface ChinchillaData {
  n: number
  logN: Float64Array
  logD: Float64Array
  logL: Float64Array
  /** case weights (multiplicities); their sum is the effective sample size */
  weight: Float64Array
}

export function chinchillaData(points: ReadonlyArray<{ params: number; tokens: number; loss: number }>): ChinchillaData {
  const n = points.length
  const logN = new Float64Array(n)
  const logD = new Float64Array(n)
  const logL = new Float64Array(n)
  const weight = new Float64Array(n).fill(1)
  for (let i = 0; i < n; i++) {
    logN[i] = Math.log(points[i].params)
    logD[i] = Math.log(points[i].tokens)
    logL[i] = Math.log(points[i].loss)
  }
  return { n, logN, logD, logL, weight }
}

/** The same data with case weights `counts` (zero-count rows dropped): a bootstrap resample without copying rows twice. */
export function weightedChinchillaData(base: ChinchillaData, counts: ArrayLike<number>): ChinchillaData {
  let n = 0
  for (let i = 0; i < base.n; i++) if (counts[i] > 0) n++
  const out: ChinchillaData = { n, logN: new Float64Array(n), logD: new Float64Array(n), logL: new Float64Array(n), weight: new Float64Array(n) }
  let j = 0
  for (let i = 0; i < base.n; i++) {
    const c = counts[i]
    if (c > 0) {
      out.logN[j] = base.logN[i]
      out.logD[j] = base.logD[i]
      out.logL[j] = base.logL[i]
      out.weight[j] = c * base.weight[i]
      j++
    }
  }
  return out
}

/**
 * Sum of Huber(delta) losses of log residuals and its gradient in x = [a, b, e, alpha, beta].
 * A / N^alpha is computed once per distinct model size (sweeps train several token counts per size).
 */
export function huberSumObjective(data: ChinchillaData, delta = 1e-3): ObjectiveWithGradient {
  const { n, logN, logD, logL, weight } = data
  const sizeIndex = new Map<number, number>()
  const nIndex = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let k = sizeIndex.get(logN[i])
    if (k === undefined) {
      k = sizeIndex.size
      sizeIndex.set(logN[i], k)
    }
    nIndex[i] = k
  }
  const sizes = Float64Array.from(sizeIndex.keys())
  const termN = new Float64Array(sizes.length)
  return (x: Float64Array, grad: Float64Array): number => {
    const a = x[0]
    const b = x[1]
    const e = x[2]
    const alpha = x[3]
    const beta = x[4]
    const pE = Math.exp(e)
    for (let k = 0; k < sizes.length; k++) termN[k] = Math.exp(a - alpha * sizes[k])
    let f = 0
    let ga = 0
    let gb = 0
    let ge = 0
    let gal = 0
    let gbe = 0
    for (let i = 0; i < n; i++) {
      const ln = logN[i]
      const ld = logD[i]
      const u2 = b - beta * ld
      let p1 = termN[nIndex[i]]
      let p2 = Math.exp(u2)
      let p3 = pE
      let s = p1 + p2 + p3
      let lse: number
      if (s < Infinity && s > 1e-280) {
        lse = Math.log(s)
      } else {
        // shifted form when a term over- or underflows
        const u1 = a - alpha * ln
        const m = u1 > u2 ? (u1 > e ? u1 : e) : u2 > e ? u2 : e
        p1 = Math.exp(u1 - m)
        p2 = Math.exp(u2 - m)
        p3 = Math.exp(e - m)
        s = p1 + p2 + p3
        lse = m + Math.log(s)
      }
      const r = lse - logL[i]
      const c = weight[i]
      let h: number
      if (r > delta) {
        f += c * delta * (r - 0.5 * delta)
        h = c * delta
      } else if (r < -delta) {
        f += c * delta * (-r - 0.5 * delta)
        h = -c * delta
      } else {
        f += c * 0.5 * r * r
        h = c * r
      }
      const hs = h / s
      const h1 = hs * p1
      const h2 = hs * p2
      ga += h1
      gb += h2
      ge += hs * p3
      gal -= h1 * ln
      gbe -= h2 * ld
    }
    grad[0] = ga
    grad[1] = gb
    grad[2] = ge
    grad[3] = gal
    grad[4] = gbe
    return f
  }
}

/** Negative log-likelihood of log residuals under a Huber(delta) density with free scale sigma = e^s (6 parameters). */
export function huberNllObjective(data: ChinchillaData, delta = 1e-3): ObjectiveWithGradient {
  const { n, logN, logD, logL, weight } = data
  const logZ = huberLogNormalizer(delta)
  let total = 0
  for (let i = 0; i < n; i++) total += weight[i]
  return (x: Float64Array, grad: Float64Array): number => {
    const a = x[0]
    const b = x[1]
    const e = x[2]
    const alpha = x[3]
    const beta = x[4]
    const logSigma = x[5]
    const invSigma = Math.exp(-logSigma)
    const pE = Math.exp(e)
    let f = 0
    let ga = 0
    let gb = 0
    let ge = 0
    let gal = 0
    let gbe = 0
    let gs = 0
    for (let i = 0; i < n; i++) {
      const ln = logN[i]
      const ld = logD[i]
      const u1 = a - alpha * ln
      const u2 = b - beta * ld
      let p1 = Math.exp(u1)
      let p2 = Math.exp(u2)
      let p3 = pE
      let s = p1 + p2 + p3
      let lse: number
      if (s < Infinity && s > 1e-280) {
        lse = Math.log(s)
      } else {
        const m = u1 > u2 ? (u1 > e ? u1 : e) : u2 > e ? u2 : e
        p1 = Math.exp(u1 - m)
        p2 = Math.exp(u2 - m)
        p3 = Math.exp(e - m)
        s = p1 + p2 + p3
        lse = m + Math.log(s)
      }
      const z = (lse - logL[i]) * invSigma
      const c = weight[i]
      let psi: number
      if (z > delta) {
        f += c * delta * (z - 0.5 * delta)
        psi = delta
      } else if (z < -delta) {
        f += c * delta * (-z - 0.5 * delta)
        psi = -delta
      } else {
        f += c * 0.5 * z * z
        psi = z
      }
      gs -= c * psi * z
      const hs = (c * psi * invSigma) / s
      const h1 = hs * p1
      const h2 = hs * p2
      ga += h1
      gb += h2
      ge += hs * p3
      gal -= h1 * ln
      gbe -= h2 * ld
    }
    grad[0] = ga
    grad[1] = gb
    grad[2] = ge
    grad[3] = gal
    grad[4] = gbe
    grad[5] = gs + total
    return f + total * (logSigma + logZ)
  }
}
