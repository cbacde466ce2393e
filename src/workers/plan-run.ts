/** Worker: one plan (core/plan/plan-job planJob): the Chinchilla fit, its bootstrap (over fit-bootstrap workers) and the choice of runs. */
import { serveWorker } from '../core/jobs/worker-side'
import { planJob, type PlanJobInput, type PlanResult } from '../core/plan/plan-job'

serveWorker<PlanJobInput, PlanResult>((input, onProgress) => planJob(input, { onProgress }))
