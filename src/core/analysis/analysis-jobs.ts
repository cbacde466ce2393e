/**
 * The analyses as worker-thread work (src/workers/analysis-emergence.ts, analysis-trend.ts): what the lab sends and
 * the body each worker runs, so the lab's thread reads the catalog and routes, and never derives or fits.
 */
import type { ProgressOptions } from '../jobs/cancelled'
import { analyzeEmergence, type EmergenceOptions, type EmergenceResult } from './emergence'
import { evalPointsFromPredictions } from './prediction-metrics'
import { classifyTrend, type TrendOptions, type TrendResult } from './trend-shape'
import type { EvalPoint, PredictionRow } from './types'

export interface EmergenceJobInput {
  /** evaluation points; absent when the task is known only from per-example predictions (derived from them here) */
  points?: EvalPoint[]
  opts: Omit<EmergenceOptions, 'predictions'>
  predictions?: PredictionRow[]
}

export interface TrendJobInput {
  points: EvalPoint[]
  opts: Omit<TrendOptions, 'predictions'>
  predictions?: PredictionRow[]
}

/** Emergence with its bootstrap; a task known only from predictions is analysed on accuracy, log-likelihood and Brier score. */
export function emergenceJob(input: EmergenceJobInput, progress: ProgressOptions = {}): EmergenceResult[] {
  const points = input.points ?? evalPointsFromPredictions(input.predictions ?? [])
  return analyzeEmergence(points, { ...input.opts, predictions: input.predictions }, progress)
}

export function trendJob(input: TrendJobInput, progress: ProgressOptions = {}): TrendResult[] {
  return classifyTrend(input.points, { ...input.opts, predictions: input.predictions }, progress)
}
