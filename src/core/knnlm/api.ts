/**
 * The kNN-LM lab's entry points, with plain-JSON results: evaluate and sweep a model + datastore on a text (the
 * shipped demo when nothing is named), look at one prefix, and do the same on imported .npy numbers.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { LabError } from '../../shared/errors'
import type { ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import { checkCompatible, datastoreMemory, loadDatastore, searchDatastore, type Datastore, type MemoryReport, type SearchMethod } from './datastore'
import { loadDemo, readDemoHeldOut, type DemoSettingName } from './demo'
import { checkCorpusTexts } from './corpus-check'
import { checkKnnOptions, knnDistribution, mixLogProb } from './knn-distribution'
import { evaluateInterpolation, sweepInterpolation, type EvalInputs, type KnnLmEvaluation, type KnnLmSweep, type SweepGrid } from './interpolation-eval'
import { importNumbers, type ImportedNumbers } from './import-npy'
import { LoadedModel } from './loaded-model'
import { readModelJson } from './model-folder'
import { perTokenView, type PerTokenView } from './per-token-view'
import { encodeDocuments } from './train-language-model'
import { tokenForDisplay, tokenInContext } from './token-display'
import { checkDomain, DOMAIN_POSITIONS, type DomainCheck } from './domain-distance'

export interface KnnLmTarget {
  /** model folder (default: the shipped demo model) */
  modelDir?: string
  /** datastore folder (default: the demo datastore of `setting`) */
  datastoreDir?: string
  /** evaluation text (default: the demo held-out text of `setting`) */
  text?: string
  /** evaluation text read from this file (instead of `text`) */
  textFile?: string
  /** which demo setting to use for the defaults (default 'in-domain') */
  setting?: DemoSettingName
  /** the shipped demo's folder (default: SCALING_LAB_DEMO_MODEL or resources/demo-model) */
  demoDir?: string
  method?: SearchMethod
}

export interface KnnLmOptions {
  lambda?: number
  k?: number
  temperature?: number
  /** evaluate on at most this many tokens of the text */
  maxTokens?: number
  /** use only the first fraction of the datastore */
  datastoreFraction?: number
}

interface Resolved {
  model: LoadedModel
  ds: Datastore
  text: string
  defaults: { lambda: number; k: number; temperature: number }
  setting?: DemoSettingName
  /** token cap for the demo's held-out text */
  maxTokens?: number
}

const models = new Map<string, LoadedModel>()
const stores = new Map<string, Datastore>()
const scored = new Map<string, { stream: Int32Array; inputs: EvalInputs }>()

/** Release cached models and datastores. */
export function clearKnnLmCache(): void {
  for (const m of models.values()) m.dispose()
  models.clear()
  stores.clear()
  scored.clear()
}

async function resolve(t: KnnLmTarget): Promise<Resolved> {
  const given = t.text ?? (t.textFile !== undefined ? readFileSync(t.textFile, 'utf8') : undefined)
  const needsDemo = !t.modelDir || !t.datastoreDir || given === undefined
  const demo = needsDemo ? loadDemo(t.demoDir) : undefined
  const setting = t.setting ?? 'in-domain'
  const modelDir = t.modelDir ?? demo!.modelDir
  const datastoreDir = t.datastoreDir ?? demo!.settings[setting].datastoreDir
  // keyed by the model id too: a model trained on (resumed) in the same folder is loaded afresh
  const modelKey = `${modelDir}#${readModelJson(modelDir).id}`
  let model = models.get(modelKey)
  if (!model) {
    model = await LoadedModel.load(modelDir)
    for (const [key, old] of models) {
      if (key.startsWith(`${modelDir}#`)) {
        old.dispose()
        models.delete(key)
      }
    }
    models.set(modelKey, model)
  }
  let ds = stores.get(datastoreDir)
  if (!ds) {
    ds = loadDatastore(datastoreDir)
    stores.set(datastoreDir, ds)
  }
  checkCompatible(ds, { id: model.id, tokenizerId: model.tokenizer.id, dims: model.config.dModel })
  const text = given ?? readDemoHeldOut(setting, demo!.dir)
  const d = demo?.manifest.recipe.defaults
  const defaults = d ? { lambda: d.lambda, k: d.k, temperature: d.temperature } : { lambda: 0.25, k: 1024, temperature: 10 }
  return { model, ds, text, defaults, setting: needsDemo ? setting : undefined, maxTokens: given === undefined ? d?.maxTokens : undefined }
}

async function inputsFor(model: LoadedModel, text: string, maxTokens: number | undefined, opts: ProgressOptions): Promise<{ stream: Int32Array; inputs: EvalInputs }> {
  checkCorpusTexts([text], 'evaluation text')
  const key = createHash('sha256').update(model.id).update(String(maxTokens)).update(text).digest('hex')
  const hit = scored.get(key)
  if (hit) return hit
  let stream = encodeDocuments(model.tokenizer, [text]).subarray(0, -1) // no end-of-text after the evaluation text
  if (maxTokens !== undefined) stream = stream.subarray(0, maxTokens + 1)
  if (stream.length < 2) throw new LabError('no-tokens', 'The evaluation text has fewer than two tokens.', { hint: 'Give a longer evaluation text.' })
  const s = await model.scoreStream(stream, opts)
  const value = { stream, inputs: { dims: s.dims, queries: s.keys, lmLogProbs: s.lmLogProbs, targets: s.targets } }
  if (scored.size > 16) scored.clear()
  scored.set(key, value)
  return value
}

function settingsOf(r: Resolved, o: KnnLmOptions): { lambda: number; k: number; temperature: number } {
  const s = { lambda: o.lambda ?? r.defaults.lambda, k: o.k ?? r.defaults.k, temperature: o.temperature ?? r.defaults.temperature }
  checkKnnOptions(s)
  if (o.datastoreFraction !== undefined && !(o.datastoreFraction > 0 && o.datastoreFraction <= 1)) {
    throw new LabError('bad-option', `datastoreFraction must be in (0, 1]; got ${o.datastoreFraction}.`)
  }
  return s
}

export interface EvaluateKnnLmResult extends KnnLmEvaluation {
  setting?: DemoSettingName
  memory: MemoryReport
  perTokenView?: PerTokenView
}

/** Perplexity of the LM alone and of the kNN-LM on the text. */
export async function evaluateKnnLm(t: KnnLmTarget & KnnLmOptions & { perToken?: boolean } = {}, opts: ProgressOptions = {}): Promise<EvaluateKnnLmResult> {
  const r = await resolve(t)
  const s = settingsOf(r, t)
  const { stream, inputs } = await inputsFor(r.model, r.text, t.maxTokens ?? r.maxTokens, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(0.3 * f, m) })
  const limit = t.datastoreFraction !== undefined ? Math.max(1, Math.round(t.datastoreFraction * r.ds.meta.count)) : undefined
  const ev = await evaluateInterpolation(inputs, r.ds, { ...s, method: t.method, limit }, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(0.3 + 0.7 * f, m) })
  const { perToken, ...rest } = ev
  const out: EvaluateKnnLmResult = { ...rest, memory: datastoreMemory(r.ds) }
  if (r.setting) out.setting = r.setting
  if (t.perToken) out.perTokenView = perTokenView(stream, r.model.tokenizer, perToken.lm, perToken.knnlm)
  return out
}

/** Sweeps over lambda, k, temperature and datastore size. */
export async function sweepKnnLm(t: KnnLmTarget & { maxTokens?: number } & SweepGrid = {}, opts: ProgressOptions = {}): Promise<KnnLmSweep & { setting?: DemoSettingName }> {
  const r = await resolve(t)
  const { inputs } = await inputsFor(r.model, r.text, t.maxTokens ?? r.maxTokens, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(0.2 * f, m) })
  const sw = await sweepInterpolation(inputs, r.ds, { ...t, defaults: r.defaults }, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(0.2 + 0.8 * f, m) })
  return r.setting ? { ...sw, setting: r.setting } : sw
}

export interface TokenProbability {
  id: number
  token: string
  p: number
}

export interface NeighbourView {
  /** the text before the neighbour's next token */
  context: string
  next: string
  distance: number
  /** its share of p_kNN */
  weight: number
  /** the next token's own bytes when `next` shows a character split over several byte tokens */
  nextBytes?: string
}

export interface NextTokenView {
  prefixTokens: number
  lambda: number
  k: number
  temperature: number
  lmTop: TokenProbability[]
  knnTop: TokenProbability[]
  mixedTop: TokenProbability[]
  neighbours: NeighbourView[]
  /** how far the prefix is from the datastore's keys (absent for an empty prefix) */
  domain?: DomainCheck
}

/** The LM's next-token distribution after a prefix, its nearest neighbours, and the mixture. */
export async function queryNextToken(t: KnnLmTarget & KnnLmOptions & { prefix: string; top?: number; neighbours?: number }, opts: ProgressOptions = {}): Promise<NextTokenView> {
  const r = await resolve({ ...t, text: t.text ?? '' })
  const s = settingsOf(r, t)
  const top = t.top ?? 10
  const ids = r.model.tokenizer.encode(t.prefix)
  const { logProbs, key } = r.model.nextToken(ids)
  const limit = t.datastoreFraction !== undefined ? Math.max(1, Math.round(t.datastoreFraction * r.ds.meta.count)) : undefined
  const kk = Math.min(s.k, limit ?? r.ds.meta.count)
  const nb = await searchDatastore(r.ds, key, kk, { method: t.method, limit, ...opts })
  const knn = knnDistribution(nb, 0, r.ds.values, kk, s.temperature)
  const vocab = r.model.tokenizer.vocabSize
  const mixed = new Float64Array(vocab)
  for (let v = 0; v < vocab; v++) mixed[v] = Math.exp(mixLogProb(Math.log(knn.get(v) ?? 0), logProbs[v]!, s.lambda))
  const tok = (id: number, p: number): TokenProbability => ({ id, token: tokenForDisplay(r.model.tokenizer, id), p })
  const topOf = (get: (v: number) => number): TokenProbability[] =>
    Array.from({ length: vocab }, (_, v) => v)
      .sort((a, b) => get(b) - get(a))
      .slice(0, top)
      .filter((v) => get(v) > 0)
      .map((v) => tok(v, get(v)))
  const maxLogit = nb.k > 0 ? -nb.distances[0]! / s.temperature : 0
  let z = 0
  for (let j = 0; j < nb.k && nb.indices[j]! >= 0; j++) z += Math.exp(-nb.distances[j]! / s.temperature - maxLogit)
  const shown = Math.min(nb.k, t.neighbours ?? 16)
  const neighbours: NeighbourView[] = []
  for (let j = 0; j < shown; j++) {
    const i = nb.indices[j]!
    if (i < 0) break
    const stream = r.ds.tokens
    // key i precedes tokens[i + 1] (= values[i]): the context and the next token cut at character boundaries
    const shown = stream ? tokenInContext(r.model.tokenizer, stream, i + 1, 16) : { context: `#${i}`, token: tokenForDisplay(r.model.tokenizer, r.ds.values[i]!) }
    const n: NeighbourView = { context: shown.context, next: shown.token, distance: nb.distances[j]!, weight: Math.exp(-nb.distances[j]! / s.temperature - maxLogit) / z }
    if ('bytes' in shown && shown.bytes) n.nextBytes = shown.bytes
    neighbours.push(n)
  }
  const view: NextTokenView = {
    prefixTokens: ids.length,
    ...s,
    k: kk,
    lmTop: topOf((v) => Math.exp(logProbs[v]!)),
    knnTop: topOf((v) => knn.get(v) ?? 0),
    mixedTop: topOf((v) => mixed[v]!),
    neighbours,
  }
  const domain = ids.length > 0 ? await checkDomain(r.ds, await prefixKeys(r.model, ids), { limit }) : undefined
  if (domain) view.domain = domain
  return view
}

/** The keys of the prefix's last positions (one forward pass over its last `context` tokens). */
async function prefixKeys(model: LoadedModel, ids: readonly number[]): Promise<Float32Array> {
  const use = ids.slice(-model.config.context)
  // a trailing end-of-text makes the last prefix position one whose key is scored
  const keys = await model.streamKeys(Int32Array.from([...use, model.tokenizer.eosId]))
  return keys.keys.subarray(Math.max(0, keys.count - DOMAIN_POSITIONS) * keys.dims)
}

/** Evaluate interpolation on a real model's exported numbers (.npy). */
export async function evaluateImported(files: ImportedNumbers & KnnLmOptions & { method?: SearchMethod; names?: Partial<ImportedNumbers> }, opts: ProgressOptions = {}): Promise<KnnLmEvaluation & { memory: MemoryReport }> {
  const { datastore, inputs } = importNumbers(files, files.names)
  const s = { lambda: files.lambda ?? 0.25, k: files.k ?? 1024, temperature: files.temperature ?? 1 }
  const limit = files.datastoreFraction !== undefined ? Math.max(1, Math.round(files.datastoreFraction * datastore.meta.count)) : undefined
  const { perToken: _drop, ...ev } = await evaluateInterpolation(inputs, datastore, { ...s, k: Math.min(s.k, datastore.meta.count), method: files.method, limit }, opts)
  void _drop
  return { ...ev, memory: datastoreMemory(datastore) }
}

export async function sweepImported(files: ImportedNumbers & SweepGrid & { defaults?: { lambda: number; k: number; temperature: number }; names?: Partial<ImportedNumbers> }, opts: ProgressOptions = {}): Promise<KnnLmSweep> {
  const { datastore, inputs } = importNumbers(files, files.names)
  return sweepInterpolation(inputs, datastore, { ...files, defaults: files.defaults ?? { lambda: 0.25, k: 1024, temperature: 1 } }, opts)
}

/** One kNN-LM evaluation job, as plain JSON a worker thread receives (src/workers/knnlm-eval.ts). */
export type KnnLmJobInput =
  | { kind: 'eval'; request: KnnLmTarget & KnnLmOptions & { perToken?: boolean } }
  | { kind: 'sweep'; request: KnnLmTarget & { maxTokens?: number } & SweepGrid }
  | { kind: 'import-eval'; request: ImportedNumbers & KnnLmOptions & { method?: SearchMethod; names?: Partial<ImportedNumbers> } }
  | { kind: 'import-sweep'; request: ImportedNumbers & SweepGrid & { defaults?: { lambda: number; k: number; temperature: number }; names?: Partial<ImportedNumbers> } }

export type KnnLmJobResult<I extends KnnLmJobInput> = I extends { kind: 'eval' }
  ? EvaluateKnnLmResult
  : I extends { kind: 'sweep' }
    ? KnnLmSweep & { setting?: DemoSettingName }
    : I extends { kind: 'import-eval' }
      ? KnnLmEvaluation & { memory: MemoryReport }
      : KnnLmSweep

/** Run a job here (the worker's body; also usable in-process). */
export function runKnnLmJob<I extends KnnLmJobInput>(input: I, opts: ProgressOptions = {}): Promise<KnnLmJobResult<I>> {
  const job = input as KnnLmJobInput
  switch (job.kind) {
    case 'eval':
      return evaluateKnnLm(job.request, opts) as Promise<KnnLmJobResult<I>>
    case 'sweep':
      return sweepKnnLm(job.request, opts) as Promise<KnnLmJobResult<I>>
    case 'import-eval':
      return evaluateImported(job.request, opts) as Promise<KnnLmJobResult<I>>
    case 'import-sweep':
      return sweepImported(job.request, opts) as Promise<KnnLmJobResult<I>>
    default:
      throw new LabError('bad-request', `unknown kNN-LM job ${JSON.stringify((job as { kind: unknown }).kind)}`)
  }
}

/** Run a job in a worker thread (src/workers/knnlm-eval.ts): progress is posted back, abort terminates the thread. */
export function runKnnLmJobInWorker<I extends KnnLmJobInput>(input: I, opts: ProgressOptions = {}): Promise<KnnLmJobResult<I>> {
  return runInWorker<KnnLmJobResult<I>>('knnlm-eval', input, opts)
}
