/**
 * The checks that stand between a converged optimiser and a law the lab will print: degenerate data gets a verdict,
 * not a law. One place, one threshold each (VERDICT_THRESHOLDS); the fit result carries the evidence and warnings.
 *
 * Refused (LabError 'fit-degenerate', nothing stored):
 *  - flat losses: (max L - min L) / median L below FLAT_LOSS_SPREAD: no exponent can be read off;
 *  - losses rising with scale: a fitted scaling exponent below 0 (Kaplan alpha_N, alpha_D, alpha_C; Chinchilla alpha,
 *    beta). A law L = (X_c / X)^alpha with alpha < 0 is not a scaling law of improvement (see the inverse-scaling
 *    analysis instead).
 * Flagged (warnings; the fit is kept but reads "flagged", never plainly "converged"):
 *  - loss units: a loss below LOSS_NEAR_ZERO or above LOSS_MAX_NATS nats per token. Cross-entropy of a language model
 *    lies between 0 and ln(vocabulary size) (about 10.8 for a 50k vocabulary; 15 is ln of 3.3 million): a loss near 0
 *    suggests an accuracy or error rate, a larger one perplexity or a loss summed over tokens;
 *  - one point driving an exponent: refitting without one of the runs at the ends of the range (the two smallest and
 *    the two largest of each variable the law reads; for Approaches 1 and 2 each budget in turn) moves an exponent by
 *    more than LOO_MAX_SHIFT of its value, or flips its sign;
 *  - too little to check: fewer runs (budgets) than the leave-one-out needs; the exponent rests on that few;
 *  - an allocation exponent a of Approach 1 or 2 outside (0, 1): N_opt(C) would shrink, or D_opt(C) would.
 */
import { LabError } from '../../shared/errors'
import { fitLogLinear } from '../numeric/least-squares'
import type { LawName, ScalingPoint } from './types'
import { median } from '../numeric/stats'

export const VERDICT_THRESHOLDS = {
  /** relative spread of the losses below which they count as flat */
  FLAT_LOSS_SPREAD: 0.01,
  /** nats per token: a loss below this is probably not a cross-entropy */
  LOSS_NEAR_ZERO: 0.1,
  /** nats per token: a loss above this is probably perplexity or a sum over tokens (ln 3.3e6 = 15) */
  LOSS_MAX_NATS: 15,
  /** leave-one-out: largest tolerated relative change of an exponent */
  LOO_MAX_SHIFT: 0.25,
  /** runs left out at each end of each variable */
  LOO_PER_END: 2,
} as const

export type FitWarningCode = 'loss-near-zero' | 'loss-too-large' | 'exponent-driven-by-one-point' | 'too-few-to-check' | 'allocation-exponent-out-of-range'

export interface FitWarning {
  code: FitWarningCode
  message: string
  run?: string
  values?: Record<string, number>
}

export interface LeaveOneOut {
  /** a run, or a budget / level of Approaches 1 and 2 ("C ~ 1.2e20") */
  left_out: string
  exponents: Record<string, number>
}

export interface FitEvidence {
  loss_min: number
  loss_max: number
  loss_relative_spread: number
  exponents: Record<string, number>
  /** refits without one extreme run (or budget) each; absent when there were too few to check */
  leave_one_out?: LeaveOneOut[]
  /** largest relative change of any exponent over leave_one_out */
  loo_max_shift?: number
  thresholds: typeof VERDICT_THRESHOLDS
}

/** The exponents that make a law a scaling law (what the leave-one-out watches). */
export function lawExponents(law: LawName, params: Record<string, number>): Record<string, number> {
  switch (law) {
    case 'kaplan-n':
      return { alpha_N: params.alpha_N }
    case 'kaplan-d':
      return { alpha_D: params.alpha_D }
    case 'kaplan-c':
      return { alpha_C: params.alpha_C }
    case 'kaplan-nd':
      return { alpha_N: params.alpha_N, alpha_D: params.alpha_D }
    case 'chinchilla':
      return { alpha: params.alpha, beta: params.beta }
    case 'envelope':
    case 'isoflop':
      return { a: params.a }
    case 'routed':
      return {}
  }
}

/** Before the fit: refuse flat losses. */
export function refuseFlatLosses(law: LawName, points: readonly ScalingPoint[]): void {
  const loss = points.map((p) => p.loss)
  const spread = (Math.max(...loss) - Math.min(...loss)) / median(loss)
  if (spread < VERDICT_THRESHOLDS.FLAT_LOSS_SPREAD) {
    throw new LabError('fit-degenerate', `The losses are flat (they vary by ${(100 * spread).toPrecision(2)} %, under ${100 * VERDICT_THRESHOLDS.FLAT_LOSS_SPREAD} % of their median): the ${law} fit would be noise, not a law.`, {
      hint: 'Select runs over a wider range of scale, or check that the metric is the training loss.',
    })
  }
}

/** After the fit: refuse exponents that say loss rises with scale. */
export function refuseRisingLoss(law: LawName, params: Record<string, number>): void {
  if (law === 'envelope' || law === 'isoflop' || law === 'routed') return
  for (const [name, value] of Object.entries(lawExponents(law, params))) {
    if (value < 0) {
      throw new LabError('fit-degenerate', `The ${law} fit gives ${name} = ${value.toPrecision(3)} < 0: loss rises with scale, which no scaling law of this form describes.`, {
        hint: 'Check for mislabelled sizes or a metric where higher is better; for loss that truly rises with scale use the inverse-scaling analysis.',
      })
    }
  }
}

function unitWarnings(points: readonly ScalingPoint[]): FitWarning[] {
  const out: FitWarning[] = []
  const low = points.filter((p) => p.loss < VERDICT_THRESHOLDS.LOSS_NEAR_ZERO)
  const high = points.filter((p) => p.loss > VERDICT_THRESHOLDS.LOSS_MAX_NATS)
  if (low.length) {
    out.push({ code: 'loss-near-zero', run: low[0].run, values: { runs: low.length, loss: low[0].loss, threshold: VERDICT_THRESHOLDS.LOSS_NEAR_ZERO }, message: `${low.length} run(s) have loss below ${VERDICT_THRESHOLDS.LOSS_NEAR_ZERO} nats per token (e.g. ${low[0].run}: ${low[0].loss.toPrecision(3)}): is this an accuracy or error rate rather than a cross-entropy?` })
  }
  if (high.length) {
    out.push({ code: 'loss-too-large', run: high[0].run, values: { runs: high.length, loss: high[0].loss, threshold: VERDICT_THRESHOLDS.LOSS_MAX_NATS }, message: `${high.length} run(s) have loss above ${VERDICT_THRESHOLDS.LOSS_MAX_NATS} nats per token (e.g. ${high[0].run}: ${high[0].loss.toPrecision(3)}), more than ln of a 3-million-token vocabulary: is this perplexity or a loss summed over tokens?` })
  }
  return out
}

/** Runs at the ends of each variable the law reads (LOO_PER_END smallest and largest), each once. */
export function extremeRuns(law: LawName, points: readonly ScalingPoint[]): number[] {
  const fields: ('params' | 'tokens' | 'flops')[] = law === 'kaplan-n' ? ['params'] : law === 'kaplan-d' ? ['tokens'] : law === 'kaplan-c' ? ['flops'] : ['params', 'tokens']
  const k = VERDICT_THRESHOLDS.LOO_PER_END
  const picked = new Set<number>()
  for (const f of fields) {
    const order = points.map((_, i) => i).sort((i, j) => points[i][f] - points[j][f])
    for (const i of [...order.slice(0, k), ...order.slice(-k)]) picked.add(i)
  }
  return [...picked].sort((a, b) => a - b)
}

function maxShift(full: Record<string, number>, loo: readonly LeaveOneOut[]): { shift: number; worst?: LeaveOneOut; name?: string } {
  let shift = 0
  let worst: LeaveOneOut | undefined
  let name: string | undefined
  for (const r of loo) {
    for (const [k, v] of Object.entries(full)) {
      const w = r.exponents[k]
      const s = !Number.isFinite(w) || Math.sign(w) !== Math.sign(v) ? Infinity : Math.abs(w - v) / Math.abs(v)
      if (s > shift) {
        shift = s
        worst = r
        name = k
      }
    }
  }
  return { shift, worst, name }
}

/** Leave-one-out over the used budgets (Approach 2) or levels (Approach 1): the slope a of log N_opt against log C. */
export function frontierLeaveOneOut(levels: readonly { flops: number; N: number }[]): LeaveOneOut[] {
  return levels.map((_, i) => {
    const rest = levels.filter((__, j) => j !== i)
    const slope = fitLogLinear(rest.map((l) => l.flops), rest.map((l) => l.N)).slope
    return { left_out: `C ~ ${levels[i].flops.toExponential(2)}`, exponents: { a: slope } }
  })
}

export interface VerdictInput {
  law: LawName
  points: readonly ScalingPoint[]
  params: Record<string, number>
  /** refits without one run (or budget) each; undefined: too few to leave one out */
  leaveOneOut?: LeaveOneOut[]
  /** what was too few, for the warning ("4 runs", "2 budgets") */
  tooFew?: string
}

/** The evidence and warnings of a fit that passed the refusals. */
export function judgeFit(v: VerdictInput): { evidence: FitEvidence; warnings: FitWarning[] } {
  const loss = v.points.map((p) => p.loss)
  const exponents = lawExponents(v.law, v.params)
  const evidence: FitEvidence = {
    loss_min: Math.min(...loss),
    loss_max: Math.max(...loss),
    loss_relative_spread: (Math.max(...loss) - Math.min(...loss)) / median(loss),
    exponents,
    thresholds: VERDICT_THRESHOLDS,
  }
  const warnings = unitWarnings(v.points)
  if ((v.law === 'envelope' || v.law === 'isoflop') && !(v.params.a > 0 && v.params.a < 1)) {
    warnings.push({ code: 'allocation-exponent-out-of-range', values: { a: v.params.a }, message: `The allocation exponent a = ${v.params.a.toPrecision(3)} lies outside (0, 1): the optimal ${v.params.a <= 0 ? 'model size' : 'number of tokens'} would shrink as compute grows.` })
  }
  if (Object.keys(exponents).length === 0) return { evidence, warnings }
  if (!v.leaveOneOut) {
    warnings.push({ code: 'too-few-to-check', message: `The exponents rest on ${v.tooFew ?? 'too few points'}: too few to check by leaving one out, so nothing shows they do not hinge on a single point.` })
    return { evidence, warnings }
  }
  evidence.leave_one_out = v.leaveOneOut
  const { shift, worst, name } = maxShift(exponents, v.leaveOneOut)
  evidence.loo_max_shift = Number.isFinite(shift) ? shift : -1
  if (worst && name && shift > VERDICT_THRESHOLDS.LOO_MAX_SHIFT) {
    const w = worst.exponents[name]
    warnings.push({
      code: 'exponent-driven-by-one-point',
      run: worst.left_out,
      values: { [name]: exponents[name], without: w, threshold: VERDICT_THRESHOLDS.LOO_MAX_SHIFT },
      message: `Leaving out ${worst.left_out} moves ${name} from ${exponents[name].toPrecision(3)} to ${Number.isFinite(w) ? w.toPrecision(3) : 'nothing'} (${Number.isFinite(shift) ? `${Math.round(100 * shift)} %` : 'a sign flip'}, more than ${100 * VERDICT_THRESHOLDS.LOO_MAX_SHIFT} %): one point drives the exponent.`,
    })
  }
  return { evidence, warnings }
}
