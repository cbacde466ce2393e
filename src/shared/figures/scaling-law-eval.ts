/**
 * Evaluating a fitted or published scaling law from its named parameters, for charts (pure, no imports of ours):
 *   kaplan-n/d/c  L = E + (X_c / X)^alpha                         (Kaplan et al. 2020, arXiv 2001.08361)
 *   kaplan-nd     L = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D
 *   chinchilla    L = E + A / N^alpha + B / D^beta                 (Hoffmann et al. 2022, arXiv 2203.15556)
 *                 N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b, G = (alpha A / (beta B))^(1/(alpha+beta)), a = beta/(alpha+beta)
 *   envelope, isoflop: N_opt = k_N C^a, D_opt = k_D C^b, L_opt = k_L C^-alpha_L (Approaches 1 and 2)
 *   routed        log10 L = a log10 N + b log10 E + c log10 N log10 E + d   (Clark et al. 2022, arXiv 2202.01169)
 *   kaplan preset L(C) = (C_c / C)^alpha_C (C_c in PF-days), N_opt = 1.3e9 (C / PF-day)^0.73, D = C / (6N)
 * The engine's own implementation is src/core/fit/law-model.ts; this mirror exists because the renderer may not
 * import src/core. Functions return NaN where the law says nothing (callers drop those points).
 */

export type LawId = 'kaplan-n' | 'kaplan-d' | 'kaplan-c' | 'kaplan-nd' | 'envelope' | 'isoflop' | 'chinchilla' | 'routed' | 'kaplan'

export interface LawCurveSource {
  law: LawId
  params: Record<string, number>
}

export interface LawPointQuery {
  params: number
  tokens: number
  flops: number
  experts?: number
  activeParams?: number
}

export interface AllocationPoint {
  flops: number
  N_opt: number
  D_opt: number
  tokens_per_param: number
  loss: number
}

export const PF_DAY = 1e15 * 86400

/** Loss a law predicts for one run (NaN when the law cannot say). */
export function predictLawLoss(src: LawCurveSource, q: LawPointQuery): number {
  const p = src.params
  switch (src.law) {
    case 'kaplan-n':
      return (p.E ?? 0) + Math.pow(p.N_c / q.params, p.alpha_N)
    case 'kaplan-d':
      return (p.E ?? 0) + Math.pow(p.D_c / q.tokens, p.alpha_D)
    case 'kaplan-c':
      return (p.E ?? 0) + Math.pow(p.C_c / q.flops, p.alpha_C)
    case 'kaplan-nd':
      return Math.pow(Math.pow(p.N_c / q.params, p.alpha_N / p.alpha_D) + p.D_c / q.tokens, p.alpha_D)
    case 'chinchilla':
      return p.E + p.A / Math.pow(q.params, p.alpha) + p.B / Math.pow(q.tokens, p.beta)
    case 'envelope':
    case 'isoflop':
      return p.k_L * Math.pow(q.flops, -p.alpha_L)
    case 'routed': {
      const ln = Math.log10(q.activeParams ?? q.params)
      const le = Math.log10(q.experts ?? 1)
      return Math.pow(10, p.a * ln + p.b * le + p.c * ln * le + p.d)
    }
    case 'kaplan':
      return Math.pow((p.C_c_pf_days * PF_DAY) / q.flops, p.alpha_C)
  }
}

function numericOptimum(loss: (N: number, D: number) => number, flops: number): AllocationPoint {
  const f = (logN: number): number => {
    const N = Math.exp(logN)
    const v = loss(N, flops / (6 * N))
    return Number.isFinite(v) ? v : Infinity
  }
  let lo = Math.log(1e3)
  let hi = Math.log(flops / 6)
  const steps = 120
  let best = 0
  let bestV = Infinity
  for (let i = 0; i <= steps; i++) {
    const v = f(lo + ((hi - lo) * i) / steps)
    if (v < bestV) {
      bestV = v
      best = i
    }
  }
  const w = (hi - lo) / steps
  ;[lo, hi] = [lo + w * Math.max(0, best - 1), lo + w * Math.min(steps, best + 1)]
  const phi = (Math.sqrt(5) - 1) / 2
  for (let k = 0; k < 80; k++) {
    const c = hi - phi * (hi - lo)
    const d = lo + phi * (hi - lo)
    if (f(c) < f(d)) hi = d
    else lo = c
  }
  const N = Math.exp((lo + hi) / 2)
  const D = flops / (6 * N)
  return { flops, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: loss(N, D) }
}

/** Compute-optimal allocation at a budget, or null when the law defines none (single-variable and routed laws). */
export function allocateLaw(src: LawCurveSource, flops: number): AllocationPoint | null {
  const p = src.params
  let out: AllocationPoint | null = null
  switch (src.law) {
    case 'chinchilla': {
      const s = p.alpha + p.beta
      if (!(p.alpha > 0 && p.beta > 0 && p.A > 0 && p.B > 0)) return null
      const G = Math.pow((p.alpha * p.A) / (p.beta * p.B), 1 / s)
      const N = G * Math.pow(flops / 6, p.beta / s)
      const D = Math.pow(flops / 6, p.alpha / s) / G
      out = { flops, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: predictLawLoss(src, { params: N, tokens: D, flops }) }
      break
    }
    case 'envelope':
    case 'isoflop': {
      const N = p.k_N * Math.pow(flops, p.a)
      const D = p.k_D * Math.pow(flops, p.b)
      out = { flops, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: p.k_L * Math.pow(flops, -p.alpha_L) }
      break
    }
    case 'kaplan': {
      const N = p.allocation_coefficient * Math.pow(flops / PF_DAY, p.allocation_exponent)
      const D = flops / (6 * N)
      out = { flops, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: predictLawLoss(src, { params: N, tokens: D, flops }) }
      break
    }
    case 'kaplan-nd':
      out = numericOptimum((N, D) => predictLawLoss(src, { params: N, tokens: D, flops }), flops)
      break
    default:
      return null
  }
  return Number.isFinite(out.N_opt) && Number.isFinite(out.D_opt) && out.N_opt > 0 && out.D_opt > 0 ? out : null
}

/** n log-spaced values from lo to hi (inclusive). */
export function logGrid(lo: number, hi: number, n: number): number[] {
  if (!(lo > 0 && hi > lo) || n < 2) return lo > 0 ? [lo] : []
  const a = Math.log(lo)
  const b = Math.log(hi)
  return Array.from({ length: n }, (_, i) => Math.exp(a + ((b - a) * i) / (n - 1)))
}

export type ScalingX = 'params' | 'tokens' | 'flops'

/**
 * The law's loss curve against N, D or C over [lo, hi] of that axis:
 *  - single-variable laws on their own axis directly (on another axis: nothing);
 *  - laws with an allocation along the compute-optimal frontier, parametrised by C and placed at N_opt(C) or D_opt(C);
 *  - kaplan-nd against N or D: the limit of ample data (L(N, inf)) or of a large model (L(inf, D)), Kaplan's own curves;
 *  - routed: one curve per expert count (dense = 1) against active parameters.
 */
export function lawCurve(src: LawCurveSource, x: ScalingX, lo: number, hi: number, n = 60, experts: readonly number[] = [1]): { name?: string; points: [number, number][] }[] {
  const grid = logGrid(lo, hi, n)
  const keep = (pts: [number, number][]): [number, number][] => pts.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && a > 0 && b > 0)
  const law = src.law
  const single = law === 'kaplan-n' ? 'params' : law === 'kaplan-d' ? 'tokens' : law === 'kaplan-c' ? 'flops' : null
  if (single) {
    if (single !== x) return []
    return [{ points: keep(grid.map((v) => [v, predictLawLoss(src, { params: v, tokens: v, flops: v })])) }]
  }
  if (law === 'routed') {
    if (x !== 'params') return []
    return experts.map((e) => ({ name: `E = ${e}`, points: keep(grid.map((v) => [v, predictLawLoss(src, { params: v, tokens: v, flops: v, experts: e, activeParams: v })])) }))
  }
  if (law === 'kaplan-nd' && x !== 'flops') {
    const p = src.params
    return [{ points: keep(grid.map((v) => [v, x === 'params' ? Math.pow(p.N_c / v, p.alpha_N) : Math.pow(p.D_c / v, p.alpha_D)])) }]
  }
  if (law === 'kaplan' && x !== 'flops') {
    const p = src.params
    return [{ points: keep(grid.map((v) => [v, x === 'params' ? Math.pow(p.N_c / v, p.alpha_N) : Math.pow(p.D_c / v, p.alpha_D)])) }]
  }
  // along the frontier: find the budgets whose N_opt / D_opt span [lo, hi]
  const budgets = x === 'flops' ? grid : frontierBudgets(src, x, lo, hi, n)
  const pts: [number, number][] = []
  for (const C of budgets) {
    const a = allocateLaw(src, C)
    if (!a) continue
    pts.push([x === 'flops' ? C : x === 'params' ? a.N_opt : a.D_opt, a.loss])
  }
  return [{ points: keep(pts).filter(([v]) => v >= lo * 0.999 && v <= hi * 1.001) }]
}

/** Budgets C whose optimal N (or D) covers [lo, hi]; N_opt and D_opt grow monotonically with C for every law here. */
function frontierBudgets(src: LawCurveSource, x: 'params' | 'tokens', lo: number, hi: number, n: number): number[] {
  const value = (C: number): number => {
    const a = allocateLaw(src, C)
    return a ? (x === 'params' ? a.N_opt : a.D_opt) : NaN
  }
  const solve = (target: number): number => {
    let a = Math.log(1e6)
    let b = Math.log(1e40)
    for (let k = 0; k < 100; k++) {
      const m = (a + b) / 2
      const v = value(Math.exp(m))
      if (!Number.isFinite(v)) return NaN
      if (v < target) a = m
      else b = m
    }
    return Math.exp((a + b) / 2)
  }
  const c0 = solve(lo)
  const c1 = solve(hi)
  return Number.isFinite(c0) && Number.isFinite(c1) && c1 > c0 ? logGrid(c0, c1, n) : []
}
