/**
 * Compute-optimal allocation of a FLOP budget C ~ 6 N D between parameters N and tokens D
 * (Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models", arXiv 2203.15556, eq. 4 and Appendix D.2):
 *
 *   for L = E + A / N^alpha + B / D^beta:
 *   G = (alpha A / (beta B))^(1 / (alpha + beta)),  a = beta / (alpha + beta),  b = alpha / (alpha + beta)
 *   N_opt(C) = G (C / 6)^a,  D_opt(C) = G^-1 (C / 6)^b
 *
 * For any other loss L(N, D) the optimum of L(N, C / (6N)) is found numerically (a log-spaced scan, then golden-section
 * search in log N). Also the Gopher (280B parameters, 300B tokens) against Chinchilla (70B, 1.4T) comparison at the
 * 5.76e23 FLOP budget of the paper.
 */
import { LabError } from '../../shared/errors'
import { CHINCHILLA_BUDGET_FLOPS } from '../../shared/api/fit'
import { chinchillaLoss, type ChinchillaParams } from './chinchilla-law'

export interface Allocation {
  flops: number
  N_opt: number
  D_opt: number
  tokens_per_param: number
  loss: number
}

export interface ChinchillaExponents {
  a: number
  b: number
  G: number
}

export function chinchillaExponents(p: ChinchillaParams): ChinchillaExponents {
  const s = p.alpha + p.beta
  if (!(p.alpha > 0 && p.beta > 0 && p.A > 0 && p.B > 0)) {
    throw new LabError('allocation-undefined', 'Compute-optimal allocation needs alpha, beta, A and B all positive.', {
      hint: 'This law has a vanishing term, so loss does not trade parameters against data.',
    })
  }
  return { a: p.beta / s, b: p.alpha / s, G: Math.pow((p.alpha * p.A) / (p.beta * p.B), 1 / s) }
}

/** Closed-form compute-optimal N, D and loss for the Chinchilla form. */
export function chinchillaAllocation(p: ChinchillaParams, flops: number): Allocation {
  checkBudget(flops)
  const { a, b, G } = chinchillaExponents(p)
  const N = G * Math.pow(flops / 6, a)
  const D = Math.pow(flops / 6, b) / G
  return { flops, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: chinchillaLoss(p, N, D) }
}

export interface NumericAllocationOptions {
  /** search range of N (default 1e3 .. C / 6, i.e. at least one token per parameter) */
  minN?: number
  maxN?: number
  /** a nearby optimum (e.g. at a neighbouring budget): the scan then covers +-1.5 decades around it first */
  guessN?: number
}

/** Minimise loss(N, C / (6N)) over N numerically: any law of N and D. */
export function numericAllocation(loss: (N: number, D: number) => number, flops: number, options: NumericAllocationOptions = {}): Allocation {
  checkBudget(flops)
  const lo = Math.log(options.minN ?? 1e3)
  const hi = Math.log(options.maxN ?? flops / 6)
  if (!(hi > lo)) throw new LabError('allocation-undefined', `The budget ${flops.toExponential(3)} FLOPs is too small for the search range of model sizes.`)
  const f = (logN: number): number => {
    const N = Math.exp(logN)
    const v = loss(N, flops / (6 * N))
    return Number.isFinite(v) ? v : Infinity
  }
  // coarse scan (narrow around a guess when one is given and the minimum is inside it), then golden section
  const scan = (from: number, to: number, steps: number): { a: number; b: number; value: number; edge: boolean } => {
    let bestI = 0
    let bestV = Infinity
    for (let i = 0; i <= steps; i++) {
      const v = f(from + ((to - from) * i) / steps)
      if (v < bestV) {
        bestV = v
        bestI = i
      }
    }
    return {
      a: from + ((to - from) * Math.max(0, bestI - 1)) / steps,
      b: from + ((to - from) * Math.min(steps, bestI + 1)) / steps,
      value: bestV,
      edge: bestI === 0 || bestI === steps,
    }
  }
  let cell: ReturnType<typeof scan> | undefined
  if (options.guessN && options.guessN > 0) {
    const g = Math.log(options.guessN)
    const from = Math.max(lo, g - 1.5 * Math.LN10)
    const to = Math.min(hi, g + 1.5 * Math.LN10)
    if (to > from) {
      const narrow = scan(from, to, 30)
      const atRangeEnd = (narrow.a <= lo && from === lo) || (narrow.b >= hi && to === hi)
      if (Number.isFinite(narrow.value) && (!narrow.edge || atRangeEnd)) cell = narrow
    }
  }
  cell ??= scan(lo, hi, 160)
  if (!Number.isFinite(cell.value)) throw new LabError('allocation-undefined', 'The law gives no finite loss anywhere on this budget.')
  let { a, b } = cell
  const phi = (Math.sqrt(5) - 1) / 2
  let c = b - phi * (b - a)
  let d = a + phi * (b - a)
  let fc = f(c)
  let fd = f(d)
  for (let k = 0; k < 200 && b - a > 1e-12; k++) {
    if (fc < fd) {
      b = d
      d = c
      fd = fc
      c = b - phi * (b - a)
      fc = f(c)
    } else {
      a = c
      c = d
      fc = fd
      d = a + phi * (b - a)
      fd = f(d)
    }
  }
  const N = Math.exp((a + b) / 2)
  const D = flops / (6 * N)
  return { flops, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: loss(N, D) }
}

/** Local allocation exponents a = d log N_opt / d log C and b = d log D_opt / d log C at a budget, by central differences. */
export function allocationExponents(allocate: (flops: number) => Allocation, flops: number): { a: number; b: number } {
  const h = Math.log(10) * 0.25
  const lo = allocate(flops * Math.exp(-h))
  const hi = allocate(flops * Math.exp(h))
  return { a: Math.log(hi.N_opt / lo.N_opt) / (2 * h), b: Math.log(hi.D_opt / lo.D_opt) / (2 * h) }
}

/** Hoffmann et al. 2022: Gopher and Chinchilla were trained with about the same compute (one home: shared/api/fit). */
export const CHINCHILLA_BUDGET = CHINCHILLA_BUDGET_FLOPS
export const GOPHER = { name: 'Gopher', params: 280e9, tokens: 300e9 } as const
export const CHINCHILLA_MODEL = { name: 'Chinchilla', params: 70e9, tokens: 1.4e12 } as const

export interface ModelAtBudget {
  name: string
  params: number
  tokens: number
  tokens_per_param: number
  /** 6 N D */
  flops: number
  loss: number
}

export interface GopherChinchillaComparison {
  budget: number
  gopher: ModelAtBudget
  chinchilla: ModelAtBudget
  optimal: Allocation
}

/** Loss of Gopher and Chinchilla under a law, and the law's own optimum at 5.76e23 FLOPs. */
export function gopherVsChinchilla(loss: (N: number, D: number) => number, allocate: (flops: number) => Allocation, budget = CHINCHILLA_BUDGET): GopherChinchillaComparison {
  const at = (m: { name: string; params: number; tokens: number }): ModelAtBudget => ({
    name: m.name,
    params: m.params,
    tokens: m.tokens,
    tokens_per_param: m.tokens / m.params,
    flops: 6 * m.params * m.tokens,
    loss: loss(m.params, m.tokens),
  })
  return { budget, gopher: at(GOPHER), chinchilla: at(CHINCHILLA_MODEL), optimal: allocate(budget) }
}

export function checkBudget(flops: number): void {
  if (!(Number.isFinite(flops) && flops > 0)) {
    throw new LabError('allocation-bad-budget', `The compute budget must be a positive number of FLOPs; got ${String(flops)}.`, { hint: 'Give --flops like 5.76e23.' })
  }
}
