/**
 * Chinchilla Approach 3 as a maximum-likelihood fit with a Huber error density of free scale
 * (Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", arXiv 2404.10102, Section 3):
 *
 *   log L_i = LSE(a - alpha log N_i, b - beta log D_i, e) + eps_i,
 *   eps_i / sigma ~ p(z) = exp(-rho_delta(z)) / Z(delta),  delta = 1e-3
 *   minimise NLL = sum_i rho_delta(r_i / sigma) + n log sigma + n log Z(delta) over (a, b, e, alpha, beta, log sigma)
 *
 * Started, as in the paper, at Hoffmann et al.'s published values with sigma = 1. The likelihood is nearly an L1
 * objective (the quadratic core is only delta sigma wide), so a quasi-Newton run can stall on a kink: we also start
 * from the extra points the caller passes (e.g. the Huber-sum optimum) and from smaller log sigma, and keep the
 * highest likelihood. L-BFGS keeps 20 pairs here, which the kinks need.
 */
import { LbfgsSolver, type LbfgsStopReason } from './lbfgs'
import { huberNllObjective, type ChinchillaData } from './chinchilla-objective'
import { chinchillaParamsFromVector, chinchillaVectorFromParams, type ChinchillaParams } from './chinchilla-law'

/** Hoffmann et al. 2022, Approach 3 (unrounded values quoted by Besiroglu et al. 2024). */
export const HOFFMANN_START: ChinchillaParams = { E: 1.69337, A: 406.401, B: 410.723, alpha: 0.339171, beta: 0.284908 }

export interface MleFitResult {
  x: number[]
  params: ChinchillaParams
  sigma: number
  /** negative log-likelihood at the optimum */
  nll: number
  converged: boolean
  reason: LbfgsStopReason
  iterations: number
  evaluations: number
}

export interface MleFitOptions {
  delta?: number
  /** starting parameter vectors [a, b, e, alpha, beta]; default Hoffmann's values */
  starts?: ReadonlyArray<ArrayLike<number>>
  /** starting log sigma values tried with every start (default [0, -5, -11]) */
  logSigmaStarts?: readonly number[]
  maxIterations?: number
}

export function fitChinchillaMle(data: ChinchillaData, options: MleFitOptions = {}): MleFitResult {
  const fg = huberNllObjective(data, options.delta ?? 1e-3)
  const solver = new LbfgsSolver(6, 20)
  const starts = options.starts ?? [chinchillaVectorFromParams(HOFFMANN_START)]
  const sigmas = options.logSigmaStarts ?? [0, -5, -11]
  let best: MleFitResult | undefined
  let iterations = 0
  let evaluations = 0
  for (const s of starts)
    for (const logSigma of sigmas) {
      const x0 = [s[0], s[1], s[2], s[3], s[4], logSigma]
      const r = solver.minimize(fg, x0, { gradientTolerance: 1e-10, relativeTolerance: 1e-13, maxIterations: options.maxIterations ?? 2000 })
      iterations += r.iterations
      evaluations += r.evaluations
      if (!Number.isFinite(r.f)) continue
      if (!best || r.f < best.nll) {
        best = {
          x: Array.from(r.x.subarray(0, 5)),
          params: chinchillaParamsFromVector(r.x),
          sigma: Math.exp(r.x[5]),
          nll: r.f,
          converged: r.converged,
          reason: r.reason,
          iterations: 0,
          evaluations: 0,
        }
      }
    }
  if (!best) {
    return { x: [NaN, NaN, NaN, NaN, NaN], params: chinchillaParamsFromVector([NaN, NaN, NaN, NaN, NaN]), sigma: NaN, nll: NaN, converged: false, reason: 'non-finite', iterations, evaluations }
  }
  best.iterations = iterations
  best.evaluations = evaluations
  return best
}
