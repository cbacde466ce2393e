/**
 * Fitting the data-constrained law's decay constants (Muennighoff et al. 2023, "Scaling Data-Constrained Language
 * Models", arXiv 2305.16264, eqs. 5-7; evaluated in ./data-constrained.ts):
 *
 *   L = E + A / (U_N + U_N R_N* (1 - exp(-R_N / R_N*)))^alpha + B / (U_D + U_D R_D* (1 - exp(-R_D / R_D*)))^beta
 *
 * with A, B, E, alpha, beta held at the Chinchilla-form coefficients (the paper's C4 fit) and only R_N*, R_D* free,
 * as the authors' notebook does (huggingface/datablations utils/parametric_fit.ipynb, cells 28-29): the objective is
 * the sum of Huber losses (delta 1e-3) of log(predicted) - log(observed), minimised by L-BFGS from each start of a
 * grid; the lowest objective wins. The gradient is analytic:
 *   d N'/d R_N* = U_N (1 - exp(-R_N / R_N*) (1 + R_N / R_N*)),  and the same for D'.
 */
import { LabError } from '../../shared/errors'
import { chinchillaExponents } from './allocation'
import type { ChinchillaParams } from './chinchilla-law'
import { dataConstrainedLoss } from './data-constrained'
import { HOFFMANN_HUBER_DELTA, huber, huberDerivative } from './huber'
import { minimizeLbfgs } from './lbfgs'

export interface DataConstrainedPoint {
  params: number
  tokens: number
  uniqueTokens: number
  loss: number
}

export interface DataConstrainedFit {
  rNStar: number
  rDStar: number
  /** sum of Huber losses of the log residuals at the fit */
  objective: number
  /** 1 - SSE / SST of the loss itself (as the notebook's r2_score) */
  r2: number
  n_points: number
  /** how many of the starts ended at a converged L-BFGS minimum */
  converged_starts: number
  starts: number
}

/** The notebook's start grid np.linspace(0, 20, 4) for each constant, without its 0 (the law is undefined there). */
export const NOTEBOOK_STARTS: readonly number[] = [20 / 3, 40 / 3, 20]

interface Prepared {
  uniqueN: Float64Array
  repsN: Float64Array
  unique: Float64Array
  repsD: Float64Array
  logLoss: Float64Array
}

function prepare(p: ChinchillaParams, points: readonly DataConstrainedPoint[]): Prepared {
  const { a, b, G } = chinchillaExponents(p)
  const n = points.length
  const out: Prepared = { uniqueN: new Float64Array(n), repsN: new Float64Array(n), unique: new Float64Array(n), repsD: new Float64Array(n), logLoss: new Float64Array(n) }
  points.forEach((pt, i) => {
    const uN = Math.min(pt.params, G * Math.pow(G * pt.uniqueTokens, a / b))
    out.uniqueN[i] = uN
    out.repsN[i] = Math.max(pt.params / uN - 1, 0)
    out.unique[i] = pt.uniqueTokens
    out.repsD[i] = Math.max(pt.tokens / pt.uniqueTokens - 1, 0)
    out.logLoss[i] = Math.log(pt.loss)
  })
  return out
}

/** effective value and its derivative in R* */
function effective(unique: number, reps: number, rStar: number): [number, number] {
  const x = Math.exp(-reps / rStar)
  return [unique + unique * rStar * (1 - x), unique * (1 - x * (1 + reps / rStar))]
}

function objective(p: ChinchillaParams, d: Prepared, delta: number) {
  return (x: Float64Array, grad: Float64Array): number => {
    const [rN, rD] = [x[0], x[1]]
    if (!(rN > 0 && rD > 0)) {
      grad[0] = grad[1] = 0
      return Infinity
    }
    let f = 0
    let g0 = 0
    let g1 = 0
    for (let i = 0; i < d.logLoss.length; i++) {
      const [nEff, dn] = effective(d.uniqueN[i], d.repsN[i], rN)
      const [dEff, dd] = effective(d.unique[i], d.repsD[i], rD)
      const termN = p.A / Math.pow(nEff, p.alpha)
      const termD = p.B / Math.pow(dEff, p.beta)
      const pred = p.E + termN + termD
      const r = Math.log(pred) - d.logLoss[i]
      f += huber(r, delta)
      const h = huberDerivative(r, delta) / pred
      g0 += h * (-p.alpha * termN * dn) / nEff
      g1 += h * (-p.beta * termD * dd) / dEff
    }
    grad[0] = g0
    grad[1] = g1
    return f
  }
}

export function dataConstrainedR2(p: ChinchillaParams, points: readonly DataConstrainedPoint[], rNStar: number, rDStar: number): number {
  const mean = points.reduce((s, q) => s + q.loss, 0) / points.length
  let sse = 0
  let sst = 0
  for (const q of points) {
    sse += (q.loss - dataConstrainedLoss(p, q.params, q.tokens, q.uniqueTokens, { rNStar, rDStar })) ** 2
    sst += (q.loss - mean) ** 2
  }
  return 1 - sse / sst
}

/** The Huber objective at given constants (to compare a published pair with the fitted one). */
export function dataConstrainedObjective(p: ChinchillaParams, points: readonly DataConstrainedPoint[], rNStar: number, rDStar: number, delta = HOFFMANN_HUBER_DELTA): number {
  return objective(p, prepare(p, points), delta)(Float64Array.of(rNStar, rDStar), new Float64Array(2))
}

export function fitDataConstrained(
  p: ChinchillaParams,
  points: readonly DataConstrainedPoint[],
  starts: { rN: readonly number[]; rD: readonly number[] } = { rN: NOTEBOOK_STARTS, rD: NOTEBOOK_STARTS },
  delta = HOFFMANN_HUBER_DELTA,
): DataConstrainedFit {
  const usable = points.filter((q) => q.params > 0 && q.tokens > 0 && q.uniqueTokens > 0 && q.loss > 0 && q.uniqueTokens <= q.tokens)
  if (usable.length < 3) {
    throw new LabError('fit-too-few-points', `The data-constrained fit needs at least 3 runs with parameters, tokens, unique tokens and loss; got ${usable.length}.`, {
      hint: 'Import runs with a unique_tokens column (unique tokens <= tokens).',
    })
  }
  if (usable.length < points.length) {
    throw new LabError('fit-bad-points', `${points.length - usable.length} of ${points.length} runs have a missing or non-positive value or more unique than total tokens.`, {
      hint: 'Fix or drop those runs before fitting.',
    })
  }
  const d = prepare(p, usable)
  const fg = objective(p, d, delta)
  let best: { x: Float64Array; f: number } | null = null
  let converged = 0
  for (const rD of starts.rD) {
    for (const rN of starts.rN) {
      const r = minimizeLbfgs(fg, [rN, rD], { gradientTolerance: 1e-14, relativeTolerance: 1e-15, maxIterations: 2000 })
      if (r.converged) converged++
      if (Number.isFinite(r.f) && (best === null || r.f < best.f)) best = { x: Float64Array.from(r.x), f: r.f }
    }
  }
  if (!best) throw new LabError('fit-failed', 'The data-constrained fit found no finite minimum from any start.')
  return {
    rNStar: best.x[0],
    rDStar: best.x[1],
    objective: best.f,
    r2: dataConstrainedR2(p, usable, best.x[0], best.x[1]),
    n_points: usable.length,
    converged_starts: converged,
    starts: starts.rD.length * starts.rN.length,
  }
}
