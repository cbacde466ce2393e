/** Plan channels (src/shared/api/plan.ts): the runs of a selection, then the plan as a job in the plan-run worker (src/core/plan). */
import type { LabHandlers, PlanInfo } from '../../shared/api'
import { runInWorker } from '../jobs/run-in-worker'
import type { PlanJobInput, PlanResult } from '../plan/plan-job'
import type { LabContext } from './lab-context'
import { selectPoints } from './fit-selection'

type PlanHandlers = Pick<LabHandlers, 'startPlan'>

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
  }
}
