/**
 * The Compute view's budget slider works in log10 FLOPs: position 18..27 maps to 1e18..1e27 FLOPs.
 * Gopher and Chinchilla were both trained with about 5.76e23 FLOPs (Hoffmann et al. 2022, arXiv 2203.15556, Table 3).
 */
export const BUDGET_MIN_LOG10 = 18
export const BUDGET_MAX_LOG10 = 27
export const CHINCHILLA_BUDGET = 5.76e23

export function budgetFromSlider(log10: number): number {
  const v = Math.min(BUDGET_MAX_LOG10, Math.max(BUDGET_MIN_LOG10, log10))
  return Math.pow(10, v)
}

export function sliderFromBudget(flops: number): number {
  if (!(flops > 0)) return BUDGET_MIN_LOG10
  return Math.min(BUDGET_MAX_LOG10, Math.max(BUDGET_MIN_LOG10, Math.log10(flops)))
}

/** `n` budgets evenly spaced in log10 from 10^lo to 10^hi (inclusive), for the allocation curves. */
export function budgetGrid(lo = BUDGET_MIN_LOG10, hi = BUDGET_MAX_LOG10, n = 19): number[] {
  if (n < 2) return [Math.pow(10, lo)]
  return Array.from({ length: n }, (_, i) => Math.pow(10, lo + ((hi - lo) * i) / (n - 1)))
}

/**
 * Published models marked on the compute chart: Gopher 280B parameters on 300B tokens (Rae et al. 2021) and
 * Chinchilla 70B on 1.4T (Hoffmann et al. 2022); C = 6 N D gives about 5.0e23 and 5.9e23 FLOPs, both reported
 * as the same 5.76e23 budget class.
 */
export const PUBLISHED_MODELS = [
  { name: 'Gopher', params: 280e9, tokens: 300e9 },
  { name: 'Chinchilla', params: 70e9, tokens: 1.4e12 },
] as const
