/**
 * The Chinchilla parametric loss (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models",
 * arXiv 2203.15556, eq. 2 and Approach 3):
 *
 *   L(N, D) = E + A / N^alpha + B / D^beta
 *
 * fitted in the log parametrisation x = [a, b, e, alpha, beta], A = e^a, B = e^b, E = e^e, and started from the
 * 4,500-point grid of their Appendix D.2: alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1},
 * a, b in {0, 5, ..., 25}.
 */

export interface ChinchillaParams {
  E: number
  A: number
  B: number
  alpha: number
  beta: number
}

export const CHINCHILLA_PARAM_NAMES = ['E', 'A', 'B', 'alpha', 'beta'] as const

export function chinchillaLoss(p: ChinchillaParams, N: number, D: number): number {
  return p.E + p.A / Math.pow(N, p.alpha) + p.B / Math.pow(D, p.beta)
}

/** x = [a, b, e, alpha, beta] -> named parameters. */
export function chinchillaParamsFromVector(x: ArrayLike<number>): ChinchillaParams {
  return { E: Math.exp(x[2]), A: Math.exp(x[0]), B: Math.exp(x[1]), alpha: x[3], beta: x[4] }
}

export function chinchillaVectorFromParams(p: ChinchillaParams): number[] {
  return [Math.log(p.A), Math.log(p.B), Math.log(p.E), p.alpha, p.beta]
}

export const HOFFMANN_GRID = {
  alpha: [0, 0.5, 1, 1.5, 2],
  beta: [0, 0.5, 1, 1.5, 2],
  e: [-1, -0.5, 0, 0.5, 1],
  a: [0, 5, 10, 15, 20, 25],
  b: [0, 5, 10, 15, 20, 25],
} as const

/** The 4,500 starting points as rows [a, b, e, alpha, beta], alpha varying slowest (the order of Epoch AI's replication). */
export function hoffmannGridStarts(): number[][] {
  const out: number[][] = []
  for (const alpha of HOFFMANN_GRID.alpha)
    for (const beta of HOFFMANN_GRID.beta)
      for (const e of HOFFMANN_GRID.e)
        for (const a of HOFFMANN_GRID.a)
          for (const b of HOFFMANN_GRID.b) out.push([a, b, e, alpha, beta])
  return out
}
