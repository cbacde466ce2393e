/** Worker: the forecast at a target and its fan (core/plan/plan-job forecastJob): the Chinchilla fit and its bootstrap (over fit-bootstrap workers). */
import { serveWorker } from '../core/jobs/worker-side'
import { forecastJob, type ForecastJobInput, type ForecastResult } from '../core/plan/plan-job'

serveWorker<ForecastJobInput, ForecastResult>((input, onProgress) => forecastJob(input, { onProgress }))
