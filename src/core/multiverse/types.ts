/**
 * The robustness audit ("multiverse" / specification curve: Simonsohn, Simmons & Nelson 2020, "Specification curve
 * analysis", Nature Human Behaviour 4; Steegen et al. 2016, "Increasing transparency through a multiverse analysis"):
 * one scaling-law answer refitted under every defensible analysis choice the data allow. Plain JSON in and out.
 */
import type { ScalingPoint } from '../fit/types'

/** A run as the audit sees it: the fit's point plus what the other N and FLOP definitions need. */
export interface AuditPoint extends ScalingPoint {
  /** non-embedding parameters, when the catalog records them */
  nonEmbeddingParams?: number
  /** true when the run records its FLOPs (false: the catalog derived them as 6ND) */
  flopsRecorded: boolean
  /** true when the run records its tokens (false: derived from its FLOPs as C / 6N) */
  tokensRecorded: boolean
}

export {
  AUDIT_ESTIMATORS,
  CHOICE_DIMENSIONS,
  type AuditEstimator,
  type AuditApproach,
  type NDefinition,
  type FlopsDefinition,
  type OptimiserStart,
  type ChoiceDimension,
  type SpecChoices,
  type SpecResult,
  type SkippedSpec,
  type LevelInfo,
  type InfluenceRow,
  type MultiverseResult,
} from '../../shared/api/multiverse'
import type { SpecChoices } from '../../shared/api/multiverse'

export interface AuditSpec {
  id: number
  choices: SpecChoices
}

export interface AuditInput {
  /** the law the audit was asked for (the audit spans Approaches 1-3 whichever it is) */
  law: string
  points: AuditPoint[]
  /** compute budget for N_opt, D_opt, tokens per parameter and loss (FLOPs) */
  budget: number
}

