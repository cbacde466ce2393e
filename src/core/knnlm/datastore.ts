/**
 * The kNN-LM datastore (Khandelwal et al. 2020): one (key, value) pair per target token of a text, key = the
 * model's representation of the context before it (see transformer.ts), value = the token that followed.
 * On disk: datastore.json (dims, count, dtype, tokenizer id, model id, source), keys.npy (float16 or float32),
 * values.npy (int32), tokens.npy (int32 token stream: key i precedes tokens[i + 1], for showing contexts) and,
 * for large stores, index.usearch (HNSW). A build computes only the keys (LoadedModel.streamKeys), in worker
 * threads when asked (parallel-keys.ts).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { decontaminate } from '../corpus/stages/decontaminate'
import { checkCorpusTexts } from './corpus-check'
import { checkDims, squaredNorms, type Neighbours } from './exact-search'
import { exactSearchTf } from './exact-search-tf'
import { exactSearchNative } from './exact-search-native'
import { exactSearchBackend } from './knn-kernel'
import { decodeFloat16, encodeFloat16 } from './float16'
import { HnswIndex, type HnswOptions } from './hnsw-index'
import { LoadedModel } from './loaded-model'
import { keyScoringParts, streamKeysInWorkers } from './parallel-keys'
import { npyToMatrix, npyToVector, readNpy, writeNpy } from './npy'
import { encodeDocuments } from './train-language-model'
// domain-distance.ts searches with searchDatastore below: a cycle of functions called at run time only
import { typicalNearestDistance, type TypicalDistance } from './domain-distance'
import { datastoreBuildStages, stagedProgress } from './build-progress'

export type KeyDtype = 'float16' | 'float32'

export interface DatastoreMeta {
  format: 'scaling-lab-datastore'
  version: 1
  dims: number
  count: number
  dtype: KeyDtype
  /** null for imported stores that did not name one */
  tokenizerId: string | null
  modelId: string | null
  /** where the text came from (free form: genres, files, documents) */
  source?: Record<string, unknown>
  hasIndex: boolean
  /** the keys' typical nearest-neighbour distance, for the out-of-domain check (domain-distance.ts); stores built before it have none */
  typicalNearest?: TypicalDistance
}

export interface Datastore {
  meta: DatastoreMeta
  dir?: string
  keys: Float32Array
  values: Int32Array
  tokens?: Int32Array
  keyNorms: Float32Array
  index?: HnswIndex
}

export interface MemoryReport {
  keysBytes: number
  valuesBytes: number
  tokensBytes: number
  indexBytes: number
  totalBytes: number
  diskBytes?: number
}

/** Above this many keys, searches use the HNSW index when one is built. */
export const HNSW_THRESHOLD = 200_000

export function makeDatastore(meta: Omit<DatastoreMeta, 'format' | 'version' | 'count' | 'hasIndex'>, keys: Float32Array, values: Int32Array, tokens?: Int32Array): Datastore {
  const count = values.length
  if (keys.length !== count * meta.dims) {
    throw new LabError('dims-mismatch', `There are ${values.length} values but ${keys.length / meta.dims} keys of ${meta.dims} dimensions.`, { hint: 'Keys and values must have one row per target token.' })
  }
  const stored = meta.dtype === 'float16' ? decodeFloat16(encodeFloat16(keys)) : keys
  return { meta: { format: 'scaling-lab-datastore', version: 1, count, hasIndex: false, ...meta }, keys: stored, values, tokens, keyNorms: squaredNorms(stored, meta.dims) }
}

export function datastoreMemory(ds: Datastore): MemoryReport {
  const keysBytes = ds.keys.byteLength + ds.keyNorms.byteLength
  const valuesBytes = ds.values.byteLength
  const tokensBytes = ds.tokens?.byteLength ?? 0
  const indexBytes = ds.index?.memoryBytes ?? 0
  const report: MemoryReport = { keysBytes, valuesBytes, tokensBytes, indexBytes, totalBytes: keysBytes + valuesBytes + tokensBytes + indexBytes }
  if (ds.dir) {
    report.diskBytes = ['keys.npy', 'values.npy', 'tokens.npy', 'index.usearch', 'datastore.json']
      .map((f) => join(ds.dir!, f))
      .filter((f) => existsSync(f))
      .reduce((n, f) => n + statSync(f).size, 0)
  }
  return report
}

export function saveDatastore(ds: Datastore, dir: string): DatastoreMeta {
  mkdirSync(dir, { recursive: true })
  const { dims, count, dtype } = ds.meta
  writeNpy(join(dir, 'keys.npy'), dtype === 'float16' ? { dtype: 'float16', shape: [count, dims], data: encodeFloat16(ds.keys) } : { dtype: 'float32', shape: [count, dims], data: ds.keys })
  writeNpy(join(dir, 'values.npy'), { dtype: 'int32', shape: [count], data: ds.values })
  if (ds.tokens) writeNpy(join(dir, 'tokens.npy'), { dtype: 'int32', shape: [ds.tokens.length], data: ds.tokens })
  if (ds.index) ds.index.save(join(dir, 'index.usearch'))
  const meta = { ...ds.meta, hasIndex: ds.index !== undefined }
  writeFileSync(join(dir, 'datastore.json'), JSON.stringify(meta, null, 1))
  ds.dir = dir
  ds.meta = meta
  return meta
}

export function readDatastoreMeta(dir: string): DatastoreMeta {
  const file = join(dir, 'datastore.json')
  if (!existsSync(file)) throw new LabError('datastore-not-found', `No datastore in ${dir} (datastore.json is missing).`, { file, hint: 'Build one with scaling-lab knnlm datastore, or pick a folder that holds datastore.json.' })
  const meta = JSON.parse(readFileSync(file, 'utf8')) as DatastoreMeta
  if (meta.format !== 'scaling-lab-datastore') throw new LabError('datastore-invalid', `${file} is not a Scaling Lab datastore.`, { file })
  return meta
}

export function loadDatastore(dir: string, o: { loadIndex?: boolean } = {}): Datastore {
  const meta = readDatastoreMeta(dir)
  const keysFile = join(dir, 'keys.npy')
  const k = npyToMatrix(readNpy(keysFile), keysFile, 'keys')
  if (k.cols !== meta.dims || k.rows !== meta.count) {
    throw new LabError('dims-mismatch', `${keysFile} has shape (${k.rows}, ${k.cols}) but datastore.json says (${meta.count}, ${meta.dims}).`, { file: keysFile, hint: 'The datastore folder is inconsistent; build it again.' })
  }
  const valuesFile = join(dir, 'values.npy')
  const values = npyToVector(readNpy(valuesFile), valuesFile, 'values', 'int') as Int32Array
  if (values.length !== meta.count) throw new LabError('dims-mismatch', `${valuesFile} has ${values.length} values for ${meta.count} keys.`, { file: valuesFile, hint: 'Keys and values need one row per token.' })
  const tokensFile = join(dir, 'tokens.npy')
  const tokens = existsSync(tokensFile) ? (npyToVector(readNpy(tokensFile), tokensFile, 'tokens', 'int') as Int32Array) : undefined
  const ds: Datastore = { meta, dir, keys: k.data, values, tokens, keyNorms: squaredNorms(k.data, meta.dims) }
  if (meta.hasIndex && o.loadIndex !== false && existsSync(join(dir, 'index.usearch'))) ds.index = HnswIndex.load(join(dir, 'index.usearch'), meta.dims)
  return ds
}

/** Refuse a datastore that another tokenizer or model produced. */
export function checkCompatible(ds: Datastore, model: { id: string; tokenizerId: string; dims: number }): void {
  const where = ds.dir ? { file: join(ds.dir, 'datastore.json') } : {}
  if (ds.meta.tokenizerId !== null && ds.meta.tokenizerId !== model.tokenizerId) {
    throw new LabError('tokenizer-mismatch', `The datastore was built with tokenizer ${ds.meta.tokenizerId}, the model uses ${model.tokenizerId}.`, { ...where, hint: 'Build the datastore again with this model (scaling-lab knnlm datastore).' })
  }
  if (ds.meta.modelId !== null && ds.meta.modelId !== model.id) {
    throw new LabError('model-mismatch', `The datastore was built with model ${ds.meta.modelId}, not with this model (${model.id}): its keys live in another space.`, { ...where, hint: 'Build the datastore again with this model.' })
  }
  if (ds.meta.dims !== model.dims) {
    throw new LabError('dims-mismatch', `The datastore keys have ${ds.meta.dims} dimensions, the model's have ${model.dims}.`, { ...where, hint: 'Build the datastore again with this model.' })
  }
}

export type SearchMethod = 'auto' | 'exact' | 'hnsw'

/** k nearest keys of each query, over the first `limit` rows (default all). */
export async function searchDatastore(ds: Datastore, queries: Float32Array, k: number, o: { method?: SearchMethod; limit?: number } & ProgressOptions = {}): Promise<Neighbours & { search: string }> {
  const method = o.method ?? 'auto'
  const useIndex = method === 'hnsw' || (method === 'auto' && ds.index !== undefined && ds.meta.count > HNSW_THRESHOLD)
  if (useIndex) {
    if (!ds.index) throw new LabError('index-not-found', 'This datastore has no HNSW index.', { hint: 'Build the datastore with an index (hnsw: true), or search exactly.' })
    return { ...ds.index.search(ds.keys, queries, k, o), search: 'HNSW (approximate candidates, exact distances)' }
  }
  if (queries.length % ds.meta.dims !== 0) checkDims('The queries', queries.length, ds.meta.dims)
  // the native kernel (BLAS-class speed) when it is built, else the WebAssembly matrix product
  const backend = exactSearchBackend()
  const nb = backend.native ? await exactSearchNative(ds.keys, queries, ds.meta.dims, k, o) : await exactSearchTf(ds.keys, queries, ds.meta.dims, k, { ...o, keyNorms: ds.keyNorms })
  return { ...nb, search: `exact, ${backend.label}` }
}

export interface BuildDatastoreOptions {
  modelDir: string
  /** documents to store (each followed by end-of-text) */
  texts: readonly string[]
  outDir?: string
  dtype?: KeyDtype
  /** build an HNSW index too: true, false, or 'auto' (when the store exceeds HNSW_THRESHOLD keys) */
  hnsw?: boolean | 'auto'
  hnswOptions?: HnswOptions
  source?: Record<string, unknown>
  /** reuse a loaded model */
  model?: LoadedModel
  /** ids of the documents in `texts` (reported by decontamination) */
  documentIds?: string[]
  /** drop documents sharing an n-gram with this evaluation text first (corpus decontamination, Brown et al. 2020) */
  decontaminateAgainst?: string
  /** n-gram length for decontamination (default 13) */
  decontaminationN?: number
  /** score the stream in this many worker threads (default 1: in this thread); short streams use fewer */
  scoringThreads?: number
}

export interface BuildDatastoreResult {
  datastore: Datastore
  count: number
  dims: number
  seconds: number
  tokensPerSecond: number
  memory: MemoryReport
  /** documents removed because they overlap the evaluation text */
  decontaminated?: { n: number; removed: string[] }
}

export async function buildDatastore(o: BuildDatastoreOptions, opts: ProgressOptions = {}): Promise<BuildDatastoreResult> {
  checkCorpusTexts(o.texts, 'datastore text')
  let texts = o.texts
  let decontaminated: BuildDatastoreResult['decontaminated']
  if (o.decontaminateAgainst !== undefined) {
    const docs = o.texts.map((text, i) => ({ id: o.documentIds?.[i] ?? `doc-${i + 1}`, text, source: 'datastore', lang: 'en' as const }))
    const r = decontaminate(docs, o.decontaminateAgainst, { n: o.decontaminationN })
    decontaminated = { n: r.n, removed: r.removed.map((d) => d.id) }
    texts = r.kept.map((d) => d.text)
    checkCorpusTexts(texts, 'datastore text after decontamination')
  }
  const t0 = performance.now()
  const model = o.model ?? (await LoadedModel.load(o.modelDir))
  try {
    const tokens = encodeDocuments(model.tokenizer, texts)
    const parts = keyScoringParts(tokens.length, model.config.context, o.scoringThreads ?? 1)
    const wantIndex = o.hnsw === true || (o.hnsw === 'auto' && tokens.length - 1 > HNSW_THRESHOLD)
    // each stage moves the bar by its expected share of the time (build-progress.ts)
    const stage = stagedProgress(datastoreBuildStages({ tokens: tokens.length, threads: parts.length, cores: availableParallelism(), index: wantIndex, config: model.config }), opts.onProgress)
    const scoring = { signal: opts.signal, onProgress: stage('scoring') }
    const scored = parts.length > 1 ? await streamKeysInWorkers(model.dir, tokens, parts, scoring) : await model.streamKeys(tokens, scoring)
    throwIfCancelled(opts.signal)
    const ds = makeDatastore({ dims: scored.dims, dtype: o.dtype ?? 'float16', tokenizerId: model.tokenizer.id, modelId: model.id, source: o.source }, scored.keys, scored.targets, tokens)
    if (wantIndex) ds.index = HnswIndex.build(ds.keys, ds.meta.dims, { ...o.hnswOptions, signal: opts.signal, onProgress: stage('index') })
    const typical = stage('typical distance')
    typical(0, 'typical nearest-neighbour distance of the keys')
    ds.meta.typicalNearest = await typicalNearestDistance(ds, undefined, { signal: opts.signal })
    if (o.outDir) saveDatastore(ds, o.outDir)
    opts.onProgress?.(1, `${ds.meta.count} keys`)
    const seconds = (performance.now() - t0) / 1000
    return { datastore: ds, count: ds.meta.count, dims: ds.meta.dims, seconds, tokensPerSecond: ds.meta.count / Math.max(seconds, 1e-9), memory: datastoreMemory(ds), decontaminated }
  } finally {
    if (!o.model) model.dispose()
  }
}
