/** Long work (imports, fits, training, datastore builds) runs as jobs: an id, progress, a cancel, a result. */
import { z } from 'zod'
import type { LabErrorInfo } from '../errors'
import { channel } from './channel'

export type JobStatus = 'running' | 'done' | 'error' | 'cancelled'

export interface JobState {
  id: string
  kind: string
  label: string
  status: JobStatus
  /** 0..1 */
  progress: number
  message?: string
  startedAt: number
  finishedAt?: number
  result?: unknown
  error?: LabErrorInfo
}

/** Events pushed from the lab to every connected renderer. */
export type LabEvent = { type: 'job'; job: JobState } | { type: 'catalog-changed'; projectId?: number }

export const jobIdRequest = z.object({ jobId: z.string().min(1).max(100) })

export const jobChannels = {
  listJobs: channel<JobState[]>()(z.object({}).strict()),
  getJob: channel<JobState>()(jobIdRequest.strict()),
  cancelJob: channel<{ cancelled: boolean }>()(jobIdRequest.strict()),
}
