/**
 * The startPlan channel: a plan runs as a job in the plan-run worker and answers the same plan as planInThread here
 * (same fit, same seeded resamples), labelled with the project's loss metric; a cancelled plan ends as cancelled; bad
 * requests are refused by the contract. Data: a 15-run ladder from a Chinchilla-form law (Hoffmann et al. 2022 eq. 10)
 * with 1% seeded log-normal noise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { importFile } from '../../../src/core/ingest/import-file'
import { chinchillaLoss } from '../../../src/core/fit/chinchilla-law'
import { seededRandom } from '../../../src/core/random'
import { selectPoints } from '../../../src/core/lab/fit-selection'
import { planInThread } from '../../../src/core/plan/plan-job'
import type { PlanInfo } from '../../../src/shared/api/plan'
import { jobSettled } from './job-settled'

const law = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }
let lab: Lab
let dir = ''
let projectId = 0

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plan-handlers-'))
  const rng = seededRandom(5)
  const rows = ['run,params,tokens,loss']
  for (const N of [2e7, 4e7, 8e7, 1.6e8, 3.2e8]) for (const m of [10, 20, 40]) rows.push(`n${N}-m${m},${N},${m * N},${chinchillaLoss(law, N, m * N) * Math.exp(0.01 * rng.normal())}`)
  writeFileSync(join(dir, 'ladder.csv'), rows.join('\n') + '\n')
  lab = await createLab({ catalogPath: ':memory:', host: 'web', seedDemo: false })
  await importFile(lab.context.catalog, join(dir, 'ladder.csv'), { project: 'ladder' })
  projectId = lab.context.catalog.getProject('ladder')!.id
}, 60_000)

afterAll(() => {
  lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

const start = async (req: Record<string, unknown>): Promise<string> => ((await lab.invoke('startPlan', { projectId, targetFlops: 1e22, spendFlops: 5e19, ...req })) as { jobId: string }).jobId

describe('startPlan', () => {
  it('answers in a worker the plan planInThread gives here, labelled with the loss metric', async () => {
    const job = await jobSettled(lab, await start({ bootstrap: 30, seed: 7 }))
    expect(job.status).toBe('done')
    const plan = job.result as PlanInfo
    const points = selectPoints(lab.context.catalog, { projectId }).used
    const here = planInThread({ points, targetFlops: 1e22, spendFlops: 5e19, bootstrap: 30, seed: 7 })
    expect(plan.interval_now).toEqual(here.interval_now)
    expect(plan.recommendations).toEqual(here.recommendations)
    expect(plan.naive.interval_expected).toEqual(here.naive.interval_expected)
    expect(plan.loss_metric).toBe('loss')
    expect(plan.n_runs).toBe(15)
  }, 120_000)

  it('ends a cancelled plan as cancelled', async () => {
    const jobId = await start({ bootstrap: 2000 })
    expect(((await lab.invoke('cancelJob', { jobId })) as { cancelled: boolean }).cancelled).toBe(true)
    expect((await jobSettled(lab, jobId)).status).toBe('cancelled')
  }, 60_000)

  it('refuses requests outside the contract', async () => {
    await expect(lab.invoke('startPlan', { projectId, targetFlops: -1, spendFlops: 1e20 })).rejects.toThrow()
    await expect(lab.invoke('startPlan', { projectId, targetFlops: 1e22, spendFlops: 1e20, bootstrap: 5 })).rejects.toThrow()
    await expect(lab.invoke('startPlan', { projectId: 999, targetFlops: 1e22, spendFlops: 1e20 })).rejects.toThrow(/No project/)
  })
})

describe('startForecastFan', () => {
  it('answers the forecast at the target and its fan with the plan\'s numbers (same fit, same resamples)', async () => {
    const jobId = ((await lab.invoke('startForecastFan', { projectId, targetFlops: 1e22, bootstrap: 30, seed: 7 })) as { jobId: string }).jobId
    const job = await jobSettled(lab, jobId)
    expect(job.status).toBe('done')
    const fan = job.result as { forecast: PlanInfo['forecast']; fan: PlanInfo['fan']; loss_metric: string }
    const points = selectPoints(lab.context.catalog, { projectId }).used
    const here = planInThread({ points, targetFlops: 1e22, spendFlops: 5e19, bootstrap: 30, seed: 7 })
    expect(fan.forecast).toEqual(here.forecast)
    expect(fan.fan).toEqual(here.fan)
    expect(fan.loss_metric).toBe('loss')
    const last = fan.fan[fan.fan.length - 1]
    expect(last.N_lo).toBeLessThan(last.N_opt)
    expect(last.N_hi).toBeGreaterThan(last.N_opt)
  }, 120_000)
})
