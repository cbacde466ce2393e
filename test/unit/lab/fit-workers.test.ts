/**
 * Fits run in worker threads (issue 11): a stored fit from the fit-run worker carries the same numbers as runFit in
 * this thread, the lab's event loop keeps turning while the 4,500-start Chinchilla grid runs, a cancelled fit stores
 * nothing, job events and listJobs carry no results (getJob does), and a fit announces itself with fits-changed, not
 * catalog-changed. Data: runs generated from a Chinchilla-form law with known parameters (no noise).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { importFile } from '../../../src/core/ingest/import-file'
import { runFit } from '../../../src/core/fit/fit-runner'
import { selectPoints } from '../../../src/core/lab/fit-selection'
import type { StoredFit } from '../../../src/shared/api/fit'
import type { JobState, LabEvent } from '../../../src/shared/api/jobs'
import { jobSettled } from './job-settled'

const TRUE = { E: 1.7, A: 400, B: 1800, alpha: 0.34, beta: 0.3 }
const loss = (N: number, D: number): number => TRUE.E + TRUE.A / Math.pow(N, TRUE.alpha) + TRUE.B / Math.pow(D, TRUE.beta)

let lab: Lab
let dir = ''
let projectId = 0
const events: LabEvent[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fit-workers-'))
  const rows = ['run,params,tokens,loss']
  for (const N of [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9]) for (const r of [5, 10, 20, 40, 80]) rows.push(`n${N}-r${r},${N},${N * r},${loss(N, N * r)}`)
  writeFileSync(join(dir, 'synthetic.csv'), rows.join('\n') + '\n')
  lab = await createLab({ catalogPath: ':memory:', host: 'web', seedDemo: false })
  await importFile(lab.context.catalog, join(dir, 'synthetic.csv'), { project: 'synthetic' })
  projectId = lab.context.catalog.getProject('synthetic')!.id
  lab.onEvent((e) => events.push(e))
}, 60_000)

afterAll(() => {
  lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The job's final state as getJob answers it (with the result when done). */
const finished = (jobId: string): Promise<JobState> => jobSettled(lab, jobId)

async function startFit(req: Record<string, unknown>): Promise<string> {
  return ((await lab.invoke('startFit', { projectId, ...req })) as { jobId: string }).jobId
}

describe('fits in worker threads', () => {
  it('stores the same numbers as runFit in this thread (fit and backtest)', async () => {
    const options = { seed: 4, flopsCutoff: 1e19 }
    const job = await finished(await startFit({ law: 'chinchilla', options }))
    expect(job.status).toBe('done')
    const stored = job.result as StoredFit
    const here = runFit('chinchilla', selectPoints(lab.context.catalog, { projectId }).used, { ...options, bootstrap: 0 })
    expect(stored.result).toEqual(here)
    expect(stored.result.backtest!.n_test).toBeGreaterThan(0)
  }, 120_000)

  it('stores the same bootstrap as runFit in this thread (resamples from worker threads of the fit worker)', async () => {
    const options = { seed: 9, bootstrap: 12 }
    const job = await finished(await startFit({ law: 'kaplan-nd', options }))
    expect(job.status).toBe('done')
    const stored = job.result as StoredFit
    const here = runFit('kaplan-nd', selectPoints(lab.context.catalog, { projectId }).used, options)
    expect(stored.result.params).toEqual(here.params)
    expect(stored.result.se).toEqual(here.se)
    expect(stored.result.ci).toEqual(here.ci)
    expect(stored.result.band).toEqual(here.band)
    expect(stored.result.diagnostics?.bootstrap_threads).toBeGreaterThan(0)
  }, 120_000)

  it("keeps the lab's thread free while the 4,500-start grid runs", async () => {
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    try {
      const jobId = await startFit({ law: 'chinchilla' })
      // had the fit run on this thread, startFit would have answered only after it: the job would be done already
      expect(lab.context.jobs.get(jobId)!.status).toBe('running')
      const ticksBefore = ticks
      const projects = await lab.invoke('listProjects', {})
      expect(Array.isArray(projects)).toBe(true)
      // the catalog answered and timers fired while the job was still running
      while (ticks < ticksBefore + 3) await new Promise((r) => setTimeout(r, 1))
      expect(lab.context.jobs.get(jobId)!.status).toBe('running')
      expect((await finished(jobId)).status).toBe('done')
    } finally {
      clearInterval(timer)
    }
  }, 120_000)

  it('cancels a running fit: the job says cancelled and nothing is stored', async () => {
    const before = ((await lab.invoke('listFits', { projectId })) as StoredFit[]).length
    const mark = events.length
    const jobId = await startFit({ law: 'chinchilla', options: { bootstrap: 400 } })
    // cancel once the worker reports progress (the fit is under way off this thread)
    await new Promise<void>((resolve) => {
      const stop = lab.onEvent((e) => {
        if (e.type === 'job' && e.job.id === jobId && e.job.progress > 0) {
          stop()
          resolve()
        }
      })
    })
    expect(await lab.invoke('cancelJob', { jobId })).toEqual({ cancelled: true })
    const job = await finished(jobId)
    expect(job.status).toBe('cancelled')
    expect(job.result).toBeUndefined()
    expect(((await lab.invoke('listFits', { projectId })) as StoredFit[]).length).toBe(before)
    expect(events.slice(mark).some((e) => e.type === 'fits-changed')).toBe(false)
  }, 120_000)

  it('sends light job events, lists jobs without results, and gives the result from getJob', async () => {
    const jobs = events.filter((e): e is Extract<LabEvent, { type: 'job' }> => e.type === 'job')
    expect(jobs.length).toBeGreaterThan(0)
    for (const e of jobs) expect('result' in e.job).toBe(false)
    const done = jobs.find((e) => e.job.status === 'done')!
    expect(done.job.progress).toBe(1)
    const listed = (await lab.invoke('listJobs', {})) as JobState[]
    expect(listed.some((j) => j.status === 'done')).toBe(true)
    for (const j of listed) expect('result' in j).toBe(false)
    const got = (await lab.invoke('getJob', { jobId: done.job.id })) as JobState
    expect((got.result as StoredFit).projectId).toBe(projectId)
  })

  it('announces stored and deleted fits with fits-changed, not catalog-changed', async () => {
    const doneFits = events.filter((e) => e.type === 'job' && e.job.status === 'done').length
    expect(events.filter((e) => e.type === 'fits-changed')).toHaveLength(doneFits)
    expect(events.every((e) => e.type !== 'fits-changed' || e.projectId === projectId)).toBe(true)
    const [fit] = (await lab.invoke('listFits', { projectId })) as StoredFit[]
    events.length = 0
    await lab.invoke('deleteFit', { fitId: fit.id })
    expect(events).toEqual([{ type: 'fits-changed', projectId }])
  })
})
