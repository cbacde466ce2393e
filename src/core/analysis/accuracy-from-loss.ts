/**
 * Step 2 of two-step task prediction (Bhagia et al. 2024, arXiv 2412.04403): task accuracy from task loss
 * with a sigmoid,
 *   Acc(L) = a / (1 + exp(-k (L - L0))) + b,
 * with k <= 0 (accuracy falls as loss rises; this also removes the sign symmetry (a, k) -> (-a, -k)).
 * Least squares by variable projection: (a, b) exactly for each (k, L0), (k, L0) by grid + Nelder-Mead.
 * Optional bounds, as the OLMo ladder's step 2 uses them (allenai/OLMo-ladder src/scripts/step2.py: the sigmoid's
 * value at zero loss at most `ceiling` = the task maximum 1.0, a >= 0, and L0 >= `minL0` = 0): with the ceiling the
 * linear part is solved as u s + c (1 - s) with u = a + b <= ceiling, clamped to the bound when it is crossed.
 */
import type { AccuracyFromLoss } from '../../shared/api/analysis-results'
export type { AccuracyFromLoss }
import { weightedLeastSquares } from '../numeric/least-squares'
import { gridThenNelderMead } from './nelder-mead'

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))

export function predictAccuracy(fit: AccuracyFromLoss, loss: number): number {
  return fit.a * sigmoid(fit.k * (loss - fit.L0)) + fit.b
}

export interface AccuracyFitBounds {
  /** upper bound on the accuracy at zero loss, a + b (the task's maximum accuracy) */
  ceiling?: number
  /** lower bound on the midpoint L0 */
  minL0?: number
  /** start the search here instead of the grid (a bootstrap resample started at the full data's optimum) */
  start?: { k: number; L0: number }
}

/**
 * (a, b) with a + b <= ceiling and a >= 0, for fixed (k, L0): least squares in (u = a + b, c = b) on the columns
 * (s, 1 - s), s the sigmoid, by the 2 x 2 normal equations (sums only: this runs inside every bootstrap refit).
 */
function solveCeiled(L: readonly number[], acc: readonly number[], k: number, L0: number, ceiling: number): { a: number; b: number; rss: number } | null {
  let suu = 0
  let suc = 0
  let scc = 0
  let sua = 0
  let sca = 0
  let saa = 0
  for (let i = 0; i < L.length; i++) {
    const si = sigmoid(k * (L[i] - L0))
    const ti = 1 - si
    suu += si * si
    suc += si * ti
    scc += ti * ti
    sua += si * acc[i]
    sca += ti * acc[i]
    saa += acc[i] * acc[i]
  }
  const det = suu * scc - suc * suc
  if (!(det > 1e-12 * suu * scc)) return null
  let u = (sua * scc - sca * suc) / det
  let c = (suu * sca - suc * sua) / det
  if (u > ceiling) {
    u = ceiling
    c = scc > 0 ? (sca - u * suc) / scc : 0
  }
  if (c > u) {
    // a < 0 would make accuracy rise with loss: the best constant at or below the ceiling
    c = u = Math.min(ceiling, (sua + sca) / L.length)
  }
  const rss = Math.max(0, saa - 2 * (u * sua + c * sca) + u * u * suu + 2 * u * c * suc + c * c * scc)
  return { a: u - c, b: c, rss }
}

function solveLinear(L: readonly number[], acc: readonly number[], k: number, L0: number, bounds: AccuracyFitBounds = {}): { a: number; b: number; rss: number } {
  const ceiled = bounds.ceiling !== undefined ? solveCeiled(L, acc, k, L0, bounds.ceiling) : undefined
  if (ceiled) return ceiled
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

export function fitAccuracyFromLoss(L: readonly number[], acc: readonly number[], bounds: AccuracyFitBounds = {}): AccuracyFromLoss {
  const lo = Math.min(...L)
  const hi = Math.max(...L)
  const span = Math.max(hi - lo, 1e-6)
  const kGrid = [-0.5, -2, -5, -12, -30].map((v) => v / span)
  const l0Grid = [lo - span, lo - 0.25 * span, lo + 0.25 * span, lo + 0.5 * span, lo + 0.75 * span, hi + 0.25 * span, hi + span]
  const minL0 = Math.max(lo - 3 * span, bounds.minL0 ?? -Infinity)
  const grid = bounds.start ? [[bounds.start.k], [Math.max(bounds.start.L0, minL0)]] : [kGrid, l0Grid.map((v) => Math.max(v, minL0))]
  const best = gridThenNelderMead((p) => solveLinear(L, acc, p[0], p[1], bounds).rss, grid, {
    lower: [-200 / span, minL0],
    upper: [0, hi + 3 * span],
    step: [1 / span, 0.1 * span],
    polish: 4,
  })
  const [k, L0] = best.x
  const { a, b, rss } = solveLinear(L, acc, k, L0, bounds)
  return { a, k, L0, b, rss, n: L.length }
}
