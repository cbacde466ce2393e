/**
 * Local (Gauss-Newton) uncertainty of a Chinchilla-form fit and of its forecast, in log-loss space
 * (Seber & Wild 1989, "Nonlinear Regression", Section 2.1; Hoffmann et al. 2022 eq. 2 for the law):
 *
 *   f(N, D; theta) = log(E + A N^-alpha + B D^-beta),  theta = [a, b, e, alpha, beta],  A = e^a, B = e^b, E = e^e
 *   J_i = d f(N_i, D_i) / d theta,   sigma^2 = sum r_i^2 / (n - 5)  (log-loss residuals of the fit)
 *   Cov(theta) ~ sigma^2 (J^T J)^-1
 *   g(theta) = log L_opt(C; theta)  (loss of the compute-optimal model at C, closed form),  grad g by central differences
 *   Var g ~ grad_g^T Cov grad_g;   predictive variance of log L at C: Var g + sigma^2
 *
 * A new run x with row j = d f(x) / d theta adds j j^T / sigma^2 to the information; by Sherman-Morrison
 *   Var' g = Var g - (grad_g^T Cov j)^2 / (sigma^2 + j^T Cov j).
 * Assumptions: the law is the right form, the noise on log loss is iid with the fitted sigma, and the fit is near
 * its optimum (the linearisation holds); the Huber fit is treated as least squares.
 */
import { LabError } from '../../shared/errors'
import { weightedLeastSquares } from '../numeric/least-squares'
import { chinchillaAllocation } from '../fit/allocation'
import { chinchillaParamsFromVector, chinchillaVectorFromParams, type ChinchillaParams } from '../fit/chinchilla-law'

export const PARAM_COUNT = 5

/** d log L(N, D) / d [a, b, e, alpha, beta]. */
export function logLossGradient(p: ChinchillaParams, N: number, D: number): number[] {
  const nTerm = p.A * Math.pow(N, -p.alpha)
  const dTerm = p.B * Math.pow(D, -p.beta)
  const L = p.E + nTerm + dTerm
  return [nTerm / L, dTerm / L, p.E / L, (-nTerm * Math.log(N)) / L, (-dTerm * Math.log(D)) / L]
}

/** d log L_opt(C) / d theta by central differences (step 1e-5 in each coordinate of theta). */
export function optimalLossGradient(p: ChinchillaParams, flops: number): number[] {
  const x = chinchillaVectorFromParams(p)
  const h = 1e-5
  return x.map((_, i) => {
    const up = x.slice()
    const down = x.slice()
    up[i] += h
    down[i] -= h
    const f = (v: number[]): number => Math.log(chinchillaAllocation(chinchillaParamsFromVector(v), flops).loss)
    return (f(up) - f(down)) / (2 * h)
  })
}

export interface LocalUncertainty {
  /** Cov(theta) = sigma^2 (J^T J)^-1 */
  cov: number[][]
  sigma2: number
  /** grad of log L_opt at the target */
  grad: number[]
  /** Var of log L_opt from the parameters alone */
  paramVar: number
}

function quad(a: readonly number[], m: readonly (readonly number[])[], b: readonly number[]): number {
  let s = 0
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) s += a[i] * m[i][j] * b[j]
  return s
}

/** Cov(theta), sigma^2 and the forecast's parameter variance at C (see the header); refuses an unidentified fit. */
export function localUncertainty(p: ChinchillaParams, runs: readonly { params: number; tokens: number }[], logResiduals: readonly number[], flops: number): LocalUncertainty {
  const n = runs.length
  if (n <= PARAM_COUNT) {
    throw new LabError('plan-too-few-runs', `The noise level of a 5-parameter law needs more than 5 runs; got ${n}.`, { hint: 'Add runs (or select more) before planning.' })
  }
  const sigma2 = logResiduals.reduce((s, r) => s + r * r, 0) / (n - PARAM_COUNT)
  if (!(sigma2 > 0)) throw new LabError('plan-zero-noise', 'The fit has no residual noise, so the interval cannot shrink: every run lies on the law.', { hint: 'Planning assumes noisy losses; check the losses are measured, not generated.' })
  const J = runs.map((r) => logLossGradient(p, r.params, r.tokens))
  const ls = weightedLeastSquares(J, new Array<number>(n).fill(0))
  if (!ls) {
    throw new LabError('plan-unidentified', 'The runs do not determine the five parameters of the law (J^T J is singular), so no interval can be planned from them.', { hint: 'Select runs that differ in both size and tokens per parameter.' })
  }
  const cov = ls.xtwxInverse.map((row) => row.map((v) => v * sigma2))
  const grad = optimalLossGradient(p, flops)
  return { cov, sigma2, grad, paramVar: Math.max(0, quad(grad, cov, grad)) }
}

/** Cov and the forecast variance after adding one run with gradient row j (Sherman-Morrison, see the header). */
export function addRun(u: LocalUncertainty, j: readonly number[]): LocalUncertainty {
  const cj = u.cov.map((row) => row.reduce((s, v, k) => s + v * j[k], 0))
  const denom = u.sigma2 + j.reduce((s, v, k) => s + v * cj[k], 0)
  const cov = u.cov.map((row, a) => row.map((v, b) => v - (cj[a] * cj[b]) / denom))
  return { ...u, cov, paramVar: Math.max(0, quad(u.grad, cov, u.grad)) }
}

/** Parameter variance of the forecast after adding row j, without forming the new covariance. */
export function varianceAfter(u: LocalUncertainty, j: readonly number[]): number {
  let gcj = 0
  let jcj = 0
  for (let a = 0; a < j.length; a++) {
    let cjA = 0
    for (let b = 0; b < j.length; b++) cjA += u.cov[a][b] * j[b]
    gcj += u.grad[a] * cjA
    jcj += j[a] * cjA
  }
  return Math.max(0, u.paramVar - (gcj * gcj) / (u.sigma2 + jcj))
}
