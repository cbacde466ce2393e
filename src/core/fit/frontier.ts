/**
 * The compute-optimal frontier that Approaches 1 and 2 of Hoffmann et al. 2022 (arXiv 2203.15556) estimate:
 *
 *   N_opt(C) = k_N C^a,  D_opt(C) = k_D C^b,  L_opt(C) = k_L C^-alpha_L
 *
 * (the loss frontier is a plain power law through the per-level minima, used for predictions along the frontier).
 */
import { checkBudget, type Allocation } from './allocation'

export interface FrontierFit {
  a: number
  b: number
  k_N: number
  k_D: number
  alpha_L: number
  k_L: number
  /** compute levels (Approach 1) or groups with a vertex (Approach 2) used */
  levels: number
  /** r^2 of the N_opt power law in log-log */
  r2_N: number
}

export function frontierAllocation(f: Pick<FrontierFit, 'a' | 'b' | 'k_N' | 'k_D' | 'alpha_L' | 'k_L'>, flops: number): Allocation {
  checkBudget(flops)
  const N = f.k_N * Math.pow(flops, f.a)
  const D = f.k_D * Math.pow(flops, f.b)
  return { flops, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: f.k_L * Math.pow(flops, -f.alpha_L) }
}
