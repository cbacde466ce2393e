import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { evaluateKnnLm, queryNextToken, clearKnnLmCache } from '../../../src/core/knnlm/api'
import { knnKernelStatus, loadKnnKernel } from '../../../src/core/knnlm/knn-kernel'
import { buildDatastore, checkCompatible, datastoreMemory, loadDatastore, searchDatastore } from '../../../src/core/knnlm/datastore'
import { typicalNearestDistance } from '../../../src/core/knnlm/domain-distance'
import { HnswIndex } from '../../../src/core/knnlm/hnsw-index'
import { encodeDocuments } from '../../../src/core/knnlm/train-language-model'
import { TINY_CONFIG, TINY_TEXTS, tempDir, tinyTokenizer, trainTiny } from './tiny-setup'

let modelDir = ''
let otherModelDir = ''
let storeDir = ''

beforeAll(async () => {
  modelDir = (await trainTiny(10)).dir
  otherModelDir = (await trainTiny(2, { seed: 9 })).dir
  storeDir = tempDir('store')
  await buildDatastore({ modelDir, texts: TINY_TEXTS, outDir: storeDir, dtype: 'float16', hnsw: true }, { onProgress: (f) => progress.push(f) })
})
/** the build's progress reports (weighted stages: build-progress.ts) */
const progress: number[] = []

describe('datastore', () => {
  it('stores one key per target token, and saves and loads them', () => {
    const ds = loadDatastore(storeDir)
    const tokens = encodeDocuments(tinyTokenizer(), TINY_TEXTS)
    expect(ds.meta.count).toBe(tokens.length - 1)
    expect(ds.meta.dims).toBe(TINY_CONFIG.dModel)
    expect(Array.from(ds.values)).toEqual(Array.from(tokens.subarray(1)))
    expect(ds.index).toBeInstanceOf(HnswIndex)
    const mem = datastoreMemory(ds)
    expect(mem.keysBytes).toBe(ds.meta.count * (TINY_CONFIG.dModel + 1) * 4)
    expect(mem.diskBytes).toBeGreaterThan(ds.meta.count * TINY_CONFIG.dModel * 2)
  })

  it('reports progress that only moves forward and ends at 1', () => {
    expect(progress.length).toBeGreaterThan(2)
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]!)
    expect(progress[progress.length - 1]).toBe(1)
  })

  it('stores the typical nearest-neighbour distance of its keys for the out-of-domain check', async () => {
    const ds = loadDatastore(storeDir)
    expect(ds.meta.typicalNearest).toEqual(await typicalNearestDistance(ds))
    expect(ds.meta.typicalNearest!.sample).toBe(Math.min(256, ds.meta.count))
    const view = await queryNextToken({ prefix: 'The jury said', modelDir, datastoreDir: storeDir })
    expect(view.domain?.typicalFrom).toBe('datastore.json')
  })

  it('finds a key as its own nearest neighbour, exactly and with HNSW', async () => {
    const ds = loadDatastore(storeDir)
    const d = ds.meta.dims
    const q = ds.keys.slice(7 * d, 8 * d)
    const exact = await searchDatastore(ds, q, 3, { method: 'exact' })
    const approx = await searchDatastore(ds, q, 3, { method: 'hnsw' })
    expect(exact.distances[0]).toBeCloseTo(0, 4)
    expect(ds.values[exact.indices[0]!]).toBe(ds.values[7])
    expect(approx.distances[0]).toBeCloseTo(0, 4)
  })

  it('refuses a datastore built with another model or tokenizer', async () => {
    const ds = loadDatastore(storeDir)
    expect(() => checkCompatible(ds, { id: 'other', tokenizerId: ds.meta.tokenizerId!, dims: ds.meta.dims })).toThrow(/another space|not with this model/)
    expect(() => checkCompatible(ds, { id: ds.meta.modelId!, tokenizerId: 'other', dims: ds.meta.dims })).toThrow(/tokenizer/)
    await expect(evaluateKnnLm({ modelDir: otherModelDir, datastoreDir: storeDir, text: TINY_TEXTS[0]! })).rejects.toThrow(/Build the datastore again|model/)
  })

  it('kNN-LM beats the LM on text that is in the datastore (memorisation)', async () => {
    clearKnnLmCache()
    const r = await evaluateKnnLm({ modelDir, datastoreDir: storeDir, text: TINY_TEXTS[1]!, lambda: 0.5, k: 16, temperature: 1, perToken: true })
    expect(r.ppl_knnlm).toBeLessThan(r.ppl_lm * 0.5)
    expect(r.tokens).toBe(tinyTokenizer().encode(TINY_TEXTS[1]!).length - 1)
    expect(r.perTokenView!.helpedShare).toBeGreaterThan(0.5)
    // the result says which exact search ran: the native kernel when it is built, else WebAssembly and why
    expect(r.search).toBe(loadKnnKernel() ? `exact, ${knnKernelStatus()}` : `exact, WebAssembly; native kernel ${knnKernelStatus()}`)
    const view = await queryNextToken({ modelDir, datastoreDir: storeDir, prefix: 'The jury further said in', k: 8, lambda: 0.5, temperature: 1 })
    expect(view.lmTop.length).toBeGreaterThan(0)
    expect(view.neighbours[0]!.context.endsWith(' in')).toBe(true)
    expect(view.neighbours[0]!.next).toBe(tinyTokenizer().tokenText(tinyTokenizer().encode(' term')[0]!))
    const sum = view.mixedTop.reduce((s, t) => s + t.p, 0)
    expect(sum).toBeLessThanOrEqual(1 + 1e-9)
  })

  it('refuses an empty or binary datastore text', async () => {
    await expect(buildDatastore({ modelDir, texts: [''] })).rejects.toThrow(/empty/)
    await expect(buildDatastore({ modelDir, texts: ['\u0000\u0001\u0002\u0003'.repeat(50)] })).rejects.toThrow(/binary/)
    await expect(evaluateKnnLm({ modelDir, datastoreDir: join(storeDir, 'missing') , text: 'x y z' })).rejects.toThrow(/datastore/)
  })
})
