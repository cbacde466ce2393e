/**
 * Chinchilla Approach 2: IsoFLOP profiles (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models",
 * arXiv 2203.15556, Section 3.2). For each group of runs with (nearly) the same compute C_g, fit a parabola
 *
 *   L = c0 + c1 x + c2 x^2,  x = log10 N;   vertex x* = -c1 / (2 c2) (needs c2 > 0),  N_opt(C_g) = 10^x*,
 *   D_opt(C_g) = C_g / (6 N_opt),  L_min = c0 - c1^2 / (4 c2)
 *
 * then fit the power laws N_opt = k_N C^a, D_opt = k_D C^b (and the frontier L_min = k_L C^-alpha_L) by least
 * squares in log-log. Hoffmann et al. report a = 0.49, b = 0.51 (Table 2). Groups come from groupByCompute.
 */
import { LabError } from '../../shared/errors'
import { DEFAULT_ISOFLOP_TOLERANCE, groupByCompute } from './compute-groups'
import { fitLogLinear, solveLeastSquares } from './linear-least-squares'
import type { FrontierFit } from './frontier'
import type { ScalingPoint } from './types'

export interface IsoflopGroup {
  flops: number
  runs: string[]
  /** [log10 N, loss] of each member */
  points: [number, number][]
  /** parabola coefficients [c0, c1, c2] in x = log10 N (absent when fewer than 3 distinct sizes) */
  parabola?: [number, number, number]
  /** vertex, when the parabola opens upward */
  vertex?: { N: number; D: number; loss: number; log10N: number; inRange: boolean }
  /** why the group gave no vertex */
  rejected?: string
}

export interface IsoflopFit extends FrontierFit {
  tolerance: number
  groups: IsoflopGroup[]
  ungrouped: string[]
}

export function fitIsoflop(points: readonly ScalingPoint[], tolerance = DEFAULT_ISOFLOP_TOLERANCE): IsoflopFit {
  if (!(tolerance > 0 && tolerance < 2)) throw new LabError('fit-bad-option', `IsoFLOP tolerance must be between 0 and 2 dex; got ${String(tolerance)}.`)
  const { groups, ungrouped } = groupByCompute(points.map((p) => p.flops), tolerance)
  const out: IsoflopGroup[] = []
  for (const g of groups) {
    const members = g.members.map((i) => points[i])
    const pts: [number, number][] = members.map((p) => [Math.log10(p.params), p.loss])
    const group: IsoflopGroup = { flops: g.flops, runs: members.map((p) => p.run), points: pts }
    const distinct = new Set(pts.map((p) => p[0].toFixed(9))).size
    if (distinct < 3) {
      group.rejected = 'fewer than 3 distinct model sizes'
      out.push(group)
      continue
    }
    const { coefficients } = solveLeastSquares(pts.map(([x]) => [1, x, x * x]), pts.map(([, y]) => y))
    const [c0, c1, c2] = coefficients
    group.parabola = [c0, c1, c2]
    if (!(c2 > 0)) {
      group.rejected = 'the parabola has no minimum (loss does not turn up at either end)'
      out.push(group)
      continue
    }
    const x = -c1 / (2 * c2)
    const xs = pts.map((p) => p[0])
    const N = Math.pow(10, x)
    group.vertex = { N, D: g.flops / (6 * N), loss: c0 - (c1 * c1) / (4 * c2), log10N: x, inRange: x >= Math.min(...xs) && x <= Math.max(...xs) }
    out.push(group)
  }
  const vertices = out.filter((g) => g.vertex)
  if (vertices.length < 2) {
    throw new LabError('fit-too-few-points', `IsoFLOP analysis needs at least 2 compute groups with a minimum; found ${vertices.length} (tolerance ${tolerance} dex).`, {
      hint: 'Add runs of several sizes at each of a few compute budgets, or widen the grouping tolerance.',
    })
  }
  const C = vertices.map((g) => g.flops)
  const nFit = fitLogLinear(C, vertices.map((g) => g.vertex!.N))
  const dFit = fitLogLinear(C, vertices.map((g) => g.vertex!.D))
  const lFit = fitLogLinear(C, vertices.map((g) => g.vertex!.loss))
  return {
    a: nFit.slope,
    b: dFit.slope,
    k_N: nFit.k,
    k_D: dFit.k,
    alpha_L: -lFit.slope,
    k_L: lFit.k,
    levels: vertices.length,
    r2_N: nFit.r2,
    tolerance,
    groups: out,
    ungrouped: ungrouped.map((i) => points[i].run),
  }
}
