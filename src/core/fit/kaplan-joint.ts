/**
 * The joint Kaplan law in parameters and data (Kaplan et al. 2020, "Scaling Laws for Neural Language Models",
 * arXiv 2001.08361, eq. 1.5 / 4.1):
 *
 *   L(N, D) = [ (N_c / N)^(alpha_N / alpha_D) + D_c / D ]^alpha_D
 *
 * Fitted by least squares on log loss with analytic gradients, p = [alpha_N, alpha_D, log N_c, log D_c]:
 *   u1 = (alpha_N / alpha_D)(log N_c - log N), u2 = log D_c - log D, S = LSE(u1, u2), log L^ = alpha_D S
 *   d log L^ / d alpha_N = w1 (log N_c - log N),  d / d alpha_D = S - w1 u1,
 *   d / d log N_c = w1 alpha_N,  d / d log D_c = alpha_D w2     (w = softmax(u1, u2))
 * from Kaplan's single-variable values (alpha_N = 0.076, alpha_D = 0.095, N_c = 8.8e13, D_c = 5.4e13) and a small
 * grid of starts; the best is kept.
 */
import { LabError } from '../../shared/errors'
import { LbfgsSolver } from './lbfgs'

export interface KaplanJointParams {
  alpha_N: number
  alpha_D: number
  N_c: number
  D_c: number
}

export interface KaplanJointFit extends KaplanJointParams {
  /** sum of squared log residuals */
  sse: number
  converged: boolean
  iterations: number
}

export function kaplanJointLoss(p: KaplanJointParams, N: number, D: number): number {
  return Math.pow(Math.pow(p.N_c / N, p.alpha_N / p.alpha_D) + p.D_c / D, p.alpha_D)
}

/** `starts` replaces the default grid (e.g. one warm start [alpha_N, alpha_D, log N_c, log D_c] for a bootstrap resample). */
export function fitKaplanJoint(points: ReadonlyArray<{ params: number; tokens: number; loss: number }>, starts?: readonly number[][]): KaplanJointFit {
  const n = points.length
  const lnN = Float64Array.from(points, (p) => Math.log(p.params))
  const lnD = Float64Array.from(points, (p) => Math.log(p.tokens))
  const lnL = Float64Array.from(points, (p) => Math.log(p.loss))
  const fg = (p: Float64Array, g: Float64Array): number => {
    const aN = p[0]
    const aD = p[1]
    const lNc = p[2]
    const lDc = p[3]
    const q = aN / aD
    let f = 0
    let g0 = 0
    let g1 = 0
    let g2 = 0
    let g3 = 0
    for (let i = 0; i < n; i++) {
      const dn = lNc - lnN[i]
      const u1 = q * dn
      const u2 = lDc - lnD[i]
      const m = u1 > u2 ? u1 : u2
      const t1 = Math.exp(u1 - m)
      const t2 = Math.exp(u2 - m)
      const s = t1 + t2
      const S = m + Math.log(s)
      const w1 = t1 / s
      const w2 = t2 / s
      const r = aD * S - lnL[i]
      f += 0.5 * r * r
      g0 += r * w1 * dn
      g1 += r * (S - w1 * u1)
      g2 += r * w1 * aN
      g3 += r * aD * w2
    }
    g[0] = g0
    g[1] = g1
    g[2] = g2
    g[3] = g3
    return f
  }
  const solver = new LbfgsSolver(4)
  if (!starts) {
    const grid: number[][] = [[0.076, 0.095, Math.log(8.8e13), Math.log(5.4e13)]]
    for (const aN of [0.05, 0.15, 0.4])
      for (const aD of [0.05, 0.15, 0.4])
        for (const lNc of [Math.log(1e9), Math.log(1e13), Math.log(1e17)])
          for (const lDc of [Math.log(1e9), Math.log(1e13), Math.log(1e17)]) grid.push([aN, aD, lNc, lDc])
    starts = grid
  }
  let best: { f: number; x: Float64Array; converged: boolean } | undefined
  let iterations = 0
  for (const s of starts) {
    const r = solver.minimize(fg, s, { gradientTolerance: 1e-12, relativeTolerance: 1e-14, maxIterations: 2000 })
    iterations += r.iterations
    if (Number.isFinite(r.f) && r.x[1] > 0 && (!best || r.f < best.f)) best = { f: r.f, x: r.x, converged: r.converged }
  }
  if (!best) throw new LabError('fit-not-converged', 'The joint Kaplan L(N, D) fit failed from every start.', { hint: 'Select runs that vary in both N and D.' })
  const [alpha_N, alpha_D, lNc, lDc] = best.x
  return { alpha_N, alpha_D, N_c: Math.exp(lNc), D_c: Math.exp(lDc), sse: 2 * best.f, converged: best.converged, iterations }
}
