/**
 * Fit one specification of the robustness audit and read off its decision quantities at the budget.
 *  Approach 3 (Hoffmann et al. 2022, arXiv 2203.15556, eq. 2, App. D.2): L = E + A/N^alpha + B/D^beta by
 *   - huber-1e-3 / huber-1e-4: sum of Huber(delta) losses of log residuals (chinchilla-grid.ts);
 *   - least-squares: the same objective with delta = infinity, i.e. sum r_i^2 / 2 of log residuals;
 *   - huber-mle: Huber likelihood with free scale (Besiroglu et al. 2024, arXiv 2404.10102; chinchilla-mle.ts),
 *     from the grid's Huber-sum optimum and Hoffmann's values ('grid') or Hoffmann's values alone ('hoffmann');
 *   the start 'grid' is the 4,500-start grid, 'hoffmann' one start at Hoffmann et al.'s published values.
 *   a = beta / (alpha + beta), b = alpha / (alpha + beta); N_opt, D_opt and the loss at C from allocation.ts.
 *  Approaches 1 and 2 (envelope.ts, isoflop.ts): the frontier N_opt = k_N C^a, D_opt = k_D C^b, L_opt = k_L C^-alpha_L.
 * A specification the data cannot support (the fitter refuses it) comes back as a reason, not a number.
 */
import { LabError } from '../../shared/errors'
import { chinchillaData } from '../fit/chinchilla-objective'
import { fitChinchillaGrid, type GridFitResult } from '../fit/chinchilla-grid'
import { chinchillaVectorFromParams, CHINCHILLA_PARAM_NAMES } from '../fit/chinchilla-law'
import { fitChinchillaMle, HOFFMANN_START } from '../fit/chinchilla-mle'
import { checkFitInput, deriveContext, deriveQuantities, fitLaw } from '../fit/fit-laws'
import type { LawName, ScalingPoint } from '../fit/types'
import type { AuditEstimator, OptimiserStart, SpecChoices, SpecResult } from './types'

const DELTA: Record<Exclude<AuditEstimator, 'huber-mle'>, number> = { 'huber-1e-3': 1e-3, 'huber-1e-4': 1e-4, 'least-squares': Infinity }

export type SpecOutcome = { ok: true; result: SpecResult } | { ok: false; reason: string }

const LAW_OF: Record<SpecChoices['approach'], LawName> = { '1': 'envelope', '2': 'isoflop', '3': 'chinchilla' }

function named(x: ArrayLike<number>): Record<string, number> {
  const all: Record<string, number> = { E: Math.exp(x[2]), A: Math.exp(x[0]), B: Math.exp(x[1]), alpha: x[3], beta: x[4] }
  return Object.fromEntries(CHINCHILLA_PARAM_NAMES.map((k) => [k, all[k]]))
}

/**
 * The Huber(1e-3) grid optimum of a point set, kept between the specifications of one point set (the huber-1e-3 grid
 * specification and the huber-mle grid specification's second start are the same fit).
 */
export type GridCache = Map<string, GridFitResult>

/** Approach 3 under one estimator and start: [params, converged]. `key` names the point set for the cache. */
export function fitApproach3Spec(points: readonly ScalingPoint[], estimator: AuditEstimator, start: OptimiserStart, cache?: { map: GridCache; key: string }): { params: Record<string, number>; converged: boolean } {
  const data = chinchillaData(points)
  const hoffmann = chinchillaVectorFromParams(HOFFMANN_START)
  const huberGrid = (): GridFitResult => {
    const hit = cache?.map.get(cache.key)
    if (hit) return hit
    const g = fitChinchillaGrid(data)
    cache?.map.set(cache.key, g)
    return g
  }
  if (estimator === 'huber-mle') {
    const starts = [hoffmann]
    if (start === 'grid') {
      const g = huberGrid()
      if (Number.isFinite(g.objective)) starts.push(g.x)
    }
    const m = fitChinchillaMle(data, { starts })
    return { params: named(m.x), converged: m.converged }
  }
  const g = estimator === 'huber-1e-3' && start === 'grid' ? huberGrid() : fitChinchillaGrid(data, { delta: DELTA[estimator], starts: start === 'hoffmann' ? [hoffmann] : undefined })
  return { params: named(g.x), converged: g.converged }
}

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null)

/** The point set a specification fits, as a cache key. */
export const pointSetKey = (c: SpecChoices): string => `${c.points}|${c.n_definition}|${c.flops ?? 'recorded'}`

export function runSpec(points: readonly ScalingPoint[], choices: SpecChoices, id: number, budget: number, cache?: GridCache): SpecOutcome {
  const law = LAW_OF[choices.approach]
  try {
    checkFitInput(law, points, {})
    let params: Record<string, number>
    let converged: boolean
    if (choices.approach === '3') {
      ;({ params, converged } = fitApproach3Spec(points, choices.estimator ?? 'huber-1e-3', choices.start ?? 'grid', cache && { map: cache, key: pointSetKey(choices) }))
    } else {
      const fit = fitLaw(law, points, {})
      params = fit.params
      converged = fit.converged
    }
    if (!Object.values(params).every(Number.isFinite)) return { ok: false, reason: 'the optimiser reached no finite optimum' }
    const derived = deriveQuantities(law, params, deriveContext(points, { budget }))
    return {
      ok: true,
      result: { id, choices, n_points: points.length, params, a: finite(derived.a), b: finite(derived.b), tokens_per_param: finite(derived.tokens_per_param), loss_at_budget: finite(derived.loss_opt), converged },
    }
  } catch (e) {
    if (e instanceof LabError) return { ok: false, reason: e.message }
    throw e
  }
}
