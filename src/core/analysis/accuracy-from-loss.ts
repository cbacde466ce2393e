/**
 * Step 2 of two-step task prediction (Bhagia et al. 2024, arXiv 2412.04403): task accuracy from task loss
 * with a sigmoid,
 *   Acc(L) = a / (1 + exp(-k (L - L0))) + b,
 * with k <= 0 (accuracy falls as loss rises; this also removes the sign symmetry (a, k) -> (-a, -k)).
 * Least squares by variable projection: (a, b) exactly for each (k, L0), (k, L0) by grid + Nelder-Mead.
 */
import type { AccuracyFromLoss } from '../../shared/api/analysis-results'
export type { AccuracyFromLoss }
import { weightedLeastSquares } from '../numeric/least-squares'
import { gridThenNelderMead } from './nelder-mead'

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))

export function predictAccuracy(fit: AccuracyFromLoss, loss: number): number {
  return fit.a * sigmoid(fit.k * (loss - fit.L0)) + fit.b
}

function solveLinear(L: readonly number[], acc: readonly number[], k: number, L0: number): { a: number; b: number; rss: number } {
  const fit = weightedLeastSquares(
    L.map((l) => [sigmoid(k * (l - L0)), 1]),
    acc,
  )
  if (!fit) {
    const b = acc.reduce((s, v) => s + v, 0) / acc.length
    return { a: 0, b, rss: acc.reduce((s, v) => s + (v - b) ** 2, 0) }
  }
  return { a: fit.beta[0], b: fit.beta[1], rss: fit.rss }
}

export function fitAccuracyFromLoss(L: readonly number[], acc: readonly number[]): AccuracyFromLoss {
  const lo = Math.min(...L)
  const hi = Math.max(...L)
  const span = Math.max(hi - lo, 1e-6)
  const kGrid = [-0.5, -2, -5, -12, -30].map((v) => v / span)
  const l0Grid = [lo - span, lo - 0.25 * span, lo + 0.25 * span, lo + 0.5 * span, lo + 0.75 * span, hi + 0.25 * span, hi + span]
  const best = gridThenNelderMead((p) => solveLinear(L, acc, p[0], p[1]).rss, [kGrid, l0Grid], {
    lower: [-200 / span, lo - 3 * span],
    upper: [0, hi + 3 * span],
    step: [1 / span, 0.1 * span],
    polish: 4,
  })
  const [k, L0] = best.x
  const { a, b, rss } = solveLinear(L, acc, k, L0)
  return { a, k, L0, b, rss, n: L.length }
}
