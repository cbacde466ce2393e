/**
 * What a fit request asks for: the options each law reads (estimator for Approach 3, the irreducible term for
 * Kaplan's single-variable laws, the grouping tolerance for Approaches 1 and 2), the natural x axis of each law,
 * and whether a stored fit answers the same question as the current settings (bootstrap size aside).
 */
import type { FitRequestOptions, Law } from '../../../shared/api'

export type ScalingAxis = 'params' | 'tokens' | 'flops'

/** The x axis a law is naturally drawn against. */
export function naturalAxis(law: Law): ScalingAxis {
  if (law === 'kaplan-n' || law === 'kaplan-nd' || law === 'routed') return 'params'
  if (law === 'kaplan-d') return 'tokens'
  return 'flops'
}

export interface FitSettings {
  estimator: 'huber-sum' | 'huber-mle'
  bootstrap: number
  seed: number
  irreducible: boolean
  isoflopTolerance: number
  /** backtest cut-off in FLOPs; 0 = none */
  flopsCutoff: number
  /** budget (FLOPs) for the derived N_opt, D_opt, loss */
  budget: number
}

export const DEFAULT_FIT_SETTINGS: FitSettings = { estimator: 'huber-sum', bootstrap: 200, seed: 1, irreducible: false, isoflopTolerance: 0.05, flopsCutoff: 0, budget: 5.76e23 }


/** Request options for a law: only what that law reads. */
export function requestOptions(law: Law, s: FitSettings, withBootstrap: boolean): FitRequestOptions {
  const whole = (v: number, lo: number, hi: number): number => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : lo)
  const o: FitRequestOptions = { seed: whole(s.seed, 0, 2 ** 31), budget: s.budget }
  if (law === 'chinchilla') o.estimator = s.estimator
  if (law === 'kaplan-n' || law === 'kaplan-d' || law === 'kaplan-c') o.irreducible = s.irreducible
  if (law === 'envelope' || law === 'isoflop') o.isoflopTolerance = s.isoflopTolerance
  if (s.flopsCutoff > 0) o.flopsCutoff = s.flopsCutoff
  if (withBootstrap) o.bootstrap = whole(s.bootstrap, 0, 10000)
  return o
}

const OPTION_KEYS = ['estimator', 'seed', 'flopsCutoff', 'isoflopTolerance', 'irreducible', 'budget'] as const

/** Two requests ask for the same fit (bootstrap size aside). */
export function sameOptions(a: FitRequestOptions, b: FitRequestOptions): boolean {
  return OPTION_KEYS.every((k) => (a[k] ?? null) === (b[k] ?? null) || (k === 'irreducible' && !a[k] && !b[k]))
}

