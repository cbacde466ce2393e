/** Worker: emergence analysis with its bootstrap (core/analysis/analysis-jobs emergenceJob) off the lab's thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { emergenceJob, type EmergenceJobInput } from '../core/analysis/analysis-jobs'
import type { EmergenceResult } from '../core/analysis/emergence'

serveWorker<EmergenceJobInput, EmergenceResult[]>((input, onProgress) => emergenceJob(input, { onProgress }))
