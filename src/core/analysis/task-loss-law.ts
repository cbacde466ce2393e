/**
 * Step 1 of two-step task prediction (Bhagia et al. 2024, "Establishing Task Scaling Laws via
 * Compute-Efficient Model Ladders", arXiv 2412.04403): the task loss of a model with N parameters trained
 * on D tokens,
 *   L(N, D) = E + A / N^alpha + B / D^beta          (the Chinchilla form, Hoffmann et al. 2022)
 * or, when the ladder does not vary D independently enough (fewer than 6 points or one D), L(N) = E + A / N^alpha.
 * Least squares on L by variable projection: for fixed (alpha, beta) the law is linear in (E, A, B) >= 0,
 * solved exactly (boundedLeastSquares); (alpha, beta) in [0.01, 3] by grid + Nelder-Mead.
 * Small and self-contained: the general fitting engine lives in src/core/fit.
 */
import type { TaskLossLaw } from '../../shared/api/analysis-results'
export type { TaskLossLaw }
import { boundedLeastSquares } from '../numeric/least-squares'
import { gridThenNelderMead } from './nelder-mead'

const EXPONENT_GRID = [0.05, 0.1, 0.2, 0.3, 0.45, 0.7, 1.0, 1.5]

export function predictTaskLoss(law: TaskLossLaw, N: number, D: number | undefined): number {
  const dTerm = law.form === 'N,D' && D !== undefined ? law.B / D ** law.beta : 0
  return law.E + law.A / N ** law.alpha + dTerm
}

export function fitTaskLoss(N: readonly number[], D: readonly (number | undefined)[], L: readonly number[], form: 'N,D' | 'N'): TaskLossLaw {
  const n = L.length
  const design = (alpha: number, beta: number): number[][] =>
    N.map((nn, i) => (form === 'N,D' ? [1, nn ** -alpha, (D[i] as number) ** -beta] : [1, nn ** -alpha]))
  const nonNeg = form === 'N,D' ? [0, 1, 2] : [0, 1]
  const objective = (p: number[]): number => {
    const fit = boundedLeastSquares(design(p[0], form === 'N,D' ? p[1] : 0), L, nonNeg)
    return fit ? fit.rss : Infinity
  }
  const grid = form === 'N,D' ? [EXPONENT_GRID, EXPONENT_GRID] : [EXPONENT_GRID]
  const best = gridThenNelderMead(objective, grid, {
    lower: grid.map(() => 0.01),
    upper: grid.map(() => 3),
    step: grid.map(() => 0.05),
    polish: 4,
    tolerance: 1e-14,
  })
  const alpha = best.x[0]
  const beta = form === 'N,D' ? best.x[1] : 0
  const fit = boundedLeastSquares(design(alpha, beta), L, nonNeg)
  const coef = fit ? fit.beta : [L.reduce((s, v) => s + v, 0) / n, 0, 0]
  return { form, E: coef[0], A: coef[1], alpha, B: form === 'N,D' ? coef[2] : 0, beta, rss: fit ? fit.rss : Infinity, n }
}
