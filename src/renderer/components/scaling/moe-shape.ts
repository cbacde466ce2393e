/**
 * Dense against mixture-of-experts at a compute budget. FLOPs per token follow the ACTIVE parameters (Fedus et al.
 * 2022, "Switch Transformers", arXiv 2101.03961): training ~ 6 N_active, inference ~ 2 N_active per token, while the
 * total grows with the experts: N_total = N_active (1 - f) + E f N_active / k for top-k routing, f the share of the
 * active parameters in routed feed-forward layers. Mirrors src/core/fit/moe.ts (the renderer may not import core).
 */
export interface MoeInput {
  activeParams: number
  experts: number
  /** share of active parameters in expert layers, default 2/3 (the FFN share of a standard block) */
  expertFraction?: number
  topK?: number
}

export interface MoeComparison {
  active: number
  total: number
  trainFlopsPerToken: number
  inferenceFlopsPerToken: number
  /** tokens the budget trains: C / (6 N_active) */
  tokensAtBudget: number
  /** a dense model with the MoE's total parameters: its tokens at the same budget */
  denseSameTotalTokens: number
  /** total / active */
  ratio: number
}

export function compareMoe(input: MoeInput, budget: number): MoeComparison | null {
  const f = input.expertFraction ?? 2 / 3
  const k = input.topK ?? 1
  const { activeParams: n, experts: e } = input
  if (!(n > 0 && e >= 1 && f >= 0 && f <= 1 && k >= 1 && k <= e && budget > 0)) return null
  const total = n * (1 - f) + (e * f * n) / k
  return {
    active: n,
    total,
    trainFlopsPerToken: 6 * n,
    inferenceFlopsPerToken: 2 * n,
    tokensAtBudget: budget / (6 * n),
    denseSameTotalTokens: budget / (6 * total),
    ratio: total / n,
  }
}
