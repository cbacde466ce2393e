/**
 * Worker: one whole fit (core/fit/fit-runner fitJob): the quick preview, a stored fit, its bootstrap (whose resamples
 * go to fit-bootstrap workers started from here) and its backtest, so no 4,500-start grid blocks the lab's thread.
 */
import { serveWorker } from '../core/jobs/worker-side'
import { fitJob } from '../core/fit/fit-runner'
import type { FitRunInput } from '../core/fit/fit-run-input'
import type { FitResult } from '../core/fit/types'

serveWorker<FitRunInput, FitResult>((input, onProgress) => fitJob(input, { onProgress }))
