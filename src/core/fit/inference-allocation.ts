/**
 * Inference-aware allocation (Sardana et al. 2024, "Beyond Chinchilla-Optimal: Accounting for Inference in Language
 * Model Scaling Laws", arXiv 2401.00448, Section 2):
 *
 *   minimise  6 N D_train + 2 N D_inference   subject to  L(N, D_train) = target
 *
 * For the Chinchilla form the constraint gives D_train(N) = (B / (target - E - A / N^alpha))^(1 / beta) wherever
 * target > E + A / N^alpha; the total cost is then minimised over log N numerically. The target defaults to the
 * Chinchilla-optimal loss at a budget, so the answer reads "same quality, this much less total compute".
 */
import { LabError } from '../../shared/errors'
import { chinchillaAllocation } from './allocation'
import type { ChinchillaParams } from './chinchilla-law'

export interface InferenceAllocation {
  target_loss: number
  inference_tokens: number
  N: number
  D_train: number
  tokens_per_param: number
  training_flops: number
  inference_flops: number
  total_flops: number
  /** the Chinchilla-optimal model reaching the same loss, and its total cost with the same inference demand */
  chinchilla_N: number
  chinchilla_D: number
  chinchilla_total_flops: number
}

function tokensForTarget(p: ChinchillaParams, N: number, target: number): number {
  const rest = target - p.E - p.A / Math.pow(N, p.alpha)
  return rest > 0 ? Math.pow(p.B / rest, 1 / p.beta) : Infinity
}

/** The cheapest (N, D_train) reaching `target` with `inferenceTokens` tokens served afterwards. */
export function inferenceAwareAllocation(p: ChinchillaParams, inferenceTokens: number, target: number): InferenceAllocation {
  if (!(Number.isFinite(inferenceTokens) && inferenceTokens >= 0)) {
    throw new LabError('allocation-bad-input', `Inference tokens must be zero or positive; got ${String(inferenceTokens)}.`)
  }
  if (!(Number.isFinite(target) && target > p.E)) {
    throw new LabError('allocation-bad-input', `Target loss ${String(target)} is not above the irreducible loss E = ${p.E.toFixed(4)}; no model reaches it.`, {
      hint: 'Choose a larger target loss or a larger budget.',
    })
  }
  // N must exceed N_min where A / N^alpha = target - E
  const logNmin = Math.log(p.A / (target - p.E)) / p.alpha
  const cost = (logN: number): number => {
    const N = Math.exp(logN)
    const D = tokensForTarget(p, N, target)
    return 6 * N * D + 2 * N * inferenceTokens
  }
  // the cost is infinite at N_min and grows like N past the optimum: scan then golden-section in log N
  let lo = logNmin + 1e-9
  let hi = logNmin + Math.log(1e6)
  const steps = 600
  let bestI = 1
  let bestV = Infinity
  for (let i = 1; i <= steps; i++) {
    const v = cost(lo + ((hi - lo) * i) / steps)
    if (v < bestV) {
      bestV = v
      bestI = i
    }
  }
  const step = (hi - lo) / steps
  lo = lo + step * (bestI - 1)
  hi = lo + 2 * step
  const phi = (Math.sqrt(5) - 1) / 2
  for (let k = 0; k < 200 && hi - lo > 1e-12; k++) {
    const c = hi - phi * (hi - lo)
    const d = lo + phi * (hi - lo)
    if (cost(c) < cost(d)) hi = d
    else lo = c
  }
  const N = Math.exp((lo + hi) / 2)
  const D = tokensForTarget(p, N, target)
  // Chinchilla-optimal model of the same loss: along the compute-optimal frontier, solve L_opt(C) = target
  let cLo = 1e10
  let cHi = 1e35
  for (let k = 0; k < 200; k++) {
    const mid = Math.sqrt(cLo * cHi)
    if (chinchillaAllocation(p, mid).loss > target) cLo = mid
    else cHi = mid
  }
  const opt = chinchillaAllocation(p, Math.sqrt(cLo * cHi))
  return {
    target_loss: target,
    inference_tokens: inferenceTokens,
    N,
    D_train: D,
    tokens_per_param: D / N,
    training_flops: 6 * N * D,
    inference_flops: 2 * N * inferenceTokens,
    total_flops: 6 * N * D + 2 * N * inferenceTokens,
    chinchilla_N: opt.N_opt,
    chinchilla_D: opt.D_opt,
    chinchilla_total_flops: 6 * opt.N_opt * opt.D_opt + 2 * opt.N_opt * inferenceTokens,
  }
}

/** Sardana et al.'s default question: reach the Chinchilla-optimal loss of `budget` FLOPs, then serve `inferenceTokens`. */
export function inferenceAwareAtBudget(p: ChinchillaParams, budget: number, inferenceTokens: number): InferenceAllocation {
  return inferenceAwareAllocation(p, inferenceTokens, chinchillaAllocation(p, budget).loss)
}
