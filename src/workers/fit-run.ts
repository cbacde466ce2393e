/** Worker: one fit without bootstrap (the views' quick preview), so a 4,500-start grid never blocks the lab's thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { runFit } from '../core/fit/fit-runner'
import type { FitRunInput } from '../core/fit/fit-run-input'
import type { FitResult } from '../core/fit/types'

serveWorker<FitRunInput, FitResult>((input, onProgress) => runFit(input.law, input.points, input.options, { onProgress }))
