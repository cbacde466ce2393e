/**
 * Jobs as the renderer sees them: every JobState from the lab's events, a cancel, and `track(jobId)` that
 * resolves with the job's result when it is done (rejects with its error, or with a cancel).
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JobState, LabEvent } from '../../shared/api'
import { LabClientError } from '../transport'
import { lab } from './lab'

interface Waiter {
  resolve: (v: unknown) => void
  reject: (e: unknown) => void
}

export const useJobsStore = defineStore('jobs', () => {
  const jobs = ref<Record<string, JobState>>({})
  const waiters = new Map<string, Waiter[]>()

  const list = computed(() => Object.values(jobs.value).sort((a, b) => b.startedAt - a.startedAt))
  const running = computed(() => list.value.filter((j) => j.status === 'running'))

  function settle(job: JobState): void {
    const ws = waiters.get(job.id)
    if (!ws || job.status === 'running') return
    waiters.delete(job.id)
    for (const w of ws) {
      if (job.status === 'done') w.resolve(job.result)
      else if (job.status === 'cancelled') w.reject(new LabClientError({ code: 'cancelled', message: 'Cancelled.' }))
      else w.reject(new LabClientError(job.error ?? { code: 'job-failed', message: `${job.label} failed.` }))
    }
  }

  function update(job: JobState): void {
    jobs.value = { ...jobs.value, [job.id]: job }
    settle(job)
  }

  function onEvent(e: LabEvent): void {
    if (e.type === 'job') update(e.job)
  }

  async function refresh(): Promise<void> {
    const all = await lab().call('listJobs', {})
    for (const j of all) update(j)
  }

  /** Resolves with the job's result; also polls once in case the job finished before we listened. */
  function track<T = unknown>(jobId: string): Promise<T> {
    const p = new Promise<T>((resolve, reject) => {
      const ws = waiters.get(jobId) ?? []
      ws.push({ resolve: resolve as (v: unknown) => void, reject })
      waiters.set(jobId, ws)
    })
    const known = jobs.value[jobId]
    if (known) settle(known)
    // events are the fast path; a slow poll covers a dropped event socket
    const poll = setInterval(() => {
      if (!waiters.has(jobId)) return clearInterval(poll)
      lab()
        .call('getJob', { jobId })
        .then(update)
        .catch(() => undefined)
    }, 1500)
    p.then(
      () => clearInterval(poll),
      () => clearInterval(poll),
    )
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
