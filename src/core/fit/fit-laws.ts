/**
 * Fit one law on one data selection (no bootstrap, no backtest): dispatch to the law's file, name the parameters
 * as the CLI prints them, and report the objective, convergence and law-specific diagnostics. Also the derived
 * quantities every law offers (exponents a, b, N_opt, D_opt, tokens per parameter and loss at a budget, loss at
 * 10x the largest scale in the data), computed the same way for the full fit and for every bootstrap resample.
 */
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { allocationExponents, CHINCHILLA_BUDGET, chinchillaExponents } from './allocation'
import { chinchillaData, type ChinchillaData } from './chinchilla-objective'
import { fitChinchillaFrom, fitChinchillaGrid } from './chinchilla-grid'
import type { LbfgsMemory } from './lbfgs'
import { CHINCHILLA_PARAM_NAMES, chinchillaVectorFromParams } from './chinchilla-law'
import { fitChinchillaMle, HOFFMANN_START } from './chinchilla-mle'
import { fitEnvelope } from './envelope'
import { fitIsoflop } from './isoflop'
import { fitKaplanJoint } from './kaplan-joint'
import { fitPowerLawWithIrreducible, fitPurePowerLaw } from './kaplan-power-law'
import { lawModel } from './law-model'
import { fitRoutedLaw } from './moe'
import type { FitOptions, LawName, ScalingPoint } from './types'
import { requireConverged, requireCount, requireDistinct, requireFinite, validatePoints } from './validate'

export interface LawFit {
  params: Record<string, number>
  objective: number
  objectiveKind: string
  converged: boolean
  iterations: number
  diagnostics: Record<string, unknown>
  /** optimiser vector for warm starts: Approach 3 [a, b, e, alpha, beta] (+ log sigma for huber-mle), kaplan-nd [alpha_N, alpha_D, log N_c, log D_c] */
  vector?: number[]
}

/** Smallest selection each law accepts. */
export const MIN_POINTS: Record<LawName, number> = {
  'kaplan-n': 2,
  'kaplan-d': 2,
  'kaplan-c': 2,
  'kaplan-nd': 5,
  envelope: 3,
  isoflop: 6,
  chinchilla: 6,
  routed: 5,
}

const SINGLE: Record<'kaplan-n' | 'kaplan-d' | 'kaplan-c', { key: 'N' | 'D' | 'C'; field: 'params' | 'tokens' | 'flops'; what: string }> = {
  'kaplan-n': { key: 'N', field: 'params', what: 'parameter counts' },
  'kaplan-d': { key: 'D', field: 'tokens', what: 'token counts' },
  'kaplan-c': { key: 'C', field: 'flops', what: 'compute budgets' },
}

export function checkFitInput(law: LawName, points: readonly ScalingPoint[], options: FitOptions): void {
  validatePoints(points, law)
  const irreducible = options.irreducible === true && (law === 'kaplan-n' || law === 'kaplan-d' || law === 'kaplan-c')
  requireCount(points.length, MIN_POINTS[law] + (irreducible ? 1 : 0), law)
  if (law in SINGLE) {
    const s = SINGLE[law as keyof typeof SINGLE]
    requireDistinct(points.map((p) => p[s.field]), irreducible ? 3 : 2, law, s.what)
  }
  if (law === 'kaplan-nd' || law === 'chinchilla') {
    requireDistinct(points.map((p) => p.params), 2, law, 'parameter counts')
    requireDistinct(points.map((p) => p.tokens), 2, law, 'token counts')
  }
  if (options.flopsCutoff !== undefined && points.some((p) => !(p.flops > 0))) {
    const p = points.find((q) => !(q.flops > 0))!
    throw new LabError('fit-bad-option', `A backtest splits runs by compute, but run "${p.run}" records neither FLOPs nor tokens.`, { hint: `Leave out --flops-cutoff, or exclude run "${p.run}".` })
  }
  if (options.budget !== undefined && !(Number.isFinite(options.budget) && options.budget > 0)) {
    throw new LabError('fit-bad-option', `The budget must be a positive number of FLOPs; got ${String(options.budget)}.`)
  }
  if (options.estimator !== undefined && options.estimator !== 'huber-sum' && options.estimator !== 'huber-mle') {
    throw new LabError('fit-bad-option', `Unknown estimator "${String(options.estimator)}"; use huber-sum or huber-mle.`)
  }
}

/** A bootstrap resample's warm start: the full-data optimiser vector (and, for Approach 3, case-weighted data). */
export interface WarmStart {
  vector: number[]
  data?: ChinchillaData
  /** Approach 3 (huber-sum): curvature pairs near the full-data optimum (curvatureNear) */
  memory?: LbfgsMemory
}

/** Fit `law` on `points`. `warm` (Approach 3 and kaplan-nd) replaces the grid of starts by one run from a known optimum (bootstrap resamples). */
export function fitLaw(law: LawName, points: readonly ScalingPoint[], options: FitOptions = {}, opts: ProgressOptions = {}, warm?: WarmStart): LawFit {
  throwIfCancelled(opts.signal)
  switch (law) {
    case 'kaplan-n':
    case 'kaplan-d':
    case 'kaplan-c': {
      const s = SINGLE[law]
      const x = points.map((p) => p[s.field])
      const loss = points.map((p) => p.loss)
      const r = options.irreducible ? fitPowerLawWithIrreducible(x, loss) : fitPurePowerLaw(x, loss)
      const params: Record<string, number> = { [`alpha_${s.key}`]: r.alpha, [`${s.key}_c`]: r.xc }
      if (options.irreducible) params.E = r.E
      return { params, objective: r.sse, objectiveKind: 'sum of squared log residuals', converged: r.converged, iterations: r.iterations, diagnostics: {} }
    }
    case 'kaplan-nd': {
      const r = fitKaplanJoint(points, warm ? [warm.vector] : undefined)
      return {
        vector: [r.alpha_N, r.alpha_D, Math.log(r.N_c), Math.log(r.D_c)],
        params: { alpha_N: r.alpha_N, alpha_D: r.alpha_D, N_c: r.N_c, D_c: r.D_c },
        objective: r.sse,
        objectiveKind: 'sum of squared log residuals',
        converged: r.converged,
        iterations: r.iterations,
        diagnostics: {},
      }
    }
    case 'envelope': {
      const r = fitEnvelope(points, options.isoflopTolerance)
      return {
        params: { a: r.a, b: r.b, k_N: r.k_N, k_D: r.k_D, alpha_L: r.alpha_L, k_L: r.k_L },
        objective: 1 - r.r2_N,
        objectiveKind: '1 - r^2 of log N_opt against log C',
        converged: true,
        iterations: 0,
        diagnostics: { tolerance: r.tolerance, levels: r.levels, envelope: r.envelope },
      }
    }
    case 'isoflop': {
      const r = fitIsoflop(points, options.isoflopTolerance)
      return {
        params: { a: r.a, b: r.b, k_N: r.k_N, k_D: r.k_D, alpha_L: r.alpha_L, k_L: r.k_L },
        objective: 1 - r.r2_N,
        objectiveKind: '1 - r^2 of log N_opt against log C',
        converged: true,
        iterations: 0,
        diagnostics: { tolerance: r.tolerance, groups: r.groups, ungrouped: r.ungrouped },
      }
    }
    case 'routed': {
      const r = fitRoutedLaw(points)
      return {
        params: { a: r.a, b: r.b, c: r.c, d: r.d },
        objective: r.sse,
        objectiveKind: 'sum of squared log10 residuals',
        converged: true,
        iterations: 0,
        diagnostics: { r2: r.r2, runs_with_experts: r.n_points },
      }
    }
    case 'chinchilla':
      return fitApproach3(points, options, opts, warm)
  }
}

function fitApproach3(points: readonly ScalingPoint[], options: FitOptions, opts: ProgressOptions, warm?: WarmStart): LawFit {
  const data = warm?.data ?? chinchillaData(points)
  const estimator = options.estimator ?? 'huber-sum'
  const named = (x: ArrayLike<number>): Record<string, number> => {
    const out: Record<string, number> = { E: Math.exp(x[2]), A: Math.exp(x[0]), B: Math.exp(x[1]), alpha: x[3], beta: x[4] }
    return Object.fromEntries(CHINCHILLA_PARAM_NAMES.map((k) => [k, out[k]]))
  }
  if (estimator === 'huber-sum') {
    if (warm) {
      const r = fitChinchillaFrom(data, warm.vector.slice(0, 5), { memory: warm.memory })
      const x = Array.from(r.x)
      return { params: named(x), objective: r.f, objectiveKind: 'sum of Huber(1e-3) losses of log residuals', converged: r.converged, iterations: r.iterations, diagnostics: { stop_reason: r.reason }, vector: x }
    }
    const g = fitChinchillaGrid(data, { signal: opts.signal, onProgress: opts.onProgress })
    return {
      params: named(g.x),
      objective: g.objective,
      objectiveKind: 'sum of Huber(1e-3) losses of log residuals',
      converged: g.converged,
      iterations: g.iterations,
      diagnostics: { estimator, starts: g.starts, explorers: g.explorers, merged: g.merged, best_start: g.bestStart, stop_reason: g.reason, optima: g.optima },
      vector: g.x,
    }
  }
  // huber-mle: Hoffmann's values (as Besiroglu et al.), plus the Huber-sum grid optimum as a second start
  if (warm) {
    const m = fitChinchillaMle(data, { starts: [warm.vector.slice(0, 5)], logSigmaStarts: [warm.vector[5] ?? 0] })
    return { params: named(m.x), objective: m.nll, objectiveKind: 'negative log-likelihood (Huber density, free scale)', converged: m.converged, iterations: m.iterations, diagnostics: { sigma: m.sigma }, vector: [...m.x, Math.log(m.sigma)] }
  }
  const g = fitChinchillaGrid(data, { signal: opts.signal, onProgress: (f, msg) => opts.onProgress?.(0.9 * f, msg) })
  const starts = [chinchillaVectorFromParams(HOFFMANN_START)]
  if (Number.isFinite(g.objective)) starts.push(g.x)
  const m = fitChinchillaMle(data, { starts })
  opts.onProgress?.(1, 'likelihood fit done')
  return {
    params: named(m.x),
    objective: m.nll,
    objectiveKind: 'negative log-likelihood (Huber density, free scale)',
    converged: m.converged,
    iterations: m.iterations + g.iterations,
    diagnostics: { estimator: 'huber-mle', sigma: m.sigma, stop_reason: m.reason, huber_sum_start: named(g.x) },
    vector: [...m.x, Math.log(m.sigma)],
  }
}

/** Finish a LawFit for users: parameters must be finite and the optimiser must have converged. */
export function checkLawFit(law: LawName, fit: LawFit): void {
  requireFinite(fit.params, law)
  requireConverged(fit.converged, law, String(fit.diagnostics.stop_reason ?? 'optimiser stopped early'))
}

export interface DeriveContext {
  budget?: number
  /** largest N, D and C in the data (for loss at 10x scale) */
  maxParams: number
  maxTokens: number
  maxFlops: number
}

export function deriveContext(points: readonly ScalingPoint[], options: FitOptions): DeriveContext {
  let maxParams = 0
  let maxTokens = 0
  let maxFlops = 0
  for (const p of points) {
    if (p.params > maxParams) maxParams = p.params
    if (p.tokens > maxTokens) maxTokens = p.tokens
    if (p.flops > maxFlops) maxFlops = p.flops
  }
  return { budget: options.budget, maxParams, maxTokens, maxFlops }
}

/** Derived quantities of a law's parameters; keys whose value is not finite are left out. */
export function deriveQuantities(law: LawName, params: Record<string, number>, ctx: DeriveContext): Record<string, number> {
  const out: Record<string, number> = {}
  const budget = ctx.budget ?? CHINCHILLA_BUDGET
  const put = (k: string, v: number): void => {
    if (Number.isFinite(v)) out[k] = v
  }
  const safe = (fn: () => void): void => {
    try {
      fn()
    } catch (e) {
      if (!(e instanceof LabError)) throw e
    }
  }
  const model = lawModel({ law, params })
  if (law === 'kaplan-n' || law === 'kaplan-d' || law === 'kaplan-c') {
    const key = law === 'kaplan-n' ? 'params' : law === 'kaplan-d' ? 'tokens' : 'flops'
    const x = 10 * (key === 'params' ? ctx.maxParams : key === 'tokens' ? ctx.maxTokens : ctx.maxFlops)
    put('loss_10x', model.predict({ params: x, tokens: x, flops: x }))
    if (law === 'kaplan-c') {
      put('C_c_pf_days', params.C_c / 8.64e19)
      put('loss_at_budget', model.predict({ params: 0, tokens: 0, flops: budget }))
    }
    return out
  }
  if (law === 'routed') return out
  if (law === 'chinchilla') {
    safe(() => {
      const e = chinchillaExponents({ E: params.E, A: params.A, B: params.B, alpha: params.alpha, beta: params.beta })
      put('a', e.a)
      put('b', e.b)
      put('G', e.G)
    })
  } else if (law === 'envelope' || law === 'isoflop') {
    put('a', params.a)
    put('b', params.b)
  } else if (law === 'kaplan-nd' && model.allocate) {
    const allocate = model.allocate
    safe(() => {
      const e = allocationExponents(allocate, budget)
      put('a', e.a)
      put('b', e.b)
    })
  }
  if (model.allocate) {
    const allocate = model.allocate
    safe(() => {
      const a = allocate(budget)
      put('N_opt', a.N_opt)
      put('D_opt', a.D_opt)
      put('tokens_per_param', a.tokens_per_param)
      put('loss_opt', a.loss)
    })
    safe(() => put('loss_10x', allocate(10 * ctx.maxFlops).loss))
  }
  return out
}
