/** Long work (imports, fits, training, datastore builds) runs as jobs: an id, progress, a cancel, a result. */
import { z } from 'zod'
import type { LabErrorInfo } from '../errors'
import { channel } from './channel'
import type { WatchActivity } from './watch'

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
  /** only in getJob's answer, once the job is done; events and listJobs leave it out (results can be large) */
  result?: unknown
  error?: LabErrorInfo
}

/**
 * Events pushed from the lab to every connected renderer: a job's state (no result), a change of projects or runs
 * (catalog-changed), or a stored fit added or deleted in a project (fits-changed; runs and projects did not change).
 */
export type LabEvent =
  | { type: 'job'; job: JobState }
  | { type: 'catalog-changed'; projectId?: number }
  | { type: 'fits-changed'; projectId: number }
  // a watched folder (watch.ts) changed runs of a project: points appended, runs added, running marks set or cleared
  | { type: 'runs-changed'; projectId: number; runIds: number[] }
  // one file handled by a watched folder
  | { type: 'watch-activity'; activity: WatchActivity }

export const jobIdRequest = z.object({ jobId: z.string().min(1).max(100) })

export const jobChannels = {
  listJobs: channel<JobState[]>()(z.object({}).strict()),
  getJob: channel<JobState>()(jobIdRequest.strict()),
  cancelJob: channel<{ cancelled: boolean }>()(jobIdRequest.strict()),
}
