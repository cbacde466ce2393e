/** Plan channels (src/shared/api/plan.ts): the runs of a selection, then the plan (plan-run worker) or the forecast fan (forecast-run worker) as a job (src/core/plan). */
import type { ForecastFanInfo, LabHandlers, PlanInfo } from '../../shared/api'
import { runInWorker } from '../jobs/run-in-worker'
import type { ForecastJobInput, ForecastResult, PlanJobInput, PlanResult } from '../plan/plan-job'
import type { LabContext } from './lab-context'
import { selectPoints } from './fit-selection'

type PlanHandlers = Pick<LabHandlers, 'startPlan' | 'startForecastFan'>

const fmt = (v: number): string => v.toExponential(2)

export function planHandlers(ctx: LabContext): PlanHandlers {
  return {
    startPlan: async (req) => {
      const sel = selectPoints(ctx.catalog, req)
      const { projectId: _p, runIds: _r, excluded: _e, metric: _m, ...bounds } = req
      const input: PlanJobInput = { ...bounds, points: sel.used }
      const jobId = ctx.jobs.start('plan', `Plan ${fmt(req.spendFlops)} FLOPs of runs for a ${fmt(req.targetFlops)} FLOP target`, async (opts) => {
        const result = await runInWorker<PlanResult>('plan-run', input, opts)
        const info: PlanInfo = { ...result, loss_metric: sel.metric, loss_metric_note: sel.metricNote }
        return info
      })
      return { jobId }
    },
    startForecastFan: async (req) => {
      const sel = selectPoints(ctx.catalog, req)
      const input: ForecastJobInput = { points: sel.used, targetFlops: req.targetFlops, bootstrap: req.bootstrap, seed: req.seed }
      const jobId = ctx.jobs.start('forecast', `Forecast fan to ${fmt(req.targetFlops)} FLOPs`, async (opts) => {
        const result = await runInWorker<ForecastResult>('forecast-run', input, opts)
        const info: ForecastFanInfo = { ...result, loss_metric: sel.metric, loss_metric_note: sel.metricNote }
        return info
      })
      return { jobId }
    },
  }
}
