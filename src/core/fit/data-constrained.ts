/**
 * Data-constrained scaling (Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", arXiv 2305.16264,
 * Section 3, eqs. 5-7): repeated tokens are worth less than fresh ones.
 *
 *   L(N, D) = E + A / N'^alpha + B / D'^beta
 *   D' = U_D + U_D R_D* (1 - exp(-R_D / R_D*)),  R_D = D / U_D - 1 (repetitions beyond the first epoch), D' = D if D <= U_D
 *   N' = U_N + U_N R_N* (1 - exp(-R_N / R_N*)),  U_N = min(N, N_opt(U_D)), R_N = N / U_N - 1,
 *   N_opt(U_D): the compute-optimal size whose optimal data equals U_D;  fitted R_D* = 15.4, R_N* = 5.3.
 *
 * The allocation for a budget C and U_D unique tokens minimises this loss over N with D = C / (6N).
 */
import { LabError } from '../../shared/errors'
import { chinchillaExponents } from './allocation'
import type { Allocation } from './allocation'
import { numericAllocation } from './allocation'
import type { ChinchillaParams } from './chinchilla-law'

export const MUENNIGHOFF_R_D_STAR = 15.4
export const MUENNIGHOFF_R_N_STAR = 5.3

export interface DataConstrainedOptions {
  rDStar?: number
  rNStar?: number
}

/** Effective (decayed) value of `total` when only `unique` of it is fresh: U + U R* (1 - exp(-(total/U - 1) / R*)). */
export function effectiveRepeated(total: number, unique: number, rStar: number): number {
  if (total <= unique) return total
  const repetitions = total / unique - 1
  return unique + unique * rStar * (1 - Math.exp(-repetitions / rStar))
}

export function dataConstrainedLoss(p: ChinchillaParams, N: number, D: number, uniqueTokens: number, options: DataConstrainedOptions = {}): number {
  const rD = options.rDStar ?? MUENNIGHOFF_R_D_STAR
  const rN = options.rNStar ?? MUENNIGHOFF_R_N_STAR
  const { a, b, G } = chinchillaExponents(p)
  // N_opt(U_D): D_opt(C) = U_D  <=>  (C/6)^b = G U_D  <=>  N_opt = G (G U_D)^(a / b)
  const nForUnique = G * Math.pow(G * uniqueTokens, a / b)
  const uniqueN = Math.min(N, nForUnique)
  const Nprime = effectiveRepeated(N, uniqueN, rN)
  const Dprime = effectiveRepeated(D, uniqueTokens, rD)
  return p.E + p.A / Math.pow(Nprime, p.alpha) + p.B / Math.pow(Dprime, p.beta)
}

export interface DataConstrainedAllocation extends Allocation {
  unique_tokens: number
  /** D / U_D */
  epochs: number
}

export function dataConstrainedAllocation(p: ChinchillaParams, flops: number, uniqueTokens: number, options: DataConstrainedOptions = {}): DataConstrainedAllocation {
  if (!(Number.isFinite(uniqueTokens) && uniqueTokens > 0)) {
    throw new LabError('allocation-bad-input', `Unique tokens must be a positive number; got ${String(uniqueTokens)}.`, { hint: 'Give --unique-tokens like 1e11.' })
  }
  const alloc = numericAllocation((N, D) => dataConstrainedLoss(p, N, D, uniqueTokens, options), flops)
  return { ...alloc, unique_tokens: uniqueTokens, epochs: alloc.D_opt / uniqueTokens }
}
