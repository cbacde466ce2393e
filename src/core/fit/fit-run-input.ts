/** What the fit-run worker (src/workers/fit-run.ts) receives: one law, its points, its options. */
import type { FitOptions, LawName, ScalingPoint } from './types'

export interface FitRunInput {
  law: LawName
  points: ScalingPoint[]
  options: FitOptions
}
