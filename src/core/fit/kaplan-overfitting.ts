/**
 * Kaplan et al. 2020 ("Scaling Laws for Neural Language Models", arXiv 2001.08361), Section 4, eq. 4.4: to keep the
 * overfitting penalty small (under about 2 % of the loss), train on
 *
 *   D >~ (5 x 10^3) N^0.74   tokens (N non-embedding parameters).
 *
 * Kaplan's own compute-efficient allocation (N_opt = 1.3e9 (C / PF-day)^0.73, D = C / 6N) falls short of this at large
 * budgets, the tension Kaplan et al. discuss in Section 6.3; the lab flags any allocation of the Kaplan preset that does.
 */
export const KAPLAN_OVERFIT = { coefficient: 5e3, exponent: 0.74 } as const

/** The fewest tokens eq. 4.4 asks for at N parameters. */
export function kaplanMinTokens(N: number): number {
  return KAPLAN_OVERFIT.coefficient * Math.pow(N, KAPLAN_OVERFIT.exponent)
}

export interface OverfitCheck {
  N: number
  D: number
  D_min: number
  /** D / D_min (below 1: the allocation breaks the bound) */
  ratio: number
}

export function kaplanOverfitCheck(N: number, D: number): OverfitCheck {
  const D_min = kaplanMinTokens(N)
  return { N, D, D_min, ratio: D / D_min }
}
