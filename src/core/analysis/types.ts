/**
 * Input and result types of the analyses behind "bigger is different": emergence (Wei et al. 2022,
 * arXiv 2206.07682; Schaeffer et al. 2023, arXiv 2304.15004; Bhagia et al. 2024, arXiv 2412.04403),
 * calibration (Kadavath et al. 2022, arXiv 2207.05221) and trend shape (McKenzie et al. 2023,
 * arXiv 2306.09479; Wei et al. 2022, arXiv 2211.02011). Every result is plain JSON (no NaN, no Infinity).
 */
import type { XAxis, Interval, NoiseSource, ModelFit, SizePoint } from '../../shared/api/analysis-results'
export type { XAxis, Interval, NoiseSource, ModelFit, SizePoint }

/** One task evaluation of one model (at one checkpoint, one shot count). */
export interface EvalPoint {
  model: string
  family?: string
  /** parameters N (> 0) */
  params: number
  /** training tokens D seen at this checkpoint */
  tokens?: number
  /** training FLOPs; when absent and params and tokens are known, 6 N D is used (Kaplan et al. 2020) */
  flops?: number
  task: string
  metric: string
  value: number
  /** standard error of value (0 or absent: unknown) */
  stderr?: number
  shots?: number
  /** training step of the checkpoint; absent means the final model */
  checkpoint?: number
  /** number of answer choices (chance = 1 / choices) */
  choices?: number
  /** number of items behind value (for a binomial standard error of an accuracy) */
  n?: number
}

/**
 * One item answered by one model. `probability` is the probability the model gives the correct answer.
 * When `confidence` (in the answer the model chose) and `correct` are given they are used as they are;
 * otherwise, on a binary task, confidence = max(p, 1 - p) and correct = (p > 0.5).
 */
export interface PredictionRow {
  model: string
  params: number
  task: string
  item: string
  /** probability the model gave the correct (gold) answer */
  probability?: number
  /** 1 when the model's pick (its most probable option) is the correct answer */
  correct?: 0 | 1
  /** probability of the model's pick */
  confidence?: number
  family?: string
}

