/** Test helper (not a test file): a lab job's final state, as the registry holds it (with the result when done). */
import type { Lab } from '../../../src/core/lab'
import type { JobState } from '../../../src/shared/api/jobs'

export function jobSettled(lab: Lab, jobId: string): Promise<JobState> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const job = lab.context.jobs.get(jobId)
      if (!job || job.status === 'running') return false
      resolve(job)
      return true
    }
    if (check()) return
    const stop = lab.context.jobs.onChange(() => check() && stop())
  })
}
