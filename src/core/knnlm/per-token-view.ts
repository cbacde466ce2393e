/**
 * Where retrieval helped and where it hurt: per-token gain = log p_kNN-LM(y) - log p_LM(y) (nats), aggregated per
 * token type, with the largest gains and losses shown in context (Wang et al. 2023, "kNN-LM Does Not Improve
 * Open-ended Text Generation", arXiv 2305.14625: the improvement concentrates on a minority of tokens).
 */
import type { Tokenizer } from './tokenizer'
import { tokenForDisplay, tokenInContext } from './token-display'

export interface TokenGain {
  /** position of the target in the evaluated stream (1-based: target i follows context tokens[0..i-1]) */
  position: number
  token: string
  /** a few tokens before it (cut at character boundaries: token-display.ts) */
  context: string
  /** the token's own bytes when `token` shows a character split over several byte tokens */
  tokenBytes?: string
  lmLogProb: number
  knnLmLogProb: number
  gain: number
}

export interface TokenTypeGain {
  token: string
  count: number
  meanGain: number
  totalGain: number
}

export interface PerTokenView {
  tokens: number
  /** share of tokens whose log-probability went up */
  helpedShare: number
  /** share of the total positive gain earned by the best 10% of tokens */
  topDecileShareOfGain: number
  topGains: TokenGain[]
  topLosses: TokenGain[]
  byTokenHelped: TokenTypeGain[]
  byTokenHurt: TokenTypeGain[]
  /** histogram of per-token gains: bin edges (nats) and counts */
  histogram: { edges: number[]; counts: number[] }
}

export function perTokenView(stream: Int32Array, tokenizer: Tokenizer, lm: ArrayLike<number>, knnlm: ArrayLike<number>, o: { top?: number; contextTokens?: number } = {}): PerTokenView {
  const n = lm.length
  const top = o.top ?? 20
  const ctxN = o.contextTokens ?? 12
  const gains = new Float64Array(n)
  for (let i = 0; i < n; i++) gains[i] = knnlm[i]! - lm[i]!
  const describe = (i: number): TokenGain => {
    const shown = tokenInContext(tokenizer, stream, i + 1, ctxN)
    const g: TokenGain = { position: i + 1, token: shown.token, context: shown.context, lmLogProb: lm[i]!, knnLmLogProb: knnlm[i]!, gain: gains[i]! }
    if (shown.bytes) g.tokenBytes = shown.bytes
    return g
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => gains[b]! - gains[a]!)
  const types = new Map<number, { count: number; total: number }>()
  for (let i = 0; i < n; i++) {
    const t = types.get(stream[i + 1]!) ?? { count: 0, total: 0 }
    t.count++
    t.total += gains[i]!
    types.set(stream[i + 1]!, t)
  }
  const typeRows = [...types.entries()].filter(([, v]) => v.count >= 3).map(([id, v]) => ({ token: tokenForDisplay(tokenizer, id), count: v.count, meanGain: v.total / v.count, totalGain: v.total }))
  const positive = order.map((i) => gains[i]!).filter((g) => g > 0)
  const totalPositive = positive.reduce((a, b) => a + b, 0)
  const decile = Math.max(1, Math.ceil(n / 10))
  const topDecile = positive.slice(0, decile).reduce((a, b) => a + b, 0)
  const lo = Math.min(-2, ...Array.from(gains.subarray(0, Math.min(n, 100000))))
  const hi = Math.max(2, ...Array.from(gains.subarray(0, Math.min(n, 100000))))
  const bins = 24
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins)
  const counts = new Array<number>(bins).fill(0)
  for (const g of gains) counts[Math.min(bins - 1, Math.floor(((g - lo) / (hi - lo)) * bins))]!++
  return {
    tokens: n,
    helpedShare: positive.length / Math.max(1, n),
    topDecileShareOfGain: totalPositive > 0 ? topDecile / totalPositive : 0,
    topGains: order.slice(0, top).map(describe),
    topLosses: order.slice(-top).reverse().map(describe),
    byTokenHelped: [...typeRows].sort((a, b) => b.totalGain - a.totalGain).slice(0, top),
    byTokenHurt: [...typeRows].sort((a, b) => a.totalGain - b.totalGain).slice(0, top),
    histogram: { edges, counts },
  }
}
