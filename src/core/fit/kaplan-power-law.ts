/**
 * Kaplan single-variable power laws (Kaplan et al. 2020, "Scaling Laws for Neural Language Models",
 * arXiv 2001.08361, eqs. 1.1-1.3), for X = N (parameters), D (tokens) or C (compute):
 *
 *   L(X) = (X_c / X)^alpha                 log L = alpha log X_c - alpha log X: ordinary least squares in log-log
 *   L(X) = E + (X_c / X)^alpha             with an irreducible term (the form of Henighan et al. 2020, arXiv 2010.14701)
 *                                          log L = LSE(e, c - alpha log X), c = alpha log X_c, E = e^e,
 *                                          least squares on log loss by L-BFGS from a small grid of starts.
 *
 * Kaplan et al. report alpha_N ~ 0.076, N_c ~ 8.8e13; alpha_D ~ 0.095, D_c ~ 5.4e13; alpha_C ~ 0.050,
 * C_c ~ 3.1e8 PF-days (1 PF-day = 8.64e19 FLOPs).
 */
import { LabError } from '../../shared/errors'
import { LbfgsSolver } from './lbfgs'
import { fitLogLinear } from '../numeric/least-squares'

export interface PowerLawFit {
  alpha: number
  /** X_c in the units of X */
  xc: number
  /** irreducible loss (0 without the term) */
  E: number
  /** sum of squared log residuals */
  sse: number
  converged: boolean
  iterations: number
}

export function powerLawLoss(fit: { alpha: number; xc: number; E: number }, x: number): number {
  return fit.E + Math.pow(fit.xc / x, fit.alpha)
}

/** L = (X_c / X)^alpha by OLS on logs. */
export function fitPurePowerLaw(x: readonly number[], loss: readonly number[]): PowerLawFit {
  const r = fitLogLinear(x, loss)
  const alpha = -r.slope
  if (!(Math.abs(alpha) > 1e-12)) {
    throw new LabError('fit-degenerate', 'Loss does not change with scale, so no power law can be fitted.', { hint: 'Select runs over a wider range of scale.' })
  }
  const xc = Math.exp(r.logK / alpha)
  let sse = 0
  for (let i = 0; i < x.length; i++) sse += (Math.log(loss[i]) - (r.logK + r.slope * Math.log(x[i]))) ** 2
  return { alpha, xc, E: 0, sse, converged: true, iterations: 0 }
}

/** L = E + (X_c / X)^alpha by least squares on log loss (LSE form), best of a small grid of starts. */
export function fitPowerLawWithIrreducible(x: readonly number[], loss: readonly number[]): PowerLawFit {
  const n = x.length
  const lx = Float64Array.from(x, Math.log)
  const ll = Float64Array.from(loss, Math.log)
  // f(e, c, alpha) = 1/2 sum (LSE(e, c - alpha lx) - ll)^2
  const fg = (p: Float64Array, g: Float64Array): number => {
    const e = p[0]
    const c = p[1]
    const alpha = p[2]
    let f = 0
    let ge = 0
    let gc = 0
    let ga = 0
    for (let i = 0; i < n; i++) {
      const u = c - alpha * lx[i]
      const m = u > e ? u : e
      const t1 = Math.exp(e - m)
      const t2 = Math.exp(u - m)
      const s = t1 + t2
      const r = m + Math.log(s) - ll[i]
      f += 0.5 * r * r
      const w1 = t1 / s
      const w2 = t2 / s
      ge += r * w1
      gc += r * w2
      ga -= r * w2 * lx[i]
    }
    g[0] = ge
    g[1] = gc
    g[2] = ga
    return f
  }
  const minLoss = Math.min(...loss)
  const medianIndex = [...lx.keys()].sort((i, j) => lx[i] - lx[j])[Math.floor(n / 2)]
  const solver = new LbfgsSolver(3)
  let best: { f: number; x: Float64Array; converged: boolean; iterations: number } | undefined
  let iterations = 0
  for (const eFrac of [0.2, 0.5, 0.8, 0.95]) {
    for (const alpha of [0.05, 0.1, 0.2, 0.4, 0.8]) {
      const E = eFrac * minLoss
      const rest = Math.max(loss[medianIndex] - E, 1e-6 * minLoss)
      const c = Math.log(rest) + alpha * lx[medianIndex]
      const r = solver.minimize(fg, [Math.log(E), c, alpha], { gradientTolerance: 1e-12, relativeTolerance: 1e-14, maxIterations: 2000 })
      iterations += r.iterations
      if (Number.isFinite(r.f) && (!best || r.f < best.f)) best = { f: r.f, x: r.x, converged: r.converged, iterations: r.iterations }
    }
  }
  if (!best) throw new LabError('fit-not-converged', 'The power-law fit with an irreducible term failed from every start.')
  const [e, c, alpha] = best.x
  return { alpha, xc: Math.exp(c / alpha), E: Math.exp(e), sse: 2 * best.f, converged: best.converged, iterations }
}
