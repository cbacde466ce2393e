/** Input checks shared by every law: clear LabErrors instead of NaN parameters. */
import { LabError } from '../../shared/errors'
import type { ScalingPoint } from './types'

const FIELDS = ['params', 'tokens', 'flops', 'loss'] as const
type Field = (typeof FIELDS)[number]

/** What a law reads: Kaplan's single-variable laws need only their variable and the loss (Kaplan et al. 2020, eqs. 1.1-1.3). */
export function fieldsOf(law: string): readonly Field[] {
  if (law === 'kaplan-n') return ['params', 'loss']
  if (law === 'kaplan-d') return ['tokens', 'loss']
  if (law === 'kaplan-c') return ['flops', 'loss']
  return FIELDS
}

/** Every point must have a finite, positive value of each field the law reads (and experts >= 1, activeParams > 0 when present). */
export function validatePoints(points: readonly ScalingPoint[], law: string): void {
  if (!Array.isArray(points) || points.length === 0) {
    throw new LabError('fit-no-points', `No runs selected for the ${law} fit.`, { hint: 'Select at least a few runs with parameters, tokens, FLOPs and loss.' })
  }
  for (const p of points) {
    for (const field of fieldsOf(law)) {
      const v = p[field]
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        throw new LabError('fit-invalid-value', `Run "${p.run}" has ${field} = ${String(v)}; the ${law} fit needs a finite positive value.`, {
          hint: `Fix or exclude run "${p.run}".`,
        })
      }
    }
    if (p.activeParams !== undefined && !(Number.isFinite(p.activeParams) && p.activeParams > 0)) {
      throw new LabError('fit-invalid-value', `Run "${p.run}" has activeParams = ${String(p.activeParams)}; it must be a finite positive number.`, { hint: `Fix or exclude run "${p.run}".` })
    }
    if (p.experts !== undefined && !(Number.isFinite(p.experts) && p.experts >= 1)) {
      throw new LabError('fit-invalid-value', `Run "${p.run}" has experts = ${String(p.experts)}; it must be at least 1.`, { hint: `Fix or exclude run "${p.run}".` })
    }
  }
}

export function requireCount(count: number, needed: number, law: string, what = 'runs'): void {
  if (count < needed) {
    throw new LabError('fit-too-few-points', `The ${law} fit needs at least ${needed} ${what}; got ${count}.`, { hint: `Select more ${what} or choose a law with fewer parameters.` })
  }
}

export function requireDistinct(values: readonly number[], needed: number, law: string, what: string): void {
  const distinct = new Set(values.map((v) => v.toPrecision(12))).size
  if (distinct < needed) {
    throw new LabError('fit-too-few-points', `The ${law} fit needs at least ${needed} distinct values of ${what}; got ${distinct}.`, { hint: `Select runs that differ in ${what}.` })
  }
}

/** Throw unless every value is finite: never hand NaN parameters to a caller. */
export function requireFinite(values: Record<string, number>, law: string): void {
  for (const [k, v] of Object.entries(values)) {
    if (!Number.isFinite(v)) {
      throw new LabError('fit-not-converged', `The ${law} fit produced a non-finite ${k}; the data do not determine this law.`, {
        hint: 'Check for outliers, add runs over a wider range, or choose a simpler law.',
      })
    }
  }
}

export function requireConverged(converged: boolean, law: string, detail: string): void {
  if (!converged) {
    throw new LabError('fit-not-converged', `The ${law} fit did not converge (${detail}).`, { hint: 'Exclude outliers, add runs, or choose a simpler law.' })
  }
}
