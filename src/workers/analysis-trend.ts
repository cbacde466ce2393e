/** Worker: trend-shape classification (core/analysis/analysis-jobs trendJob) off the lab's thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { trendJob, type TrendJobInput } from '../core/analysis/analysis-jobs'
import type { TrendResult } from '../core/analysis/trend-shape'

serveWorker<TrendJobInput, TrendResult[]>((input, onProgress) => trendJob(input, { onProgress }))
