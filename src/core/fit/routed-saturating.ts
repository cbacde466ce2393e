/**
 * Clark et al.'s routed law with the saturating expert count (Clark et al. 2022, "Unified Scaling Laws for Routed
 * Language Models", arXiv 2202.01169, eq. 1 with the transform of the repository's example.ipynb):
 *
 *   log10 L(N, E) = a log10 N + b log10 E^ + c log10 N log10 E^ + d
 *   1 / E^ = 1 / (E - 1 + (1 / E_start - 1 / E_max)^-1) + 1 / E_max,   E_start = 2^s, E_max = 2^m
 *
 * N = dense-equivalent (active) parameters, E = experts (1 for a dense model). The plain form with E^ = E is
 * fitRoutedLaw in ./moe.ts. Fitted by variable projection: for fixed (s, m) the law is linear in a..d (least
 * squares on log10 L); the mean squared residual is profiled over a grid of (s, m) (s in [0, 6], m in [s + 0.5, 14],
 * steps of 0.1) and the best grid point is polished by Nelder-Mead.
 */
import { LabError } from '../../shared/errors'
import { nelderMead } from '../analysis/nelder-mead'
import { solveLeastSquares } from '../numeric/least-squares'
import type { RoutedLawParams } from './moe'

export interface RoutedRun {
  activeParams: number
  experts: number
  loss: number
}

export interface SaturatingRoutedFit extends RoutedLawParams {
  /** log2 E_start and log2 E_max */
  eStartLog2: number
  eMaxLog2: number
  /** mean squared residual of log10 L */
  mse_log10: number
  n_points: number
}

export function saturatedExperts(e: number, eStartLog2: number, eMaxLog2: number): number {
  const es = Math.pow(2, eStartLog2)
  const em = Math.pow(2, eMaxLog2)
  return 1 / (1 / (e - 1 + 1 / (1 / es - 1 / em)) + 1 / em)
}

function design(runs: readonly RoutedRun[], s: number, m: number): number[][] | null {
  if (!(m >= s + 0.5)) return null
  const rows: number[][] = []
  for (const r of runs) {
    const eh = saturatedExperts(r.experts, s, m)
    if (!(eh > 0 && Number.isFinite(eh))) return null
    const ln = Math.log10(r.activeParams)
    const le = Math.log10(eh)
    rows.push([ln, le, ln * le, 1])
  }
  return rows
}

/** Mean squared residual of the least-squares a..d at (s, m), by the 4 x 4 normal equations (the grid's inner loop). */
function profileMse(runs: readonly RoutedRun[], y: readonly number[], s: number, m: number): number {
  const rows = design(runs, s, m)
  if (!rows) return Infinity
  const A = Array.from({ length: 4 }, () => [0, 0, 0, 0, 0])
  rows.forEach((row, i) => {
    for (let j = 0; j < 4; j++) {
      for (let k = 0; k < 4; k++) A[j][k] += row[j] * row[k]
      A[j][4] += row[j] * y[i]
    }
  })
  for (let c = 0; c < 4; c++) {
    let piv = c
    for (let r = c + 1; r < 4; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r
    ;[A[c], A[piv]] = [A[piv], A[c]]
    if (!(Math.abs(A[c][c]) > 1e-300)) return Infinity
    for (let r = c + 1; r < 4; r++) {
      const f = A[r][c] / A[c][c]
      for (let k = c; k < 5; k++) A[r][k] -= f * A[c][k]
    }
  }
  const beta = [0, 0, 0, 0]
  for (let c = 3; c >= 0; c--) {
    let v = A[c][4]
    for (let k = c + 1; k < 4; k++) v -= A[c][k] * beta[k]
    beta[c] = v / A[c][c]
  }
  let sse = 0
  rows.forEach((row, i) => (sse += (y[i] - row.reduce((t, v, j) => t + v * beta[j], 0)) ** 2))
  return Number.isFinite(sse) ? sse / runs.length : Infinity
}

/** The accurate solve (Householder QR) at the final (s, m). */
function profile(runs: readonly RoutedRun[], y: readonly number[], s: number, m: number): { mse: number; coef: number[] } | null {
  const rows = design(runs, s, m)
  if (!rows) return null
  try {
    const fit = solveLeastSquares(rows, y)
    return { mse: fit.sse / runs.length, coef: fit.coefficients }
  } catch {
    return null
  }
}

export function fitSaturatingRoutedLaw(runs: readonly RoutedRun[]): SaturatingRoutedFit {
  if (runs.length < 6) throw new LabError('fit-too-few-points', `The saturating routed law has 6 parameters and needs more runs; got ${runs.length}.`)
  if (new Set(runs.map((r) => r.experts)).size < 3) {
    throw new LabError('fit-too-few-points', 'The saturating routed law needs runs with at least 3 different expert counts.', { hint: 'Include dense runs (experts = 1) and several expert counts.' })
  }
  const y = runs.map((r) => Math.log10(r.loss))
  const f = (x: number[]): number => profileMse(runs, y, x[0], x[1])
  let start = { x: [0, 0], value: Infinity }
  for (let i = 0; i <= 60; i++) {
    const s = i / 10
    for (let j = 0; s + 0.5 + j / 10 <= 14 + 1e-9; j++) {
      const x = [s, s + 0.5 + j / 10]
      const v = f(x)
      if (v < start.value) start = { x, value: v }
    }
  }
  if (!Number.isFinite(start.value)) throw new LabError('fit-degenerate', 'The saturating routed law could not be fitted at any grid point.')
  const polished = nelderMead(f, start.x, { step: [0.05, 0.05], maxIterations: 2000, tolerance: 1e-13 })
  const best = polished.value <= start.value ? polished.x : start.x
  const r = profile(runs, y, best[0], best[1])
  if (!r) throw new LabError('fit-degenerate', 'The saturating routed law fit ended outside its domain.')
  const [a, b, c, d] = r.coef
  return { a, b, c, d, eStartLog2: best[0], eMaxLog2: best[1], mse_log10: r.mse, n_points: runs.length }
}
