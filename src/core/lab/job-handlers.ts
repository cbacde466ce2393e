/** Job channels: list, look at, cancel. */
import type { LabHandlers } from '../../shared/api'
import { LabError } from '../../shared/errors'
import type { LabContext } from './lab-context'

export function jobHandlers(ctx: LabContext): Pick<LabHandlers, 'listJobs' | 'getJob' | 'cancelJob'> {
  return {
    listJobs: async () => ctx.jobs.list(),
    getJob: async ({ jobId }) => {
      const job = ctx.jobs.get(jobId)
      if (!job) throw new LabError('unknown-job', `No job with id ${jobId}.`)
      return job
    },
    cancelJob: async ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  }
}
