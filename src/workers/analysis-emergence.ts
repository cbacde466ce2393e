/** Worker: emergence analysis with its bootstrap (core/analysis/emergence) off the main thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { analyzeEmergence, type EmergenceOptions, type EmergenceResult } from '../core/analysis/emergence'
import type { EvalPoint, PredictionRow } from '../core/analysis/types'

export interface EmergenceJobInput {
  points: EvalPoint[]
  opts: Omit<EmergenceOptions, 'predictions'>
  predictions?: PredictionRow[]
}

serveWorker<EmergenceJobInput, EmergenceResult[]>((input, onProgress) => analyzeEmergence(input.points, { ...input.opts, predictions: input.predictions }, { onProgress }))
