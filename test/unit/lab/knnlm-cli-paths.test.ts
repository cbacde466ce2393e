/**
 * The kNN-LM channels' CLI-only `paths` (issue 11): a page must never make the lab read or write a path it names,
 * so every kNN-LM channel refuses `paths` unless the lab was opened by the CLI; the CLI's lab evaluates a real
 * model's .npy numbers named by path. Perplexities: test/fixtures/knnlm/expected.json (NumPy reference).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import type { JobState } from '../../../src/shared/api'
import type { KnnLmEvalResult } from '../../../src/shared/api/knnlm'
import { jobSettled as settled } from './job-settled'

const fx = join(__dirname, '..', '..', 'fixtures', 'knnlm')
const npy = { keys: join(fx, 'keys-f32.npy'), values: join(fx, 'values.npy'), queries: join(fx, 'queries.npy'), targets: join(fx, 'targets.npy'), lmLogProbs: join(fx, 'lm-logprobs.npy') }
const labs: Lab[] = []
const dir = mkdtempSync(join(tmpdir(), 'knnlm-cli-paths-'))
afterAll(() => {
  labs.forEach((l) => l.close())
  rmSync(dir, { recursive: true, force: true })
})

async function open(host: 'cli' | 'web' | 'electron'): Promise<Lab> {
  const lab = await createLab({ catalogPath: ':memory:', host, seedDemo: false })
  labs.push(lab)
  return lab
}


describe('kNN-LM paths (CLI only)', () => {
  it.each(['web', 'electron'] as const)('a lab opened by the %s host refuses every path and writes nothing', async (host) => {
    const lab = await open(host)
    const out = join(dir, `${host}-out`)
    const requests: Array<[string, unknown]> = [
      ['startKnnLmTrain', { paths: { sources: [join(fx, 'keys-f32.npy')], outDir: out } }],
      ['startKnnLmDatastore', { paths: { sources: ['moby-dick'], modelDir: join(dir, 'model'), outDir: out } }],
      ['startKnnLmEval', { paths: { npy } }],
      ['startKnnLmEval', { paths: {} }],
      ['startKnnLmSweep', { paths: { textSource: '/etc/passwd' } }],
    ]
    for (const [channel, payload] of requests) {
      await expect(lab.invoke(channel as 'startKnnLmEval', payload as never)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/only the command line may name files and folders/) })
    }
    expect(lab.context.jobs.list()).toEqual([])
    expect(existsSync(out)).toBe(false)
  })

  it('the CLI lab evaluates .npy files named by path (NumPy reference perplexities)', async () => {
    const lab = await open('cli')
    const expected = JSON.parse(readFileSync(join(fx, 'expected.json'), 'utf8')) as { cases: Array<{ lambda: number; k: number; temperature: number; ppl_knnlm_f32: number; ppl_lm: number }> }
    const c = expected.cases[1]!
    const { jobId } = (await lab.invoke('startKnnLmEval', { lambda: c.lambda, k: c.k, temperature: c.temperature, paths: { npy } })) as { jobId: string }
    const job = await settled(lab, jobId)
    expect(job.status).toBe('done')
    const r = job.result as KnnLmEvalResult
    expect(r.ppl_lm).toBeCloseTo(c.ppl_lm, 4)
    expect(r.ppl_knnlm).toBeCloseTo(c.ppl_knnlm_f32, 4)
  })

  it('refuses names and paths together, and a datastore with neither model nor paths', async () => {
    const lab = await open('cli')
    await expect(lab.invoke('startKnnLmEval', { model: 'lm-20260101-000000-abcdef', paths: { npy } })).rejects.toMatchObject({ code: 'bad-request' })
    await expect(lab.invoke('startKnnLmDatastore', { sources: ['moby-dick'] })).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/Name the model/) })
  })
})
