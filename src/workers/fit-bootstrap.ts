/** Worker: fit one index range of bootstrap resamples (src/core/fit/bootstrap.ts) and post the samples back. */
import { serveWorker } from '../core/jobs/worker-side'
import { bootstrapRange, type BootstrapRangeInput, type BootstrapSample } from '../core/fit/bootstrap'

serveWorker<BootstrapRangeInput, BootstrapSample[]>((input, onProgress) => bootstrapRange(input, { onProgress }))
