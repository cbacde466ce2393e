/**
 * Jobs as the renderer sees them: every JobState from the lab's events (status, progress, message, error; never the
 * result), a cancel, and `track(jobId)` that resolves with the job's result, fetched once with getJob when the job
 * is done (rejects with its error, or with a cancel). The states are kept raw in a shallowRef: a view reads them,
 * nothing deep is made reactive. getJob is polled only while the transport says its event stream is down; when the
 * stream is back, every tracked job is read once to catch up on what it missed.
 */
import { defineStore } from 'pinia'
import { computed, markRaw, shallowRef } from 'vue'
import type { JobState, LabEvent } from '../../shared/api'
import { LabClientError } from '../transport'
import { lab } from './lab'

interface Waiter {
  resolve: (v: unknown) => void
  reject: (e: unknown) => void
}

/** getJob every this many ms while the event stream is down */
export const FALLBACK_POLL_MS = 3000
/** reads of a finished job's result before its waiters are told the read failed */
const RESULT_TRIES = 3

export const useJobsStore = defineStore('jobs', () => {
  const jobs = shallowRef<Record<string, JobState>>({})
  const waiters = new Map<string, Waiter[]>()
  const reading = new Set<string>()
  let live = true
  let watching = false
  let poll: ReturnType<typeof setInterval> | null = null

  const list = computed(() => Object.values(jobs.value).sort((a, b) => b.startedAt - a.startedAt))
  const running = computed(() => list.value.filter((j) => j.status === 'running'))

  function keep(job: JobState): void {
    const { result: _result, ...state } = job
    jobs.value = { ...jobs.value, [job.id]: markRaw(state) }
  }

  function settle(job: JobState, result?: unknown): void {
    const ws = waiters.get(job.id)
    if (!ws || job.status === 'running') return
    waiters.delete(job.id)
    syncPoll()
    for (const w of ws) {
      if (job.status === 'done') w.resolve(result)
      else if (job.status === 'cancelled') w.reject(new LabClientError({ code: 'cancelled', message: 'Cancelled.' }))
      else w.reject(new LabClientError(job.error ?? { code: 'job-failed', message: `${job.label} failed.` }))
    }
  }

  function failWaiters(jobId: string, e: unknown): void {
    const ws = waiters.get(jobId) ?? []
    waiters.delete(jobId)
    syncPoll()
    for (const w of ws) w.reject(e)
  }

  async function getJob(jobId: string): Promise<void> {
    const job = await lab().call('getJob', { jobId })
    keep(job)
    settle(job, job.result)
  }

  /** Read a tracked job with getJob: its state, and its result once it is done (the one read of a result). */
  async function read(jobId: string, tries = RESULT_TRIES): Promise<void> {
    if (reading.has(jobId) || !waiters.has(jobId)) return
    reading.add(jobId)
    let again = false
    try {
      await getJob(jobId)
    } catch (e) {
      again = !(e instanceof LabClientError && e.code === 'unknown-job') && tries > 1
      if (!again) failWaiters(jobId, e)
    } finally {
      reading.delete(jobId)
    }
    if (again) setTimeout(() => void read(jobId, tries - 1), FALLBACK_POLL_MS)
  }

  /** A state from an event or from listJobs: kept; a tracked job that has finished is settled (done: its result is read). */
  function update(job: JobState): void {
    keep(job)
    if (job.status === 'running' || !waiters.has(job.id)) return
    if (job.status === 'done') void read(job.id)
    else settle(job)
  }

  function onEvent(e: LabEvent): void {
    if (e.type === 'job') update(e.job)
  }

  /** Poll getJob for the tracked jobs only while events cannot reach us. */
  function syncPoll(): void {
    const want = !live && waiters.size > 0
    if (want && !poll) {
      poll = setInterval(() => {
        // a failed poll (the lab may be away too) is tried again at the next tick or when the stream is back
        for (const id of waiters.keys()) if (!reading.has(id)) void getJob(id).catch(() => undefined)
      }, FALLBACK_POLL_MS)
    } else if (!want && poll) {
      clearInterval(poll)
      poll = null
    }
  }

  function watchConnection(): void {
    if (watching) return
    const t = lab()
    if (!t.onConnection) return
    watching = true
    t.onConnection((connected) => {
      const back = connected && !live
      live = connected
      syncPoll()
      // events sent while the stream was down are lost: read each tracked job once
      if (back) for (const id of [...waiters.keys()]) void read(id)
    })
  }

  async function refresh(): Promise<void> {
    const all = await lab().call('listJobs', {})
    for (const j of all) update(j)
  }

  /** Resolves with the job's result: read once when an event (or, with the event stream down, a poll) says it is done. */
  function track<T = unknown>(jobId: string): Promise<T> {
    watchConnection()
    const p = new Promise<T>((resolve, reject) => {
      const ws = waiters.get(jobId) ?? []
      ws.push({ resolve: resolve as (v: unknown) => void, reject })
      waiters.set(jobId, ws)
    })
    syncPoll()
    const known = jobs.value[jobId]
    if (known) update(known)
    return p
  }

  async function cancel(jobId: string): Promise<void> {
    await lab().call('cancelJob', { jobId })
  }

  function clearFinished(): void {
    jobs.value = Object.fromEntries(Object.entries(jobs.value).filter(([, j]) => j.status === 'running'))
  }

  return { jobs, list, running, onEvent, refresh, track, cancel, clearFinished, update }
})
