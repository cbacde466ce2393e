/**
 * The analyses as worker-thread work (src/workers/analysis-emergence.ts, analysis-trend.ts, analysis-quick.ts): what
 * the lab sends and the body each worker runs, so the lab's thread reads the catalog and routes, and never derives or
 * fits.
 */
import type { ProgressOptions } from '../jobs/cancelled'
import { analyzeEmergence, type EmergenceOptions, type EmergenceResult } from './emergence'
import { evalPointsFromPredictions } from './prediction-metrics'
import { classifyTrend, type TrendOptions, type TrendResult } from './trend-shape'
import { metricComparison, type MetricComparisonOptions, type MetricComparisonResult } from './metric-comparison'
import { trainingDynamics, type TrainingDynamicsOptions, type TrainingDynamicsResult } from './training-dynamics'
import { twoStepPrediction, type TwoStepOptions, type TwoStepResult } from './two-step-prediction'
import type { EvalPoint, PredictionRow } from './types'
import type { ForecastTaskRow, LadderForecastResult } from '../../shared/api/forecast'
import { forecastTable, ladderForecast, type LadderForecastOptions } from './ladder-forecast'

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

/** The analyses that answer their channel directly (no job), each with the points the lab read from the catalog. */
export type QuickAnalysisInput =
  | { analysis: 'compare-metrics'; points: EvalPoint[]; opts: MetricComparisonOptions }
  | { analysis: 'training-dynamics'; points: EvalPoint[]; opts: TrainingDynamicsOptions }
  | { analysis: 'two-step-prediction'; points: EvalPoint[]; opts: TwoStepOptions }
  | { analysis: 'ladder-forecast'; points: EvalPoint[]; opts: LadderForecastOptions }
  | { analysis: 'forecast-table'; points: EvalPoint[]; opts: { lossMetric: string; accuracyMetric: string; targetParams: number; runs?: string[] } }

export type QuickAnalysisResult = MetricComparisonResult | TrainingDynamicsResult[] | TwoStepResult | LadderForecastResult | ForecastTaskRow[]

export function quickAnalysisJob(input: QuickAnalysisInput, progress: ProgressOptions = {}): QuickAnalysisResult {
  if (input.analysis === 'compare-metrics') return metricComparison(input.points, input.opts, progress)
  if (input.analysis === 'training-dynamics') return trainingDynamics(input.points, input.opts)
  if (input.analysis === 'ladder-forecast') return ladderForecast(input.points, input.opts, progress)
  if (input.analysis === 'forecast-table') return forecastTable(input.points, input.opts, progress)
  return twoStepPrediction(input.points, input.opts)
}
