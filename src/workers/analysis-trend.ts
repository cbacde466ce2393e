/** Worker: trend-shape classification (core/analysis/trend-shape) off the main thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { classifyTrend, type TrendOptions, type TrendResult } from '../core/analysis/trend-shape'
import type { EvalPoint, PredictionRow } from '../core/analysis/types'

export interface TrendJobInput {
  points: EvalPoint[]
  opts: Omit<TrendOptions, 'predictions'>
  predictions?: PredictionRow[]
}

serveWorker<TrendJobInput, TrendResult[]>((input, onProgress) => classifyTrend(input.points, { ...input.opts, predictions: input.predictions }, { onProgress }))
