/**
 * Keys scored in worker threads (the knnlm-keys worker, bundled as the app builds it) against the same model's
 * keys in this thread: the parts score the whole stream's windows in the same batches, so the numbers are equal.
 * Also: a datastore built in its own worker that starts the keys workers (nested threads) stores the same bytes.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { CancelledError } from '../../../src/core/jobs/cancelled'
import { buildDatastore } from '../../../src/core/knnlm/datastore'
import { LoadedModel } from '../../../src/core/knnlm/loaded-model'
import { keyScoringParts, streamKeysInWorkers } from '../../../src/core/knnlm/parallel-keys'
import { buildDatastoreInWorker } from '../../../src/core/knnlm/train-job'
import { encodeDocuments } from '../../../src/core/knnlm/train-language-model'
import { useBundledKnnLmWorkers } from '../lab/knnlm-workers'
import { TINY_CONFIG, TINY_TEXTS, tempDir, trainTiny } from './tiny-setup'

// 40 copies of the tiny texts: a few thousand tokens, enough for several parts at context 16
const TEXTS = Array.from({ length: 40 }, (_, i) => TINY_TEXTS[i % TINY_TEXTS.length]!)
let modelDir = ''

beforeAll(async () => {
  await useBundledKnnLmWorkers()
  modelDir = (await trainTiny(6)).dir
}, 120_000)

describe('keys in worker threads', () => {
  it('equal the keys scored in this thread, for several cuts, with progress', async () => {
    const model = await LoadedModel.load(modelDir)
    const tokens = encodeDocuments(model.tokenizer, TEXTS)
    for (const o of [{ batch: 4 }, { batch: 2, stride: 5 }]) {
      const one = await model.streamKeys(tokens, o)
      const parts = keyScoringParts(tokens.length, TINY_CONFIG.context, 3, o)
      expect(parts.length).toBe(3)
      const seen: number[] = []
      const many = await streamKeysInWorkers(modelDir, tokens, parts, { ...o, onProgress: (f) => seen.push(f) })
      expect(many.count).toBe(one.count)
      expect(many.targets).toEqual(one.targets)
      expect(many.keys).toEqual(one.keys)
      expect(seen.length).toBeGreaterThan(0)
      expect(Math.max(...seen)).toBeCloseTo(1, 6)
    }
    model.dispose()
  }, 120_000)

  it('stop when cancelled', async () => {
    const model = await LoadedModel.load(modelDir)
    const tokens = encodeDocuments(model.tokenizer, TEXTS)
    model.dispose()
    const parts = keyScoringParts(tokens.length, TINY_CONFIG.context, 2, { batch: 1 })
    const controller = new AbortController()
    const run = streamKeysInWorkers(modelDir, tokens, parts, { batch: 1, signal: controller.signal, onProgress: (f) => f > 0 && controller.abort() })
    await expect(run).rejects.toBeInstanceOf(CancelledError)
    // a signal aborted before the start starts nothing
    await expect(streamKeysInWorkers(modelDir, tokens, parts, { batch: 1, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CancelledError)
  }, 120_000)

  it('build the same datastore from a datastore worker as in this thread', async () => {
    const inThread = tempDir('ds-one')
    const inWorkers = tempDir('ds-many')
    const one = await buildDatastore({ modelDir, texts: TEXTS, outDir: inThread, dtype: 'float32' })
    // long enough for two parts at the default batch, so the datastore worker starts two keys workers
    expect(keyScoringParts(one.count + 1, TINY_CONFIG.context, 2)).toHaveLength(2)
    const many = await buildDatastoreInWorker({ modelDir, texts: TEXTS, outDir: inWorkers, dtype: 'float32', scoringThreads: 2 })
    expect(many.count).toBe(one.count)
    for (const f of ['keys.npy', 'values.npy', 'tokens.npy']) expect(readFileSync(join(inWorkers, f)).equals(readFileSync(join(inThread, f)))).toBe(true)
  }, 120_000)
})
