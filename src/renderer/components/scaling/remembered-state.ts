/**
 * What the Scaling view remembers between sessions (localStorage), per project: the excluded runs, the stored fit
 * on screen, the x axis and the fit options. Every field is checked before use, against the same limits the fit
 * request schema sets (src/shared/api/fit.ts); a state that does not fit is dropped whole and the defaults apply.
 * Run ids and the stored fit id are checked again against the catalog when the view loads (restoreFor).
 */
import type { FitSettings, ScalingAxis } from './fit-request'

export interface ScalingState {
  projectId: number
  /** run ids left out of the fit, ascending */
  excluded: number[]
  /** the stored fit on screen (null: none) */
  fitId: number | null
  x: ScalingAxis
  settings: FitSettings
}

/** the request schema's cap on a selection (src/shared/api/fit.ts) */
export const MAX_REMEMBERED_RUNS = 100000

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0
const inRange = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi
const AXES: readonly unknown[] = ['params', 'tokens', 'flops']

export function isFitSettings(v: unknown): v is FitSettings {
  if (typeof v !== 'object' || v === null) return false
  const s = v as Record<string, unknown>
  return (
    (s.estimator === 'huber-sum' || s.estimator === 'huber-mle') &&
    inRange(s.bootstrap, 0, 10000) && Number.isInteger(s.bootstrap) &&
    inRange(s.seed, 0, 2 ** 31) && Number.isInteger(s.seed) &&
    typeof s.irreducible === 'boolean' &&
    inRange(s.isoflopTolerance, 1e-9, 1) &&
    (s.flopsCutoff === 0 || inRange(s.flopsCutoff, Number.MIN_VALUE, Number.MAX_VALUE)) &&
    inRange(s.budget, 1e10, 1e32)
  )
}

export function isScalingState(v: unknown): v is ScalingState {
  if (typeof v !== 'object' || v === null) return false
  const s = v as Record<string, unknown>
  return (
    isId(s.projectId) &&
    Array.isArray(s.excluded) && s.excluded.length <= MAX_REMEMBERED_RUNS && s.excluded.every(isId) && new Set(s.excluded).size === s.excluded.length &&
    (s.fitId === null || isId(s.fitId)) &&
    AXES.includes(s.x) &&
    isFitSettings(s.settings)
  )
}

export interface RestoredExclusions {
  /** remembered runs that are still among the points */
  kept: number[]
  /** remembered runs the project no longer has (deleted or hidden since): said in the view, not dropped silently */
  missing: number[]
}

/** The remembered exclusions checked against the runs the view now has. */
export function restoreExclusions(remembered: readonly number[], runIds: readonly number[]): RestoredExclusions {
  const known = new Set(runIds)
  const kept = remembered.filter((id) => known.has(id)).sort((a, b) => a - b)
  const missing = remembered.filter((id) => !known.has(id))
  return { kept, missing }
}
