/** Worker: the analyses that answer their channel directly (metric comparison, training dynamics, two-step prediction; core/analysis/analysis-jobs) off the lab's thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { quickAnalysisJob, type QuickAnalysisInput, type QuickAnalysisResult } from '../core/analysis/analysis-jobs'

serveWorker<QuickAnalysisInput, QuickAnalysisResult>((input, onProgress) => quickAnalysisJob(input, { onProgress }))
