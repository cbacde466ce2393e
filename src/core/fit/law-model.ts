/**
 * One interface over every fitted law or preset: predicted loss at (N, D, C[, E]) and compute-optimal allocation.
 * The formulas live in the law files; this maps a FitResult's named parameters onto them:
 *   kaplan-n/d/c  L = E + (X_c / X)^alpha            (Kaplan et al. 2020, arXiv 2001.08361)
 *   kaplan-nd     L = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D
 *   chinchilla    L = E + A / N^alpha + B / D^beta    (Hoffmann et al. 2022, arXiv 2203.15556)
 *   envelope, isoflop: the frontier N_opt = k_N C^a, D_opt = k_D C^b, L_opt = k_L C^-alpha_L (loss along the frontier;
 *                 absent for the allocation-only presets of Hoffmann's Approaches 1 and 2)
 *   routed        log10 L = a log10 N + b log10 E + c log10 N log10 E + d   (Clark et al. 2022, arXiv 2202.01169)
 *   kaplan preset N_opt = 1.3e9 (C / PF-day)^0.73, L(C) = (C_c / C)^0.050
 */
import { LabError } from '../../shared/errors'
import { chinchillaAllocation, numericAllocation, type Allocation } from './allocation'
import { chinchillaLoss, type ChinchillaParams } from './chinchilla-law'
import { frontierAllocation } from './frontier'
import { kaplanJointLoss } from './kaplan-joint'
import { routedLoss } from './moe'
import { PF_DAY_FLOPS, type Preset } from './presets'
import type { LawName } from './types'

export interface LossQuery {
  params: number
  tokens: number
  flops: number
  experts?: number
  activeParams?: number
}

export interface LawModel {
  law: LawName | 'kaplan'
  predict(q: LossQuery): number
  /** loss as a function of N and D, when the law has one */
  lossND?: (N: number, D: number) => number
  /** compute-optimal allocation, when the law defines one (guessN: a nearby optimum, speeds up numeric laws) */
  allocate?: (flops: number, guessN?: number) => Allocation
  /** Chinchilla-form parameters, when the law is of that form (closed-form allocation, inference-aware, data-constrained) */
  chinchilla?: ChinchillaParams
}

function need(params: Record<string, number>, names: readonly string[], law: string): void {
  for (const n of names) {
    if (!Number.isFinite(params[n])) throw new LabError('fit-bad-params', `A ${law} law needs a finite parameter ${n}.`)
  }
}

/** Build the model of a fit (law + params) or of a preset. */
export function lawModel(fit: { law: LawName | 'kaplan'; params: Record<string, number> }): LawModel {
  const p = fit.params
  switch (fit.law) {
    case 'kaplan-n':
    case 'kaplan-d':
    case 'kaplan-c': {
      const key = fit.law === 'kaplan-n' ? 'N' : fit.law === 'kaplan-d' ? 'D' : 'C'
      need(p, [`alpha_${key}`, `${key}_c`], fit.law)
      const alpha = p[`alpha_${key}`]
      const xc = p[`${key}_c`]
      const E = p.E ?? 0
      const pick = (q: LossQuery): number => (key === 'N' ? q.params : key === 'D' ? q.tokens : q.flops)
      return { law: fit.law, predict: (q) => E + Math.pow(xc / pick(q), alpha) }
    }
    case 'kaplan-nd': {
      need(p, ['alpha_N', 'alpha_D', 'N_c', 'D_c'], fit.law)
      const params = { alpha_N: p.alpha_N, alpha_D: p.alpha_D, N_c: p.N_c, D_c: p.D_c }
      const lossND = (N: number, D: number): number => kaplanJointLoss(params, N, D)
      return { law: fit.law, predict: (q) => lossND(q.params, q.tokens), lossND, allocate: (C, guessN) => numericAllocation(lossND, C, { guessN }) }
    }
    case 'chinchilla': {
      need(p, ['E', 'A', 'B', 'alpha', 'beta'], fit.law)
      const c: ChinchillaParams = { E: p.E, A: p.A, B: p.B, alpha: p.alpha, beta: p.beta }
      const lossND = (N: number, D: number): number => chinchillaLoss(c, N, D)
      return { law: fit.law, predict: (q) => lossND(q.params, q.tokens), lossND, allocate: (C) => chinchillaAllocation(c, C), chinchilla: c }
    }
    case 'envelope':
    case 'isoflop': {
      // an allocation-only frontier (the Hoffmann Approach 1 and 2 presets) has no loss: its predictions are NaN
      need(p, ['a', 'b', 'k_N', 'k_D'], fit.law)
      const f = { a: p.a, b: p.b, k_N: p.k_N, k_D: p.k_D, alpha_L: p.alpha_L ?? NaN, k_L: p.k_L ?? NaN }
      return { law: fit.law, predict: (q) => f.k_L * Math.pow(q.flops, -f.alpha_L), allocate: (C) => frontierAllocation(f, C) }
    }
    case 'routed': {
      need(p, ['a', 'b', 'c', 'd'], fit.law)
      const r = { a: p.a, b: p.b, c: p.c, d: p.d }
      return { law: fit.law, predict: (q) => routedLoss(r, q.activeParams ?? q.params, q.experts ?? 1) }
    }
    case 'kaplan': {
      need(p, ['alpha_C', 'C_c_pf_days', 'allocation_exponent', 'allocation_coefficient'], 'kaplan')
      const lossC = (C: number): number => Math.pow((p.C_c_pf_days * PF_DAY_FLOPS) / C, p.alpha_C)
      return {
        law: 'kaplan',
        predict: (q) => lossC(q.flops),
        allocate: (C) => {
          const N = p.allocation_coefficient * Math.pow(C / PF_DAY_FLOPS, p.allocation_exponent)
          const D = C / (6 * N)
          return { flops: C, N_opt: N, D_opt: D, tokens_per_param: D / N, loss: lossC(C) }
        },
      }
    }
  }
}

export function presetModel(preset: Preset): LawModel {
  return lawModel({ law: preset.law, params: preset.params as unknown as Record<string, number> })
}
