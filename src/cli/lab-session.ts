/**
 * The CLI's one door to the engine: a headless lab on the catalog the options name (--catalog, else
 * SCALING_LAB_CATALOG, else the application-data folder). Every command calls `invoke` with the same channels,
 * schemas and defaults as the app, so what the CLI computes is stored as the app stores it. Long work starts as a
 * job: its progress comes through the lab's job events, its result through getJob, and Ctrl-C cancels it.
 */
import { createLab, type Lab } from '../core/lab'
import type { ChannelName, RequestOf, ResponseOf } from '../shared/api'
import type { JobState } from '../shared/api/jobs'
import { LabError } from '../shared/errors'
import type { ParsedArgs } from './args'
import { catalogPathFrom } from './catalog-option'

export interface JobFollow {
  /** called with each progress event of the job (fraction 0..1, the job's message) */
  onProgress?: (fraction: number, message?: string) => void
}

export interface LabSession {
  readonly lab: Lab
  invoke<K extends ChannelName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>>
  /** start a job through a channel that answers { jobId }, follow it, and return its result (or throw its error) */
  runJob<T>(name: ChannelName, payload: unknown, follow?: JobFollow): Promise<T>
}

/**
 * Open a headless lab for the command, run `work`, and always close the lab. `inMemory`: the command reads no
 * catalog (optimal with a preset), so none is opened or created.
 */
export async function withLab<T>(args: ParsedArgs, work: (session: LabSession) => Promise<T>, opts: { inMemory?: boolean } = {}): Promise<T> {
  const lab = await createLab({ catalogPath: opts.inMemory ? ':memory:' : catalogPathFrom(args), host: 'cli', seedDemo: false })
  try {
    return await work(session(lab))
  } finally {
    lab.close()
  }
}

function session(lab: Lab): LabSession {
  const invoke = <K extends ChannelName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> => lab.invoke(name, payload) as Promise<ResponseOf<K>>
  return { lab, invoke, runJob: (name, payload, follow) => runJob(lab, name, payload, follow) }
}

const finished = (job: JobState): boolean => job.status !== 'running'

async function runJob<T>(lab: Lab, name: ChannelName, payload: unknown, follow: JobFollow = {}): Promise<T> {
  // listen before the job starts: a quick job may end before its id comes back
  const ended = new Set<string>()
  let jobId: string | undefined
  let wake: (() => void) | undefined
  const off = lab.onEvent((event) => {
    if (event.type !== 'job') return
    if (finished(event.job)) {
      ended.add(event.job.id)
      if (event.job.id === jobId) wake?.()
    } else if (event.job.id === jobId) follow.onProgress?.(event.job.progress, event.job.message)
  })
  // Ctrl-C cancels the job (then withLab closes the lab); a second Ctrl-C stops the process as usual
  let interrupted = false
  const cancel = (id: string): void => void lab.invoke('cancelJob', { jobId: id })
  const onSigint = (): void => {
    interrupted = true
    if (jobId !== undefined) cancel(jobId)
  }
  process.once('SIGINT', onSigint)
  try {
    jobId = ((await lab.invoke(name, payload)) as { jobId: string }).jobId
    const id = jobId
    if (interrupted) cancel(id)
    if (!ended.has(id) && !finished((await lab.invoke('getJob', { jobId: id })) as JobState)) {
      await new Promise<void>((resolve) => {
        wake = resolve
        if (ended.has(id)) resolve()
      })
    }
    const job = (await lab.invoke('getJob', { jobId: id })) as JobState
    if (job.status === 'done') return job.result as T
    if (job.status === 'cancelled') throw new LabError('cancelled', `${job.label}: cancelled.`)
    const info = job.error ?? { code: 'internal', message: `${job.label} failed.` }
    // an internal failure stays one (exit code 1), as when the CLI ran the work itself
    if (info.code === 'internal') throw new Error(info.message)
    throw new LabError(info.code, info.message, { file: info.file, line: info.line, column: info.column, hint: info.hint })
  } finally {
    process.off('SIGINT', onSigint)
    off()
  }
}
