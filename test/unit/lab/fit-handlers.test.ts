/**
 * The fit channels through the lab facade on an in-memory catalog holding runs generated from a Chinchilla-form law
 * with known parameters (no noise), so every pinned number is either those parameters or the closed-form allocation
 * of Hoffmann et al. 2022 (arXiv 2203.15556, eq. 4) recomputed here.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { importFile } from '../../../src/core/ingest/import-file'
import type { AllocationInfo, FitResultInfo, PresetInfo, ScalingPointInfo, StoredFit } from '../../../src/shared/api/fit'
import { PRESETS } from '../../../src/core/fit/presets'
import { listPresetSummaries } from '../../../src/core/lab/preset-summaries'

const TRUE = { E: 1.7, A: 400, B: 1800, alpha: 0.34, beta: 0.3 }
const loss = (N: number, D: number): number => TRUE.E + TRUE.A / Math.pow(N, TRUE.alpha) + TRUE.B / Math.pow(D, TRUE.beta)

/** Hoffmann et al. eq. 4, written out independently of src/core/fit/allocation.ts */
function closedForm(p: typeof TRUE, C: number): { N: number; D: number } {
  const G = Math.pow((p.alpha * p.A) / (p.beta * p.B), 1 / (p.alpha + p.beta))
  return { N: G * Math.pow(C / 6, p.beta / (p.alpha + p.beta)), D: Math.pow(C / 6, p.alpha / (p.alpha + p.beta)) / G }
}

let lab: Lab
let dir = ''
let projectId = 0
let runIds: number[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fit-handlers-'))
  const rows = ['run,params,tokens,loss']
  const sizes = [5e7, 1e8, 2e8, 4e8, 8e8, 1.6e9]
  const ratios = [5, 10, 20, 40, 80]
  for (const N of sizes) for (const r of ratios) rows.push(`n${N}-r${r},${N},${N * r},${loss(N, N * r)}`)
  writeFileSync(join(dir, 'synthetic.csv'), rows.join('\n') + '\n')
  lab = await createLab({ catalogPath: ':memory:', host: 'web', seedDemo: false })
  await importFile(lab.context.catalog, join(dir, 'synthetic.csv'), { project: 'synthetic' })
  projectId = lab.context.catalog.getProject('synthetic')!.id
  runIds = lab.context.catalog.listRuns({ projectId }).map((r) => r.id)
}, 60_000)

afterAll(() => {
  lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

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

async function refused(name: string, payload: unknown): Promise<{ code: string; message: string }> {
  try {
    await lab.invoke(name, payload)
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error(`${name} accepted ${JSON.stringify(payload)}`)
}

describe('fit channels', () => {
  it('gives the runs as scaling points with C = 6ND', async () => {
    const points = (await lab.invoke('scalingPoints', { projectId })) as ScalingPointInfo[]
    expect(points).toHaveLength(30)
    const p = points.find((q) => q.run === 'n100000000-r20')!
    expect(p.params).toBe(1e8)
    expect(p.tokens).toBe(2e9)
    expect(p.flops).toBeCloseTo(6 * 1e8 * 2e9, -3)
    expect(p.loss).toBeCloseTo(loss(1e8, 2e9), 12)
  })

  it('previews a Chinchilla fit that recovers the generating law', async () => {
    const fit = (await lab.invoke('previewFit', { projectId, law: 'chinchilla' })) as FitResultInfo
    expect(fit.n_points).toBe(30)
    expect(fit.converged).toBe(true)
    expect(fit.params.E).toBeCloseTo(TRUE.E, 3)
    expect(fit.params.alpha).toBeCloseTo(TRUE.alpha, 3)
    expect(fit.params.beta).toBeCloseTo(TRUE.beta, 3)
    expect(fit.params.A / TRUE.A).toBeCloseTo(1, 2)
    expect(fit.params.B / TRUE.B).toBeCloseTo(1, 2)
    expect(fit.se).toBeUndefined()
  }, 60_000)

  it('runs a fit as a job with bootstrap and a backtest, stores it, and lists, gets and deletes it', async () => {
    const excluded = runIds.slice(0, 2)
    const { jobId } = (await lab.invoke('startFit', { projectId, law: 'chinchilla', excluded, options: { bootstrap: 8, seed: 7, flopsCutoff: 1e19 } })) as { jobId: string }
    const stored = await waitForJob<StoredFit>(jobId)
    expect(stored.law).toBe('chinchilla')
    expect(stored.result.n_points).toBe(28)
    expect(stored.excluded).toEqual(excluded)
    expect(stored.selection.runIds).toHaveLength(30)
    expect(stored.seed).toBe(7)
    expect(stored.options).toMatchObject({ bootstrap: 8, seed: 7, flopsCutoff: 1e19 })
    expect(stored.codeVersion).toMatch(/^\d+\.\d+\.\d+/)
    expect(Object.keys(stored.result.se ?? {})).toEqual(expect.arrayContaining(['E', 'A', 'B', 'alpha', 'beta']))
    // noise-free data: every resample lands on the same law, the backtest predicts the held-out runs exactly
    expect(stored.result.se!.alpha).toBeLessThan(1e-3)
    expect(stored.result.backtest!.n_test).toBeGreaterThan(0)
    expect(stored.result.backtest!.mean_relative_error).toBeLessThan(1e-3)

    const listed = (await lab.invoke('listFits', { projectId })) as StoredFit[]
    expect(listed.map((f) => f.id)).toContain(stored.id)
    const got = (await lab.invoke('getFit', { fitId: stored.id })) as StoredFit
    expect(got.result.params).toEqual(stored.result.params)

    const a = (await lab.invoke('optimalAllocation', { flops: 1e21, fitId: stored.id })) as AllocationInfo
    const cf = closedForm(TRUE, 1e21)
    expect(a.N_opt / cf.N).toBeCloseTo(1, 2)
    expect(a.D_opt / cf.D).toBeCloseTo(1, 2)

    expect(await lab.invoke('deleteFit', { fitId: stored.id })).toEqual({ deleted: true })
    expect((await refused('getFit', { fitId: stored.id })).code).toBe('unknown-fit')
  }, 120_000)

  it('allocates a budget under the presets: closed form, inference-aware, data-constrained', async () => {
    const chin = PRESETS.chinchilla.params
    const a = (await lab.invoke('optimalAllocation', { flops: 5.76e23, preset: 'chinchilla' })) as AllocationInfo
    const cf = closedForm(chin, 5.76e23)
    expect(a.N_opt / cf.N).toBeCloseTo(1, 9)
    expect(a.D_opt / cf.D).toBeCloseTo(1, 9)
    expect(a.tokens_per_param).toBeCloseTo(cf.D / cf.N, 6)
    expect(a.loss!).toBeCloseTo(chin.E + chin.A / Math.pow(cf.N, chin.alpha) + chin.B / Math.pow(cf.D, chin.beta), 9)

    // Kaplan et al. 2020, Section 6.1: N_opt = 1.3e9 (C / PF-day)^0.73, D = C / 6N
    const k = (await lab.invoke('optimalAllocation', { flops: 5.76e23, preset: 'kaplan' })) as AllocationInfo
    expect(k.N_opt / (1.3e9 * Math.pow(5.76e23 / 8.64e19, 0.73))).toBeCloseTo(1, 9)

    // Sardana et al. 2024: with inference demand a smaller model trained longer reaches the same loss for less total compute
    const inf = (await lab.invoke('optimalAllocation', { flops: 5.76e23, preset: 'chinchilla', inferenceTokens: 5e12 })) as AllocationInfo
    expect(inf.inference!.N).toBeLessThan(a.N_opt)
    expect(inf.inference!.D_train).toBeGreaterThan(a.D_opt)
    expect(inf.inference!.total_flops).toBeLessThan(inf.inference!.chinchilla_total_flops)

    // Muennighoff et al. 2023: with fewer unique tokens than D_opt, repeated epochs and a worse loss
    const dc = (await lab.invoke('optimalAllocation', { flops: 5.76e23, preset: 'chinchilla', uniqueTokens: 2e11 })) as AllocationInfo
    expect(dc.dataConstrained!.epochs).toBeGreaterThan(1)
    expect(dc.dataConstrained!.loss).toBeGreaterThan(a.loss!)
  })

  it('lists the presets from src/core/fit/presets.ts, and the About summaries follow them', async () => {
    const presets = (await lab.invoke('listPresets', {})) as PresetInfo[]
    expect(presets.map((p) => p.id).sort()).toEqual(['besiroglu', 'chinchilla', 'hoffmann-approach1', 'hoffmann-approach2', 'kaplan'])
    expect(presets.find((p) => p.id === 'besiroglu')!.params).toEqual(PRESETS.besiroglu.params)
    expect(presets.find((p) => p.id === 'kaplan')!.lossDataset).toMatch(/WebText2/)
    expect(listPresetSummaries().map((s) => [s.id, s.citation])).toEqual(['kaplan', 'chinchilla', 'hoffmann-approach1', 'hoffmann-approach2', 'besiroglu'].map((id) => [id, PRESETS[id as 'kaplan'].citation]))
  })

  it('refuses bad requests with clear errors', async () => {
    const few = await refused('previewFit', { projectId, law: 'chinchilla', runIds: runIds.slice(0, 3) })
    expect(few.code).toBe('fit-too-few-points')
    expect(few.message).toMatch(/chinchilla/)
    expect((await refused('previewFit', { projectId, law: 'kaplan-n', excluded: runIds })).code).toBe('fit-no-runs')
    expect((await refused('previewFit', { projectId, law: 'kaplan-n', runIds: [] })).code).toBe('fit-no-runs')
    expect((await refused('previewFit', { projectId: 999, law: 'kaplan-n' })).code).toBe('unknown-project')
    expect((await refused('optimalAllocation', { flops: -1, preset: 'chinchilla' })).message).toMatch(/flops/)
    expect((await refused('optimalAllocation', { flops: 1e21, preset: 'kaplan', uniqueTokens: 1e11 })).code).toBe('allocation-undefined')
    expect((await refused('optimalAllocation', { flops: 1e21, fitId: 12345 })).code).toBe('unknown-fit')
  })

  it('gives no allocation for a single-variable law', async () => {
    const { jobId } = (await lab.invoke('startFit', { projectId, law: 'kaplan-n' })) as { jobId: string }
    const stored = await waitForJob<StoredFit>(jobId)
    expect(Number.isFinite(stored.result.params.alpha_N)).toBe(true)
    const e = await refused('optimalAllocation', { flops: 1e21, fitId: stored.id })
    expect(e.code).toBe('allocation-undefined')
    expect(e.message).toMatch(/kaplan-n/)
  })
})
