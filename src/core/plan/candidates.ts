/**
 * The runs a plan may recommend and the naive alternative it is compared with.
 * Candidates: model sizes N log-spaced between the bounds (or the allowed sizes of an architecture), each trained on
 * multiples m of the Chinchilla rule of thumb D = 20 N (Hoffmann et al. 2022, Table 3 and Section 3.4), cost
 * C = 6 N D (Kaplan et al. 2020, Section 2.1), kept when C fits the spend and N the size bounds.
 * Naive: one more size up the current ladder, N_next = N_max * r with r the ladder's geometric mean size ratio,
 * at the ladder's median tokens per parameter, scaled (N and D by the same factor) so its cost is the spend.
 */
import { LabError } from '../../shared/errors'
import { median } from '../numeric/stats'

export interface PlanRun {
  params: number
  tokens: number
  flops: number
}

export interface CandidateBounds {
  spendFlops: number
  minParams?: number
  maxParams?: number
  /** allowed model sizes (an architecture constraint); replaces the log-spaced sizes */
  sizes?: number[]
  /** token multiples of 20 N (default 0.25, 0.5, 1, 2, 4, 8: 5 to 160 tokens per parameter) */
  tokenMultiples?: number[]
  /** log-spaced sizes per decade (default 8) */
  sizesPerDecade?: number
}

export const DEFAULT_TOKEN_MULTIPLES = [0.25, 0.5, 1, 2, 4, 8]
export const CHINCHILLA_TOKENS_PER_PARAM = 20

export const runOf = (params: number, tokens: number): PlanRun => ({ params, tokens, flops: 6 * params * tokens })

/** The size bounds actually used: the user's, else the smallest run of the ladder up to the largest size the spend affords at the smallest multiple. */
export function sizeBounds(b: CandidateBounds, ladder: readonly { params: number }[]): { min: number; max: number } {
  const multiples = b.tokenMultiples ?? DEFAULT_TOKEN_MULTIPLES
  const smallest = Math.min(...multiples) * CHINCHILLA_TOKENS_PER_PARAM
  const affordable = Math.sqrt(b.spendFlops / (6 * smallest))
  const min = b.minParams ?? Math.min(...ladder.map((r) => r.params))
  const max = Math.min(b.maxParams ?? Infinity, affordable)
  return { min, max }
}

function logSizes(min: number, max: number, perDecade: number): number[] {
  if (!(max >= min)) return []
  const steps = Math.max(1, Math.round(Math.log10(max / min) * perDecade))
  if (max === min) return [min]
  return Array.from({ length: steps + 1 }, (_, i) => min * Math.pow(max / min, i / steps))
}

/** Every candidate run on the bounded grid (see the header); refuses an empty grid with what bounds it. */
export function candidateRuns(b: CandidateBounds, ladder: readonly { params: number }[]): PlanRun[] {
  const multiples = b.tokenMultiples ?? DEFAULT_TOKEN_MULTIPLES
  const { min, max } = sizeBounds(b, ladder)
  const sizes = b.sizes ? b.sizes.filter((n) => n >= (b.minParams ?? 0) && n <= (b.maxParams ?? Infinity)) : logSizes(min, max, b.sizesPerDecade ?? 8)
  const out: PlanRun[] = []
  for (const N of sizes) for (const m of multiples) {
    const r = runOf(N, Math.round(m * CHINCHILLA_TOKENS_PER_PARAM * N))
    if (r.flops <= b.spendFlops) out.push(r)
  }
  if (out.length === 0) {
    throw new LabError('plan-no-candidates', `No candidate run fits the spend of ${b.spendFlops.toExponential(2)} FLOPs within the size bounds (${min.toExponential(2)} to ${Math.min(max, b.maxParams ?? Infinity).toExponential(2)} parameters${b.sizes ? `, allowed sizes ${b.sizes.map((s) => s.toExponential(2)).join(', ')}` : ''}).`, {
      hint: 'Raise --spend-flops, or lower the smallest size (a run costs 6 N D with D at least 5 N).',
    })
  }
  return out
}

export interface NaiveChoice {
  runs: PlanRun[]
  ratio: number
  tokens_per_param: number
  /** N_next before scaling to the spend, and the factor N and D were scaled by */
  next_params: number
  scale: number
  note: string
}

/** One more size up the ladder, scaled to the spend (see the header). */
export function naiveNextSize(ladder: readonly { params: number; tokens: number }[], spendFlops: number): NaiveChoice {
  const sizes = [...new Set(ladder.map((r) => r.params))].sort((a, b) => a - b)
  const ratio = sizes.length >= 2 ? Math.pow(sizes[sizes.length - 1] / sizes[0], 1 / (sizes.length - 1)) : 2
  const tpp = median(ladder.map((r) => r.tokens / r.params))
  const next = sizes[sizes.length - 1] * ratio
  const scale = Math.sqrt(spendFlops / (6 * next * next * tpp))
  const run = runOf(next * scale, Math.round(next * scale * tpp))
  const note = `one more size up the ladder: ${next.toExponential(2)} parameters (the largest run times the ladder's size ratio ${ratio.toFixed(2)}${sizes.length < 2 ? ', assumed: the ladder has one size' : ''}) at its median ${tpp.toFixed(1)} tokens per parameter, scaled by ${scale.toFixed(2)} in N and D so it costs the spend`
  return { runs: [run], ratio, tokens_per_param: tpp, next_params: next, scale, note }
}
