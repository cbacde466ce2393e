import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { setWorkerDirectory } from '../../../src/core/jobs/run-in-worker'
import { LoadedModel } from '../../../src/core/knnlm/loaded-model'
import { trainLanguageModelInWorker } from '../../../src/core/knnlm/train-job'
import { encodeDocuments, trainLanguageModel } from '../../../src/core/knnlm/train-language-model'
import { tfReady } from '../../../src/core/knnlm/tf-backend'
import { forward, languageModelLoss } from '../../../src/core/knnlm/transformer'
import { TINY_CONFIG, TINY_TEXTS, tempDir, tinyTokenizer, trainTiny } from './tiny-setup'

describe('small Transformer training', () => {
  it('lowers the loss', async () => {
    const { result } = await trainTiny(25)
    const curve = result.lossCurve
    expect(curve).toHaveLength(5)
    expect(curve[curve.length - 1]!.loss).toBeLessThan(curve[0]!.loss - 0.3)
  })

  it('is seeded, and cancel + resume reproduces the uninterrupted run', async () => {
    const straight = await trainTiny(12)
    const dir = tempDir('resume')
    const controller = new AbortController()
    await expect(
      trainLanguageModel(
        { texts: TINY_TEXTS, tokenizer: tinyTokenizer(), outDir: dir, config: TINY_CONFIG, steps: 12, batchSize: 4, learningRate: 1e-2, seed: 3, evalEvery: 5 },
        { signal: controller.signal, onProgress: (f) => { if (f >= 0.5) controller.abort() } },
      ),
    ).rejects.toThrow(/Cancel/)
    const resumed = await trainTiny(12, { resume: true }, dir)
    expect(resumed.result.resumedFrom).toBe(6)
    expect(resumed.result.step).toBe(12)
    expect(resumed.result.modelId).toBe(straight.result.modelId)
    const other = await trainTiny(12, { seed: 4 })
    expect(other.result.modelId).not.toBe(straight.result.modelId)
  })

  it('scores a stream with the same loss as the training objective, for any stride', async () => {
    const { dir } = await trainTiny(10)
    const model = await LoadedModel.load(dir)
    const tokens = encodeDocuments(model.tokenizer, TINY_TEXTS).subarray(0, TINY_CONFIG.context + 1)
    const a = await model.scoreStream(tokens, { stride: 4 })
    const b = await model.scoreStream(tokens, { stride: 16 })
    expect(a.count).toBe(TINY_CONFIG.context)
    expect(a.keys.length).toBe(a.count * TINY_CONFIG.dModel)
    const meanNll = -a.lmLogProbs.reduce((s, x) => s + x, 0) / a.count
    const tf = await tfReady()
    const params = (model as unknown as { params: Parameters<typeof languageModelLoss>[2] }).params
    const loss = tf.tidy(() => languageModelLoss(tf, model.config, params, tf.tensor2d(tokens, [1, tokens.length], 'int32')).dataSync()[0]!)
    expect(meanNll).toBeCloseTo(loss, 4)
    // inference embeds with gather, training with a one-hot product: the same keys and logits, bit for bit
    const ids = tf.tensor2d(tokens.subarray(0, TINY_CONFIG.context), [1, TINY_CONFIG.context], 'int32')
    const [byGather, byOneHot] = [true, false].map((inference) =>
      tf.tidy(() => {
        const out = forward(tf, model.config, params, ids, { inference })
        return [...(out.keys.dataSync() as Float32Array), ...(out.logits.dataSync() as Float32Array)]
      }),
    )
    ids.dispose()
    expect(byGather).toEqual(byOneHot)
    for (let i = 0; i < a.count; i++) expect(a.lmLogProbs[i]).toBeCloseTo(b.lmLogProbs[i]!, 5)
    // a longer stream: sliding windows give every token a score
    const long = encodeDocuments(model.tokenizer, TINY_TEXTS)
    const c = await model.scoreStream(long)
    expect(c.count).toBe(long.length - 1)
    expect(Array.from(c.lmLogProbs).every((x) => x < 0 && Number.isFinite(x))).toBe(true)
    // keys only (datastore builds stop before the output layer): the same keys as the full pass, bit for bit
    const onlyKeys = await model.streamKeys(long)
    expect(onlyKeys.count).toBe(c.count)
    expect(onlyKeys.targets).toEqual(c.targets)
    expect(onlyKeys.keys).toEqual(c.keys)
    const next = model.nextToken(Array.from(long.subarray(0, 5)))
    expect(next.logProbs.length).toBe(model.tokenizer.vocabSize)
    expect(next.logProbs[long[5]!]).toBeCloseTo(c.lmLogProbs[4]!, 4)
    model.dispose()
  })

  it('trains a post-LN variant, whose keys-only pass gives the full pass\'s keys', async () => {
    const { result, dir } = await trainTiny(5, { config: { ...TINY_CONFIG, preLN: false } })
    expect(Number.isFinite(result.finalLoss)).toBe(true)
    const model = await LoadedModel.load(dir)
    const long = encodeDocuments(model.tokenizer, TINY_TEXTS)
    expect((await model.streamKeys(long)).keys).toEqual((await model.scoreStream(long)).keys)
    model.dispose()
  })

  it('refuses an empty or binary corpus', async () => {
    await expect(trainLanguageModel({ texts: [' '], tokenizer: tinyTokenizer(), outDir: tempDir('x'), steps: 1 })).rejects.toThrow(/empty/)
    const binary = String.fromCharCode(...Array.from({ length: 400 }, (_, i) => i % 32))
    await expect(trainLanguageModel({ texts: [binary], tokenizer: tinyTokenizer(), outDir: tempDir('x'), steps: 1 })).rejects.toThrow(/binary/)
  })

  it('trains in a worker thread with progress (bundled worker, as the built app runs it)', async () => {
    // Under Node 20, `--import tsx` in a Worker's execArgv does not load .ts worker sources (ERR_UNKNOWN_FILE_EXTENSION),
    // so bundle the worker entry with esbuild the way the app build does and point the job runner at it.
    const { build } = await import('esbuild')
    const outdir = join(process.cwd(), 'node_modules', '.cache', 'knnlm-test-workers')
    await build({ entryPoints: [join(process.cwd(), 'src', 'workers', 'knnlm-train.ts')], outdir, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['@tensorflow/*', 'usearch'], logLevel: 'silent' })
    setWorkerDirectory(outdir)
    const seen: number[] = []
    const r = await trainLanguageModelInWorker(
      { texts: TINY_TEXTS, tokenizer: tinyTokenizer().toJSON(), outDir: tempDir('worker'), config: TINY_CONFIG, steps: 4, batchSize: 2, seed: 1 },
      { onProgress: (f) => seen.push(f) },
    )
    expect(r.step).toBe(4)
    expect(seen.length).toBeGreaterThan(0)
  })
})
