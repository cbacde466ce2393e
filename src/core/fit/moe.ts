/**
 * Mixtures of experts.
 *  - FLOPs per token follow the ACTIVE parameters (Fedus et al. 2022, "Switch Transformers", arXiv 2101.03961):
 *    training ~ 6 N_active per token, inference ~ 2 N_active per token, while total parameters grow with the
 *    number of experts: N_total = N_active (1 - f) + E f N_active / k for top-k routing when a fraction f of the
 *    active parameters sits in the expert feed-forward layers.
 *  - The routed scaling law of Clark et al. 2022 ("Unified Scaling Laws for Routed Language Models", arXiv 2202.01169,
 *    eq. 1), with logs in base 10 here:
 *      log10 L(N, E) = a log10 N + b log10 E + c log10 N log10 E + d
 *    N = active (dense-equivalent) parameters, E = number of experts (E = 1 for a dense model), fitted by least
 *    squares on runs that carry an expert count.
 */
import { LabError } from '../../shared/errors'
import { solveLeastSquares } from '../numeric/least-squares'
import type { ScalingPoint } from './types'

export interface RoutedLawParams {
  a: number
  b: number
  c: number
  d: number
}

export interface RoutedLawFit extends RoutedLawParams {
  /** sum of squared residuals of log10 L */
  sse: number
  r2: number
  n_points: number
}

export function trainingFlopsPerToken(activeParams: number): number {
  return 6 * activeParams
}

export function inferenceFlopsPerToken(activeParams: number): number {
  return 2 * activeParams
}

export interface MoeShape {
  /** parameters used per token */
  activeParams: number
  experts: number
  /** fraction of the active parameters in routed expert layers (default 2/3, the FFN share of a standard block) */
  expertFraction?: number
  /** experts used per token (default 1, Switch routing) */
  topK?: number
}

export function moeParameterCounts(shape: MoeShape): { total: number; active: number } {
  const f = shape.expertFraction ?? 2 / 3
  const k = shape.topK ?? 1
  if (!(shape.activeParams > 0 && shape.experts >= 1 && f >= 0 && f <= 1 && k >= 1 && k <= shape.experts)) {
    throw new LabError('moe-bad-shape', 'A mixture of experts needs active parameters > 0, experts >= 1, 0 <= expert fraction <= 1 and 1 <= top-k <= experts.')
  }
  const perExpert = (f * shape.activeParams) / k
  return { total: shape.activeParams * (1 - f) + shape.experts * perExpert, active: shape.activeParams }
}

export function routedLoss(p: RoutedLawParams, N: number, E: number): number {
  const ln = Math.log10(N)
  const le = Math.log10(E)
  return Math.pow(10, p.a * ln + p.b * le + p.c * ln * le + p.d)
}

export function fitRoutedLaw(points: readonly ScalingPoint[]): RoutedLawFit {
  const runs = points.filter((p) => p.experts !== undefined)
  if (runs.length < 5) {
    throw new LabError('fit-too-few-points', `The routed law needs at least 5 runs with an expert count; got ${runs.length}.`, { hint: 'Import runs with an experts column (1 for dense models).' })
  }
  const rows = runs.map((p) => {
    const ln = Math.log10(p.activeParams ?? p.params)
    const le = Math.log10(p.experts as number)
    return [ln, le, ln * le, 1]
  })
  const y = runs.map((p) => Math.log10(p.loss))
  if (new Set(runs.map((p) => p.experts)).size < 2) {
    throw new LabError('fit-too-few-points', 'The routed law needs runs with at least 2 different expert counts.', { hint: 'Include dense runs (experts = 1) or several expert counts.' })
  }
  const r = solveLeastSquares(rows, y)
  const [a, b, c, d] = r.coefficients
  return { a, b, c, d, sse: r.sse, r2: r.r2, n_points: runs.length }
}

export interface DenseVsRoutedRow {
  experts: number
  active_params: number
  total_params: number
  flops_per_token: number
  tokens: number
  loss: number
  /** dense model size with the same loss under the law (E = 1) */
  dense_equivalent_params: number
}

/**
 * At equal training compute C and equal active parameters, dense against routed models: every row trains on
 * D = C / (6 N_active) tokens; the law gives the loss for each expert count.
 */
export function denseVsRouted(p: RoutedLawParams, flops: number, activeParams: number, experts: readonly number[], shape: Omit<MoeShape, 'activeParams' | 'experts'> = {}): DenseVsRoutedRow[] {
  if (!(flops > 0 && activeParams > 0)) throw new LabError('moe-bad-shape', 'Compute and active parameters must be positive.')
  return experts.map((E) => {
    const loss = routedLoss(p, activeParams, E)
    const counts = moeParameterCounts({ activeParams, experts: E, ...shape })
    const denseEq = Math.pow(10, (Math.log10(loss) - p.d) / p.a)
    return {
      experts: E,
      active_params: activeParams,
      total_params: counts.total,
      flops_per_token: trainingFlopsPerToken(activeParams),
      tokens: flops / trainingFlopsPerToken(activeParams),
      loss,
      dense_equivalent_params: denseEq,
    }
  })
}
