/**
 * The kNN-LM channels for trained models, datastores and imported numbers, through the lab facade (request
 * schemas included), with the workers bundled as the app builds them. The imported case pins perplexities
 * computed here by hand from the kNN-LM formulas of Khandelwal et al. 2020 (arXiv 1911.00172, eq. 2-3):
 * p_kNN from a softmax over negative squared distances, p = lambda p_kNN + (1 - lambda) p_LM, ppl = exp(-mean log p).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { KnnLmFolders } from '../../../src/core/lab/knnlm-folders'
import { encodeNpy, type NpyArray } from '../../../src/core/knnlm/npy'
import type { KnnLmDatastoreBuildResult, KnnLmEvalResult, KnnLmImportInfo, KnnLmModelInfo, KnnLmSweepResult, KnnLmTrainLoss, KnnLmTrainResult, KnnLmNextTokenView } from '../../../src/shared/api/knnlm'
import { TINY_TEXTS } from '../knnlm/tiny-setup'
import { useBundledKnnLmWorkers } from './knnlm-workers'

let lab: Lab
let dir = ''

beforeAll(async () => {
  await useBundledKnnLmWorkers()
  dir = mkdtempSync(join(tmpdir(), 'knnlm-handlers-'))
  lab = await createLab({ catalogPath: join(dir, 'catalog.sqlite'), host: 'web', seedDemo: false })
}, 120_000)

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
      else reject(Object.assign(new Error(job.error?.message ?? job.status), { status: job.status }))
      return true
    }
    if (check()) return
    const stop = lab.context.jobs.onChange(() => check() && stop())
  })
}

const call = <T>(name: string, payload: unknown): Promise<T> => lab.invoke(name, payload) as Promise<T>

async function upload(name: string, bytes: Uint8Array): Promise<string> {
  return (await lab.context.uploads.fromBytes(name, bytes)).id
}

const npy = (dtype: NpyArray['dtype'], shape: number[], data: number[]): Uint8Array =>
  encodeNpy({ dtype, shape, data: dtype === 'int32' ? Int32Array.from(data) : dtype === 'float16' ? Uint16Array.from(data) : Float32Array.from(data) })

describe('imported numbers', () => {
  // keys (0,0) (3,0) (0,4) with next tokens 1 2 1; queries at (0,0) and (3,0) whose actual next tokens are 1 and 2;
  // the LM gave those tokens probability 0.5 and 0.25
  const files = async (over: Partial<Record<'keys' | 'values' | 'queries' | 'targets' | 'lmLogProbs', Uint8Array>> = {}) => ({
    keys: await upload('my-keys.npy', over.keys ?? npy('float32', [3, 2], [0, 0, 3, 0, 0, 4])),
    values: await upload('my-values.npy', over.values ?? npy('int32', [3], [1, 2, 1])),
    queries: await upload('my-queries.npy', over.queries ?? npy('float32', [2, 2], [0, 0, 3, 0])),
    targets: await upload('my-targets.npy', over.targets ?? npy('int32', [2], [1, 2])),
    lmLogProbs: await upload('my-lp.npy', over.lmLogProbs ?? npy('float32', [2], [Math.log(0.5), Math.log(0.25)])),
  })

  it('stores valid files and evaluates the interpolation as the formulas give it', async () => {
    const info = await call<KnnLmImportInfo>('importKnnLmNumbers', await files())
    expect(info).toMatchObject({ keys: 3, dims: 2, keysDtype: 'float32', queries: 2, files: { keys: 'my-keys.npy', lmLogProbs: 'my-lp.npy' } })
    expect((await call<KnnLmImportInfo[]>('listKnnLmImports', {})).map((i) => i.name)).toContain(info.name)
    const { jobId } = await call<{ jobId: string }>('startKnnLmImportEval', { name: info.name, lambda: 0.25, k: 3, temperature: 1 })
    const r = await waitForJob<KnnLmEvalResult>(jobId)
    const pknn1 = (1 + Math.exp(-16)) / (1 + Math.exp(-9) + Math.exp(-16))
    const pknn2 = 1 / (1 + Math.exp(-9) + Math.exp(-25))
    const p1 = 0.25 * pknn1 + 0.75 * 0.5
    const p2 = 0.25 * pknn2 + 0.75 * 0.25
    expect(r.tokens).toBe(2)
    expect(r.import).toBe(info.name)
    expect(r.ppl_lm).toBeCloseTo(Math.sqrt(8), 5)
    expect(r.ppl_knnlm).toBeCloseTo(Math.exp(-(Math.log(p1) + Math.log(p2)) / 2), 5)
    const sweep = await waitForJob<KnnLmSweepResult>((await call<{ jobId: string }>('startKnnLmImportSweep', { name: info.name, lambdas: [0, 0.25, 0.5], ks: [1, 3], temperatures: [1], sizes: [1] })).jobId)
    expect(sweep.lambdaCurve.map((p) => p.lambda)).toEqual([0, 0.25, 0.5])
    expect(sweep.lambdaCurve[0]!.ppl).toBeCloseTo(Math.sqrt(8), 5)
    const gone = await call<{ deleted: string; bytes: number }>('deleteKnnLmImport', { name: info.name })
    expect(gone.bytes).toBeGreaterThan(0)
    expect((await call<KnnLmImportInfo[]>('listKnnLmImports', {})).map((i) => i.name)).not.toContain(info.name)
    await expect(call('deleteKnnLmImport', { name: info.name })).rejects.toThrow(/There is no import/)
  }, 60_000)

  it('rejects mismatched files with a message naming the uploaded file', async () => {
    await expect(call('importKnnLmNumbers', await files({ values: npy('int32', [2], [1, 2]) }))).rejects.toThrow(/my-values\.npy has 2 values but my-keys\.npy has 3 keys/)
    await expect(call('importKnnLmNumbers', await files({ queries: npy('float32', [2, 3], [0, 0, 0, 3, 0, 0]) }))).rejects.toThrow(/my-queries\.npy has 3-dimensional queries/)
    await expect(call('importKnnLmNumbers', await files({ values: npy('float32', [3], [1, 2, 1]) }))).rejects.toThrow(/my-values\.npy/)
    await expect(call('importKnnLmNumbers', await files({ lmLogProbs: npy('float32', [2], [0.5, -1]) }))).rejects.toThrow(/log-probability 0\.5/)
    const err = await call('importKnnLmNumbers', await files({ targets: npy('int32', [3], [1, 2, 1]) })).catch((e: unknown) => e as Error)
    expect(String((err as Error).message)).not.toContain(lab.context.uploads.dirPath)
  })
})

describe('training, datastores and evaluation of a trained model', () => {
  const tiny = { tokenizer: 'bpe', vocabSize: 300, layers: 1, dModel: 16, heads: 2, context: 16, batchSize: 4, learningRate: 0.01, seed: 3 }
  let corpus = ''

  it('trains on an uploaded text file, lists the model with its loss curve, builds a datastore and evaluates with it', async () => {
    corpus = await upload('jury.txt', new TextEncoder().encode(TINY_TEXTS.concat(TINY_TEXTS).join('\n\n')))
    const { jobId, name } = await call<{ jobId: string; name: string }>('startKnnLmTrain', { ...tiny, uploadIds: [corpus], steps: 12 })
    const r = await waitForJob<KnnLmTrainResult>(jobId)
    expect(r).toMatchObject({ name, step: 12 })
    const models = await call<KnnLmModelInfo[]>('listKnnLmModels', {})
    const m = models.find((x) => x.name === name)!
    expect(m).toMatchObject({ step: 12, totalSteps: 12, sources: ['jury.txt'], modelId: r.modelId })
    expect(m.lossCurve.length).toBeGreaterThan(0)
    expect(m.lossCurve.some((p) => p.valLoss !== undefined)).toBe(true)
    const live = await call<KnnLmTrainLoss>('getKnnLmTrainLoss', { name })
    expect(live.lossCurve).toEqual(r.lossCurve)

    const ds = await call<{ jobId: string; name: string }>('startKnnLmDatastore', { model: name, uploadIds: [corpus], dtype: 'float32' })
    const built = await waitForJob<KnnLmDatastoreBuildResult>(ds.jobId)
    expect(built.keys).toBeGreaterThan(50)
    const after = (await call<KnnLmModelInfo[]>('listKnnLmModels', {})).find((x) => x.name === name)!
    expect(after.datastores).toHaveLength(1)
    expect(after.datastores[0]).toMatchObject({ name: ds.name, keys: built.keys, dims: 16, stale: false })
    expect(after.datastores[0]!.heldOutChars).toBeGreaterThan(0)

    const ev = await waitForJob<KnnLmEvalResult>((await call<{ jobId: string }>('startKnnLmEval', { model: name, datastore: ds.name, lambda: 0.25, k: 8, temperature: 10 })).jobId)
    expect(ev.model).toBe(name)
    expect(ev.tokens).toBeGreaterThan(10)
    expect(Number.isFinite(ev.ppl_knnlm) && Number.isFinite(ev.ppl_lm)).toBe(true)
    const sw = await waitForJob<KnnLmSweepResult>((await call<{ jobId: string }>('startKnnLmSweep', { model: name, datastore: ds.name, lambdas: [0, 0.5], ks: [8], temperatures: [10], sizes: [0.5, 1] })).jobId)
    expect(sw.lambdaCurve[0]!.ppl).toBeCloseTo(ev.ppl_lm, 6)
    const view = await call<KnnLmNextTokenView>('queryKnnLm', { model: name, datastore: ds.name, prefix: 'The jury', k: 8 })
    expect(view.neighbours.length).toBeGreaterThan(0)
    await expect(call('startKnnLmEval', { model: name })).rejects.toThrow(/Pick a datastore/)
  }, 120_000)

  it('keeps the asked share of the corpus out of training and out of the datastore, and records it', async () => {
    const text = TINY_TEXTS.concat(TINY_TEXTS).join('\n\n')
    const file = await upload('halves.txt', new TextEncoder().encode(text))
    const { jobId, name } = await call<{ jobId: string; name: string }>('startKnnLmTrain', { ...tiny, uploadIds: [file], steps: 2, heldOutShare: 0.5 })
    await waitForJob<KnnLmTrainResult>(jobId)
    const m = (await call<KnnLmModelInfo[]>('listKnnLmModels', {})).find((x) => x.name === name)!
    expect(m.heldOutShare).toBe(0.5)
    // an uploaded .txt is one document, cut at the last line break before (1 - share) of its text: with 0.5 that is
    // the break between the two copies of the texts
    const held = readFileSync(join(new KnnLmFolders(lab.context.dataDir).modelDir(name), 'heldout.txt'), 'utf8')
    expect(held).toBe(TINY_TEXTS.join('\n\n'))
    const ds = await call<{ jobId: string; name: string }>('startKnnLmDatastore', { model: name, uploadIds: [file], heldOutShare: 0.3 })
    await waitForJob<KnnLmDatastoreBuildResult>(ds.jobId)
    const store = (await call<KnnLmModelInfo[]>('listKnnLmModels', {})).find((x) => x.name === name)!.datastores[0]!
    // with 0.3 the cut is at a line break before 70% of the text: at least 30% held out, and less than the model's half
    expect(store.heldOutChars / text.length).toBeGreaterThanOrEqual(0.3)
    expect(store.heldOutChars / text.length).toBeLessThan(0.5)
    // the contract refuses a share that would leave too little to train on
    await expect(call('startKnnLmTrain', { ...tiny, uploadIds: [file], steps: 2, heldOutShare: 0.9 })).rejects.toThrow(/heldOutShare/)
    await call('deleteKnnLmModel', { name })
  }, 120_000)

  it('cancel checkpoints the training where it stopped, and resume continues from that step', async () => {
    const { jobId, name } = await call<{ jobId: string; name: string }>('startKnnLmTrain', { ...tiny, sources: ['brown:ca01'], steps: 5000 })
    // cancel once the training has logged its first loss point
    await new Promise<void>((resolve) => {
      const stop = lab.context.jobs.onChange((j) => {
        if (j.id === jobId && j.progress > 0) {
          stop()
          resolve()
        }
      })
    })
    await expect(call('deleteKnnLmModel', { name })).rejects.toThrow(/is training now/)
    await call('cancelJob', { jobId })
    await expect(waitForJob(jobId)).rejects.toMatchObject({ status: 'cancelled' })
    const m = (await call<KnnLmModelInfo[]>('listKnnLmModels', {})).find((x) => x.name === name)!
    expect(m.step).toBeGreaterThan(0)
    expect(m.step).toBeLessThan(5000)
    const resumed = await call<{ jobId: string }>('resumeKnnLmTrain', { name, steps: m.step + 3 })
    const r = await waitForJob<KnnLmTrainResult>(resumed.jobId)
    expect(r.resumedFrom).toBe(m.step)
    expect(r.step).toBe(m.step + 3)
    await expect(call('resumeKnnLmTrain', { name, steps: 2 })).rejects.toThrow(/already trained/)
    // deleting removes the folder (weights, checkpoints, copied sources) and the model from the list
    const gone = await call<{ deleted: string; bytes: number }>('deleteKnnLmModel', { name })
    expect(gone.bytes).toBeGreaterThan(0)
    expect((await call<KnnLmModelInfo[]>('listKnnLmModels', {})).map((x) => x.name)).not.toContain(name)
    await expect(call('deleteKnnLmModel', { name })).rejects.toThrow(/There is no trained model/)
    await expect(call('deleteKnnLmModel', { name: '../../etc' })).rejects.toThrow(/not a model name/)
  }, 120_000)
})
