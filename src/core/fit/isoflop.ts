/**
 * Chinchilla Approach 2: IsoFLOP profiles (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models",
 * arXiv 2203.15556, Section 3.2). For each group of runs with (nearly) the same compute C_g, fit a parabola
 *
 *   L = c0 + c1 x + c2 x^2,  x = log10 N;   vertex x* = -c1 / (2 c2) (needs c2 > 0),  N_opt(C_g) = 10^x*,
 *   D_opt(C_g) = C_g / (6 N_opt),  L_min = c0 - c1^2 / (4 c2)
 *
 * then fit the power laws N_opt = k_N C^a, D_opt = k_D C^b (and the frontier L_min = k_L C^-alpha_L) by least
 * squares in log-log. Hoffmann et al. report a = 0.49, b = 0.51 (Table 2). Groups come from groupByCompute.
 *
 * A parabola says nothing about an optimum it does not bracket, so each budget is fitted around its best run and
 * used only when its minimum is bracketed (the lab's rule, checked by scripts/reference/fit-isoflop.py):
 *  - no run with the budget's lowest loss may be the smallest or the largest model of the budget (else:
 *    'minimum-at-edge'; ties count: a tie with an end does not bracket the minimum);
 *  - the parabola is fitted on the lowest-loss run (the smallest, on ties) and up to ISOFLOP_WINDOW_SIDE
 *    neighbouring runs on each side in order of size;
 *  - it must open upward (else: 'opens-downward') and its vertex must lie within the sizes fitted (else:
 *    'vertex-outside'). Fewer than 3 distinct sizes: 'too-few-sizes'.
 * Every budget is reported with `used` and, when skipped, a `reason` code and a sentence.
 */
import { LabError } from '../../shared/errors'
import { DEFAULT_ISOFLOP_TOLERANCE, groupByCompute } from './compute-groups'
import { fitLogLinear, solveLeastSquares } from '../numeric/least-squares'
import type { FrontierFit } from './frontier'
import type { ScalingPoint } from './types'

/** Sizes fitted on each side of a budget's lowest-loss run (so at most 2 x 2 + 1 = 5 sizes per parabola). */
export const ISOFLOP_WINDOW_SIDE = 2

export type IsoflopSkipReason = 'too-few-sizes' | 'minimum-at-edge' | 'opens-downward' | 'vertex-outside'

export interface IsoflopGroup {
  flops: number
  runs: string[]
  /** [log10 N, loss] of each member */
  points: [number, number][]
  /** whether the budget's vertex enters the N_opt(C), D_opt(C) fits */
  used: boolean
  /** why the budget was skipped (absent when used) */
  reason?: IsoflopSkipReason
  /** the lowest-loss run of the budget */
  best?: string
  /** the runs the parabola was fitted on (the best run and its neighbouring sizes) */
  fitted?: string[]
  /** parabola coefficients [c0, c1, c2] in x = log10 N, fitted on `fitted` */
  parabola?: [number, number, number]
  /** vertex of the parabola, present only when the budget is used (so always within the sizes fitted) */
  vertex?: { N: number; D: number; loss: number; log10N: number; inRange: boolean }
  /** 'vertex-outside': where the vertex fell (never used) */
  extrapolated?: { N: number; log10N: number }
  /** the reason as a sentence (kept under this name for stored fits and charts) */
  rejected?: string
}

export interface IsoflopFit extends FrontierFit {
  tolerance: number
  groups: IsoflopGroup[]
  ungrouped: string[]
}

function skip(group: IsoflopGroup, reason: IsoflopSkipReason, sentence: string): IsoflopGroup {
  return { ...group, used: false, reason, rejected: sentence }
}

/** One budget: fit around its best run, use it only when the minimum is bracketed. */
export function fitIsoflopGroup(flops: number, members: readonly ScalingPoint[]): IsoflopGroup {
  const pts: [number, number][] = members.map((p) => [Math.log10(p.params), p.loss])
  const group: IsoflopGroup = { flops, runs: members.map((p) => p.run), points: pts, used: false }
  const order = pts.map((_, i) => i).sort((i, j) => pts[i][0] - pts[j][0] || pts[i][1] - pts[j][1])
  const distinct = new Set(pts.map((p) => p[0].toFixed(9))).size
  if (distinct < 3) return skip(group, 'too-few-sizes', `only ${distinct} distinct model size(s); a parabola needs 3`)
  const lowest = Math.min(...pts.map((p) => p[1]))
  const ranks = order.map((i, r) => (pts[i][1] === lowest ? r : -1)).filter((r) => r >= 0)
  const bestRank = ranks[0]
  const best = members[order[bestRank]].run
  group.best = best
  const xs = order.map((i) => pts[i][0])
  const atEdge = ranks.find((r) => xs[r] === xs[0] || xs[r] === xs[xs.length - 1])
  if (atEdge !== undefined) {
    const where = xs[atEdge] === xs[0] ? 'smallest' : 'largest'
    return skip(group, 'minimum-at-edge', `the lowest loss is at the ${where} model sampled (${members[order[atEdge]].run}): the minimum is not bracketed`)
  }
  const window = order.slice(Math.max(0, bestRank - ISOFLOP_WINDOW_SIDE), Math.min(order.length, bestRank + ISOFLOP_WINDOW_SIDE + 1))
  group.fitted = window.map((i) => members[i].run)
  const wx = window.map((i) => pts[i][0])
  const { coefficients } = solveLeastSquares(wx.map((x) => [1, x, x * x]), window.map((i) => pts[i][1]))
  const [c0, c1, c2] = coefficients
  group.parabola = [c0, c1, c2]
  if (!(c2 > 0)) return skip(group, 'opens-downward', 'the parabola around the lowest loss opens downward: it has no minimum')
  const x = -c1 / (2 * c2)
  const N = Math.pow(10, x)
  if (!(x >= Math.min(...wx) && x <= Math.max(...wx))) {
    return skip({ ...group, extrapolated: { N, log10N: x } }, 'vertex-outside', `the vertex (N = ${N.toExponential(2)}) lies outside the sizes fitted: it would be an extrapolation`)
  }
  return { ...group, used: true, vertex: { N, D: flops / (6 * N), loss: c0 - (c1 * c1) / (4 * c2), log10N: x, inRange: true } }
}

export function fitIsoflop(points: readonly ScalingPoint[], tolerance = DEFAULT_ISOFLOP_TOLERANCE): IsoflopFit {
  if (!(tolerance > 0 && tolerance < 2)) throw new LabError('fit-bad-option', `IsoFLOP tolerance must be between 0 and 2 dex; got ${String(tolerance)}.`)
  const { groups, ungrouped } = groupByCompute(points.map((p) => p.flops), tolerance)
  const out = groups.map((g) => fitIsoflopGroup(g.flops, g.members.map((i) => points[i])))
  const used = out.filter((g) => g.used)
  if (used.length < 2) {
    const why = out.map((g) => `${g.flops.toExponential(2)}: ${g.rejected ?? 'used'}`).join('; ')
    throw new LabError('fit-too-few-points', `IsoFLOP analysis needs at least 2 compute budgets whose minimum is bracketed; found ${used.length} of ${out.length} budgets (tolerance ${tolerance} dex)${why ? ` (${why})` : ''}.`, {
      hint: 'At each budget, train sizes on both sides of the best one, or widen the grouping tolerance.',
    })
  }
  const C = used.map((g) => g.flops)
  const nFit = fitLogLinear(C, used.map((g) => g.vertex!.N))
  const dFit = fitLogLinear(C, used.map((g) => g.vertex!.D))
  const lFit = fitLogLinear(C, used.map((g) => g.vertex!.loss))
  return {
    a: nFit.slope,
    b: dFit.slope,
    k_N: nFit.k,
    k_D: dFit.k,
    alpha_L: -lFit.slope,
    k_L: lFit.k,
    levels: used.length,
    r2_N: nFit.r2,
    tolerance,
    groups: out,
    ungrouped: ungrouped.map((i) => points[i].run),
  }
}
