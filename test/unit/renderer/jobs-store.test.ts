// The renderer's jobs store (issue 11): job states from events kept raw, the result read once with getJob when a
// tracked job is done, no getJob polling while the event stream is up, a slow poll only while it is down.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { isReactive } from 'vue'
import { FALLBACK_POLL_MS, useJobsStore } from '../../../src/renderer/stores/jobs'
import { useFitsStore } from '../../../src/renderer/stores/fits'
import { setLab } from '../../../src/renderer/stores/lab'
import type { Transport } from '../../../src/renderer/transport'
import { LabClientError } from '../../../src/renderer/transport'
import type { JobState } from '../../../src/shared/api'

const running: JobState = { id: 'j1', kind: 'fit', label: 'Fit chinchilla', status: 'running', progress: 0.4, startedAt: 1 }
const done: JobState = { ...running, status: 'done', progress: 1, finishedAt: 2 }

/** A transport whose getJob answers from `states`, counting calls; the event stream's state is set by the test. */
function fakeLab(states: Record<string, JobState>, withConnection: boolean) {
  const calls: string[] = []
  let report: ((up: boolean) => void) | null = null
  const t: Transport = {
    kind: 'web',
    call: (async (name: string, req: { jobId?: string }) => {
      calls.push(name)
      if (name === 'getJob') {
        const s = states[req.jobId!]
        if (!s) throw new LabClientError({ code: 'unknown-job', message: `No job with id ${req.jobId}.` })
        return s
      }
      if (name === 'listJobs') return Object.values(states).map(({ result: _r, ...s }) => s)
      return {}
    }) as Transport['call'],
    onEvent: () => () => undefined,
    upload: async () => ({ uploadId: '', name: '', size: 0 }),
  }
  if (withConnection) {
    t.onConnection = (cb) => {
      report = cb
      cb(true)
      return () => undefined
    }
  }
  return { t, calls, setConnected: (up: boolean) => report?.(up) }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('jobs store', () => {
  it('keeps light states raw and reads the result once when the tracked job is done', async () => {
    const states: Record<string, JobState> = { j1: { ...done, result: { id: 7, law: 'chinchilla' } } }
    const lab = fakeLab(states, true)
    setLab(lab.t)
    const jobs = useJobsStore()
    jobs.onEvent({ type: 'job', job: running })
    const tracked = jobs.track<{ id: number }>('j1')
    expect(isReactive(jobs.jobs.j1)).toBe(false)
    expect(jobs.jobs.j1.progress).toBe(0.4)
    // the event stream is up: no getJob however long the fit runs
    await vi.advanceTimersByTimeAsync(10 * FALLBACK_POLL_MS)
    expect(lab.calls).toEqual([])
    jobs.onEvent({ type: 'job', job: done })
    await expect(tracked).resolves.toEqual({ id: 7, law: 'chinchilla' })
    expect(lab.calls).toEqual(['getJob'])
    // the stored state stays without the result
    expect('result' in jobs.jobs.j1).toBe(false)
    expect(jobs.running).toEqual([])
  })

  it('settles a job that finished before it was tracked, and rejects a failed or cancelled one without reading', async () => {
    const lab = fakeLab({ j1: { ...done, result: 5 } }, true)
    setLab(lab.t)
    const jobs = useJobsStore()
    jobs.onEvent({ type: 'job', job: done })
    await expect(jobs.track('j1')).resolves.toBe(5)
    jobs.onEvent({ type: 'job', job: { ...running, id: 'j2', status: 'error', error: { code: 'fit-too-few-points', message: 'Too few runs.' } } })
    await expect(jobs.track('j2')).rejects.toMatchObject({ code: 'fit-too-few-points' })
    jobs.onEvent({ type: 'job', job: { ...running, id: 'j3', status: 'cancelled' } })
    await expect(jobs.track('j3')).rejects.toMatchObject({ code: 'cancelled' })
    expect(lab.calls).toEqual(['getJob'])
  })

  it('polls getJob slowly only while the event stream is down, and catches up when it is back', async () => {
    const states: Record<string, JobState> = { j1: running }
    const lab = fakeLab(states, true)
    setLab(lab.t)
    const jobs = useJobsStore()
    const tracked = jobs.track<number>('j1')
    let settled = false
    void tracked.then(() => (settled = true))
    lab.setConnected(false)
    await vi.advanceTimersByTimeAsync(FALLBACK_POLL_MS - 1)
    expect(lab.calls).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(lab.calls).toEqual(['getJob'])
    expect(settled).toBe(false)
    // the job finishes while no event can reach us; the stream comes back and the job is read at once
    states.j1 = { ...done, result: 3 }
    lab.setConnected(true)
    await flush()
    await expect(tracked).resolves.toBe(3)
    const n = lab.calls.length
    await vi.advanceTimersByTimeAsync(5 * FALLBACK_POLL_MS)
    expect(lab.calls.length).toBe(n)
  })

  it('rejects the waiters when the finished job is no longer known to the lab', async () => {
    const lab = fakeLab({}, false)
    setLab(lab.t)
    const jobs = useJobsStore()
    const tracked = jobs.track('gone')
    jobs.onEvent({ type: 'job', job: { ...done, id: 'gone' } })
    await expect(tracked).rejects.toMatchObject({ code: 'unknown-job' })
  })

  it('lists jobs from listJobs without results', async () => {
    const lab = fakeLab({ j1: { ...done, result: { big: true } } }, false)
    setLab(lab.t)
    const jobs = useJobsStore()
    await jobs.refresh()
    expect(jobs.list.map((j) => j.id)).toEqual(['j1'])
    expect('result' in jobs.list[0]).toBe(false)
  })
})

describe('fits store', () => {
  it('counts fits-changed per project', () => {
    const fits = useFitsStore()
    expect(fits.version(3)).toBe(0)
    fits.changed(3)
    fits.changed(3)
    fits.changed(4)
    expect([fits.version(3), fits.version(4), fits.version(null)]).toEqual([2, 1, 0])
  })
})
