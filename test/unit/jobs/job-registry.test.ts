import { describe, expect, it } from 'vitest'
import { JobRegistry } from '../../../src/core/jobs/job-registry'
import { CancelledError, throwIfCancelled } from '../../../src/core/jobs/cancelled'
import { LabError } from '../../../src/shared/errors'
import type { JobState } from '../../../src/shared/api/jobs'

const settle = (jobs: JobRegistry, id: string): Promise<JobState> =>
  new Promise((resolve) => {
    const stop = jobs.onChange((j) => {
      if (j.id === id && j.status !== 'running') {
        stop()
        resolve(j)
      }
    })
  })

describe('JobRegistry', () => {
  it('reports progress and the result of finished work', async () => {
    const jobs = new JobRegistry()
    const seen: number[] = []
    jobs.onChange((j) => seen.push(j.progress))
    const id = jobs.start('test', 'sum', async ({ onProgress }) => {
      onProgress(0.5)
      return 1 + 2
    })
    const done = await settle(jobs, id)
    expect(done.status).toBe('done')
    expect(done.progress).toBe(1)
    expect(seen[0]).toBe(0)
    // events and the list carry the state; the result is read once, from get()
    expect('result' in done).toBe(false)
    expect(jobs.list().every((j) => !('result' in j))).toBe(true)
    expect(jobs.get(id)!.result).toBe(3)
  })

  it('cancels work that watches its signal', async () => {
    const jobs = new JobRegistry()
    const id = jobs.start('test', 'forever', async ({ signal }) => {
      for (;;) {
        throwIfCancelled(signal)
        await new Promise((r) => setTimeout(r, 5))
      }
    })
    expect(jobs.cancel(id)).toBe(true)
    const done = await settle(jobs, id)
    expect(done.status).toBe('cancelled')
    expect(jobs.cancel(id)).toBe(false)
  })

  it('keeps a LabError whole, with its location', async () => {
    const jobs = new JobRegistry()
    const id = jobs.start('test', 'bad', async () => {
      throw new LabError('bad-value', 'text in a number column', { file: 'a.csv', line: 3, column: 2 })
    })
    const done = await settle(jobs, id)
    expect(done.status).toBe('error')
    expect(done.error).toEqual({ code: 'bad-value', message: 'text in a number column', file: 'a.csv', line: 3, column: 2 })
  })

  it('run() resolves with the result though the events leave it out', async () => {
    const jobs = new JobRegistry()
    await expect(jobs.run('test', 'x', async () => ({ answer: 42 }))).resolves.toEqual({ answer: 42 })
  })

  it('run() rejects with CancelledError when cancelled', async () => {
    const jobs = new JobRegistry()
    const pending = jobs.run('test', 'x', async ({ signal }) => {
      await new Promise((r) => setTimeout(r, 20))
      throwIfCancelled(signal)
      return 1
    })
    jobs.cancelAll()
    await expect(pending).rejects.toBeInstanceOf(CancelledError)
  })
})
