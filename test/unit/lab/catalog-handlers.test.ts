/**
 * The catalog channels for correcting a catalog, through the lab facade (zod schemas included): the project's loss
 * metric, run edits and their history, the earlier import of an upload, and a replacing import as a job.
 * Fixture: 24 real Chinchilla runs as a W&B runs table (scripts/reference/wandb-runs-model-cfg.py).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import type { ImportRecord, ImportSummary, LossMetricInfo, RunEdit, RunSummary } from '../../../src/shared/api'

const fixture = join(__dirname, '..', '..', 'fixtures', 'catalog', 'wandb-runs-model-cfg.csv')
let lab: Lab
let projectId = 0

beforeAll(async () => {
  lab = await createLab({ catalogPath: ':memory:', host: 'web', seedDemo: false })
  projectId = lab.context.catalog.ensureProject('sweep').id
})
afterAll(() => lab?.close())

function waitForJob<T>(jobId: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = (): boolean => {
      const job = lab.context.jobs.get(jobId)
      if (!job || job.status === 'running') return false
      if (job.status === 'done') resolve(job.result as T)
      else reject(new Error(job.error?.message ?? job.status))
      return true
    }
    if (check()) return
    const stop = lab.context.jobs.onChange(() => check() && stop())
  })
}

async function refused(name: string, payload: unknown): Promise<string> {
  try {
    await lab.invoke(name, payload)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error(`${name} accepted ${JSON.stringify(payload)}`)
}

describe('catalog correction channels', () => {
  it('find the earlier import of an upload, and replace it with a corrected mapping', { timeout: 60_000 }, async () => {
    const uploadId = (await lab.context.uploads.fromBytes('wandb.csv', readFileSync(fixture))).id
    expect(await lab.invoke('earlierImport', { uploadId, projectId })).toBeNull()
    const first = await waitForJob<ImportSummary>(((await lab.invoke('startImport', { uploadId, projectId })) as { jobId: string }).jobId)
    const earlier = (await lab.invoke('earlierImport', { uploadId, projectId })) as ImportRecord
    expect(earlier).toMatchObject({ id: first.importId, fileName: 'wandb.csv', format: 'wandb-runs' })
    const dup = await waitForJob<ImportSummary>(((await lab.invoke('startImport', { uploadId, projectId, mapping: { params: 'model_cfg.size' } })) as { jobId: string }).jobId)
    expect(dup.duplicate).toBe(true)
    const replaced = await waitForJob<ImportSummary>(((await lab.invoke('startImport', { uploadId, projectId, mapping: { params: 'model_cfg.size' }, replace: true })) as { jobId: string }).jobId)
    expect(replaced).toMatchObject({ duplicate: false, runs: 24, replacedImportId: first.importId })
    expect(await refused('startImport', { uploadId, projectId, replace: 'yes' })).toMatch(/replace/)
  })

  it("say which metric is the project's loss, and store the user's choice", async () => {
    expect((await lab.invoke('lossMetric', { projectId })) as LossMetricInfo).toMatchObject({ metric: 'final loss', source: 'preference' })
    expect((await lab.invoke('setLossMetric', { projectId, metric: 'final loss' })) as LossMetricInfo).toMatchObject({ metric: 'final loss', source: 'project' })
    expect(await refused('setLossMetric', { projectId, metric: 'val_loss' })).toMatch(/No run of this project records a metric named "val_loss"/)
    expect(await refused('setLossMetric', { projectId, metric: 'x'.repeat(201) })).toBeTruthy()
  })

  it('edit a run through updateRun, list the history through runEdits, and refuse bad values at the door', async () => {
    const run = lab.context.catalog.findRun(projectId, 'chinchilla-fig4-00') as RunSummary
    const updated = (await lab.invoke('updateRun', { runId: run.id, params: 1.4e9, tokens: 3e11, experts: 8, family: 'Chinchilla', tags: ['fig4', 'edited'] })) as RunSummary
    expect(updated).toMatchObject({ params: 1.4e9, tokens: 3e11, experts: 8, family: 'Chinchilla', tags: ['fig4', 'edited'] })
    const edits = (await lab.invoke('runEdits', { runId: run.id })) as RunEdit[]
    expect(edits.map((e) => e.field).sort()).toEqual(['experts', 'family', 'params', 'tags', 'tokens'])
    for (const bad of [{ params: -1 }, { flops: 0 }, { tokens: Infinity }, { experts: 1.5 }, { family: 'x'.repeat(201) }, { name: 'renamed' }]) {
      expect(await refused('updateRun', { runId: run.id, ...bad })).toBeTruthy()
    }
    expect(((await lab.invoke('runEdits', { runId: run.id })) as RunEdit[]).length).toBe(edits.length)
  })
})
