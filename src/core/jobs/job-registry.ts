/**
 * Jobs: long work with an id, progress events, a cancel, and a result kept for the session. Events and the list carry
 * a job's state (status, progress, message, error) but never its result: a result (a fit, an analysis) can be large,
 * so it is read once with get(id) when the job is done.
 */
import { randomUUID } from 'node:crypto'
import { toErrorInfo } from '../../shared/errors'
import type { JobState } from '../../shared/api/jobs'
import { CancelledError, type ProgressOptions } from './cancelled'

export type JobListener = (job: JobState) => void

export class JobRegistry {
  private readonly jobs = new Map<string, JobState>()
  private readonly controllers = new Map<string, AbortController>()
  private readonly listeners = new Set<JobListener>()
  private readonly finished: string[] = []

  constructor(private readonly keepFinished = 200) {}

  onChange(listener: JobListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Every job's state, without results. */
  list(): JobState[] {
    return [...this.jobs.values()].map(stateOf)
  }

  /** One job's state with its result once it is done. */
  get(id: string): JobState | undefined {
    const job = this.jobs.get(id)
    return job ? { ...job } : undefined
  }

  /** Start work now; returns the job id at once. The work gets progress and an abort signal. */
  start<T>(kind: string, label: string, work: (opts: Required<ProgressOptions>) => Promise<T>): string {
    const id = randomUUID()
    const controller = new AbortController()
    const job: JobState = { id, kind, label, status: 'running', progress: 0, startedAt: Date.now() }
    this.jobs.set(id, job)
    this.controllers.set(id, controller)
    this.emit(job)
    let lastEmit = 0
    const onProgress = (fraction: number, message?: string): void => {
      if (job.status !== 'running') return
      job.progress = Math.max(0, Math.min(1, fraction))
      if (message !== undefined) job.message = message
      const now = Date.now()
      if (now - lastEmit >= 100) {
        lastEmit = now
        this.emit(job)
      }
    }
    void (async () => {
      try {
        const result = await work({ onProgress, signal: controller.signal })
        if (controller.signal.aborted) throw new CancelledError()
        Object.assign(job, { status: 'done', progress: 1, result, message: undefined })
      } catch (e) {
        if (e instanceof CancelledError || controller.signal.aborted) Object.assign(job, { status: 'cancelled', message: 'Cancelled.' })
        else Object.assign(job, { status: 'error', error: toErrorInfo(e) })
      }
      job.finishedAt = Date.now()
      this.controllers.delete(id)
      this.retire(id)
      this.emit(job)
    })()
    return id
  }

  /** Start and wait: for callers (CLI) that want the result but still the progress and cancel. */
  async run<T>(kind: string, label: string, work: (opts: Required<ProgressOptions>) => Promise<T>): Promise<T> {
    const id = this.start(kind, label, work)
    return new Promise<T>((resolve, reject) => {
      const stop = this.onChange((job) => {
        if (job.id !== id || job.status === 'running') return
        stop()
        if (job.status === 'done') resolve(this.jobs.get(id)?.result as T)
        else if (job.status === 'cancelled') reject(new CancelledError())
        else reject(Object.assign(new Error(job.error?.message ?? 'failed'), { info: job.error }))
      })
    })
  }

  cancel(id: string): boolean {
    const controller = this.controllers.get(id)
    if (!controller) return false
    controller.abort()
    return true
  }

  cancelAll(): void {
    for (const c of this.controllers.values()) c.abort()
  }

  private retire(id: string): void {
    this.finished.push(id)
    while (this.finished.length > this.keepFinished) {
      const old = this.finished.shift()
      if (old) this.jobs.delete(old)
    }
  }

  private emit(job: JobState): void {
    const snapshot = stateOf(job)
    for (const l of this.listeners) l(snapshot)
  }
}

/** A job's state without its result (what events and the list carry). */
function stateOf(job: JobState): JobState {
  const { result: _result, ...state } = job
  return state
}
