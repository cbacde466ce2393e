/**
 * The verdict of a full fit (src/core/fit/verdict-checks.ts states the checks and thresholds): the leave-one-out
 * refits (warm-started from the full fit for Approach 3 and kaplan-nd), then the evidence and warnings.
 */
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { checkFitInput, fitLaw, type LawFit } from './fit-laws'
import type { IsoflopGroup } from './isoflop'
import type { EnvelopeLevel } from './envelope'
import type { FitOptions, LawName, ScalingPoint } from './types'
import { extremeRuns, frontierLeaveOneOut, judgeFit, lawExponents, type FitEvidence, type FitWarning, type LeaveOneOut } from './verdict-checks'

export interface FitVerdict {
  /** 'law': every check passed; 'flagged': the fit stands but a warning says what a reviewer would question */
  verdict: 'law' | 'flagged'
  evidence: FitEvidence
  warnings: FitWarning[]
}

function frontierLevels(law: LawName, fit: LawFit): { flops: number; N: number }[] {
  if (law === 'isoflop') {
    const groups = (fit.diagnostics.groups ?? []) as IsoflopGroup[]
    return groups.filter((g) => g.used && g.vertex).map((g) => ({ flops: g.flops, N: g.vertex!.N }))
  }
  return ((fit.diagnostics.envelope ?? []) as EnvelopeLevel[]).map((e) => ({ flops: e.flops, N: e.N }))
}

function pointLeaveOneOut(law: LawName, points: readonly ScalingPoint[], options: FitOptions, fit: LawFit, opts: ProgressOptions): LeaveOneOut[] | undefined {
  const out: LeaveOneOut[] = []
  for (const i of extremeRuns(law, points)) {
    throwIfCancelled(opts.signal)
    const rest = points.filter((_, j) => j !== i)
    if (rest.length < 3) return undefined
    try {
      checkFitInput(law, rest, options)
    } catch (e) {
      if (e instanceof LabError) return undefined
      throw e
    }
    let exponents: Record<string, number>
    try {
      const r = fitLaw(law, rest, options, { signal: opts.signal }, fit.vector ? { vector: fit.vector } : undefined)
      exponents = r.converged ? lawExponents(law, r.params) : Object.fromEntries(Object.keys(lawExponents(law, fit.params)).map((k) => [k, NaN]))
    } catch (e) {
      if (!(e instanceof LabError)) throw e
      exponents = Object.fromEntries(Object.keys(lawExponents(law, fit.params)).map((k) => [k, NaN]))
    }
    out.push({ left_out: points[i].run, exponents })
  }
  return out
}

export function fitVerdict(law: LawName, points: readonly ScalingPoint[], options: FitOptions, fit: LawFit, opts: ProgressOptions = {}): FitVerdict {
  let leaveOneOut: LeaveOneOut[] | undefined
  let tooFew: string | undefined
  if (law === 'isoflop' || law === 'envelope') {
    const levels = frontierLevels(law, fit)
    if (levels.length >= 3) leaveOneOut = frontierLeaveOneOut(levels)
    else tooFew = `${levels.length} ${law === 'isoflop' ? 'budgets' : 'compute levels'}`
  } else if (law !== 'routed') {
    leaveOneOut = pointLeaveOneOut(law, points, options, fit, opts)
    if (!leaveOneOut) tooFew = `${points.length} runs`
  }
  const { evidence, warnings } = judgeFit({ law, points, params: fit.params, leaveOneOut, tooFew })
  return { verdict: warnings.length ? 'flagged' : 'law', evidence, warnings }
}
