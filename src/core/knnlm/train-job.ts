/**
 * Training and datastore building as jobs in worker threads (src/workers/knnlm-train.ts, knnlm-datastore.ts).
 * The worker can load its corpus itself (built-in corpus names or files), keeping a held-out share of the
 * documents for the validation loss and for evaluation. Cancelling a training asks the worker to stop at its next
 * step (a shared flag): it writes a checkpoint first, so the run resumes exactly where it stopped; a worker that
 * does not stop within a grace period is terminated and resumes from its last periodic checkpoint.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname } from 'node:path'
import { LabError } from '../../shared/errors'
import { loadCorpusSources } from '../corpus'
import { CancelledError, type ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import { buildDatastore, type BuildDatastoreOptions, type MemoryReport } from './datastore'
import { loadTokenizer, tokenizerFromJson, trainTokenizer, type TokenizerJson, type TokenizerKind } from './tokenizer'
import { trainLanguageModel, type TrainLanguageModelOptions, type TrainLanguageModelResult } from './train-language-model'

/** A corpus for a worker to load: built-in corpus names or file paths, with names to show for the files. */
export interface CorpusJobSources {
  sources: string[]
  /** display name of a file source (an uploaded file's own name), by path */
  labels?: Record<string, string>
  /** share of the documents kept out (default 0.1) */
  heldOutFraction?: number
  /** write the held-out text here (UTF-8, documents separated by blank lines) */
  heldOutFile?: string
}

/** the share of a corpus's documents held out when none is asked for */
export const DEFAULT_HELD_OUT_SHARE = 0.1

export interface SplitCorpus {
  train: string[]
  heldOut: string[]
  /** every document is Chinese */
  chinese: boolean
  documents: number
}

/**
 * Split documents into training and held-out parts: document i is held out when (i + 1) f passes a whole number,
 * so floor(n f) documents are held out, spread evenly over the corpus (every tenth for f = 0.1) and each source
 * and genre is represented; a single document is cut at the last line break (or space) before (1 - f) of its text.
 */
export function splitHeldOut(docs: ReadonlyArray<{ text: string }>, fraction = DEFAULT_HELD_OUT_SHARE): { train: string[]; heldOut: string[] } {
  if (!(fraction > 0 && fraction < 1)) throw new LabError('bad-option', `The held-out share must be in (0, 1); got ${fraction}.`)
  if (docs.length === 0) throw new LabError('corpus-empty', 'The corpus has no documents.', { hint: 'Pick a corpus or upload a text file with some text in it.' })
  if (docs.length === 1) {
    const text = docs[0]!.text
    const target = Math.floor(text.length * (1 - fraction))
    let cut = text.lastIndexOf('\n', target)
    if (cut < target / 2) cut = text.lastIndexOf(' ', target)
    if (cut <= 0) cut = target
    return { train: [text.slice(0, cut)], heldOut: [text.slice(cut).trim()] }
  }
  const train: string[] = []
  const heldOut: string[] = []
  // (i + 1) f can land a hair below a whole number in floating point (100 x 0.29 = 28.999999999999996): the slack
  // counts it as reached
  const passes = (i: number): boolean => Math.floor((i + 1) * fraction + 1e-9) > Math.floor(i * fraction + 1e-9)
  docs.forEach((d, i) => (passes(i) ? heldOut : train).push(d.text))
  if (heldOut.length === 0) heldOut.push(train.pop()!)
  return { train, heldOut }
}

export function loadSplitCorpus(c: CorpusJobSources): SplitCorpus {
  const { docs } = loadCorpusSources(c.sources, {}, c.labels ?? {})
  const split = splitHeldOut(docs, c.heldOutFraction ?? DEFAULT_HELD_OUT_SHARE)
  if (c.heldOutFile) {
    mkdirSync(dirname(c.heldOutFile), { recursive: true })
    writeFileSync(c.heldOutFile, split.heldOut.join('\n\n'))
  }
  return { ...split, chinese: docs.every((d) => d.lang === 'zh'), documents: docs.length }
}

export type TrainJobInput = Omit<TrainLanguageModelOptions, 'tokenizer' | 'onLoss' | 'texts'> & {
  /** training documents; or `corpus` for the worker to load and split (its held-out part becomes validationTexts) */
  texts?: readonly string[]
  corpus?: CorpusJobSources
  /** a saved tokenizer (JSON or a path to tokenizer.json), or how to learn one from the texts ('auto': characters for Chinese, else BPE) */
  tokenizer: TokenizerJson | { path: string } | { kind: TokenizerKind | 'auto'; vocabSize?: number }
  /** append each loss point here as a JSON line (for live loss curves) */
  lossFile?: string
  /** Int32 flag: 1 asks the training to checkpoint and stop */
  stopFlag?: SharedArrayBuffer
}

/** The tokenizer given, or one learned here; while it is learned the bar stays at 0% (progress counts training steps) and says so. */
function tokenizerFor(t: TrainJobInput['tokenizer'], texts: readonly string[], chinese: boolean, onProgress?: (f: number, m?: string) => void) {
  if ('format' in t) return tokenizerFromJson(t)
  if ('path' in t) return loadTokenizer(t.path)
  const kind: TokenizerKind = t.kind === 'auto' ? (chinese ? 'char' : 'bpe') : t.kind
  return trainTokenizer(texts, { kind, vocabSize: t.vocabSize ?? (kind === 'bpe' ? 2048 : 4000), onProgress: (_f, m) => onProgress?.(0, `learning the tokenizer: ${m ?? ''}`) })
}

/** A signal that fires when the shared flag is set (polled whenever the training yields to the event loop). */
function signalFromFlag(flag: SharedArrayBuffer | undefined): { signal?: AbortSignal; stop: () => void } {
  if (!flag) return { stop: () => undefined }
  const view = new Int32Array(flag)
  const controller = new AbortController()
  const timer = setInterval(() => {
    if (Atomics.load(view, 0) !== 0) controller.abort()
  }, 20)
  return { signal: controller.signal, stop: () => clearInterval(timer) }
}

export async function trainInWorkerBody(input: TrainJobInput, onProgress: (f: number, m?: string) => void): Promise<TrainLanguageModelResult> {
  const { corpus, lossFile, stopFlag, tokenizer: tok, texts: given, ...rest } = input
  const split = corpus ? loadSplitCorpus(corpus) : undefined
  const texts = given ?? split?.train
  if (!texts) throw new LabError('corpus-no-source', 'No training text given.', { hint: 'Pick a corpus or upload a text file.' })
  const tokenizer = tokenizerFor(tok, texts, split?.chinese ?? false, onProgress)
  const { signal, stop } = signalFromFlag(stopFlag)
  try {
    return await trainLanguageModel(
      {
        ...rest,
        texts,
        validationTexts: rest.validationTexts ?? split?.heldOut,
        tokenizer,
        onLoss: lossFile ? (p) => appendFileSync(lossFile, JSON.stringify(p) + '\n') : undefined,
      },
      { onProgress, signal },
    )
  } finally {
    stop()
  }
}

/**
 * Train in a worker. On abort the worker is asked to checkpoint and stop; after `graceMs` (default 20 s) it is
 * terminated. Rejects with CancelledError either way.
 */
export function trainLanguageModelInWorker(input: TrainJobInput, opts: ProgressOptions & { graceMs?: number } = {}): Promise<TrainLanguageModelResult> {
  const outer = opts.signal
  if (!outer) return runInWorker<TrainLanguageModelResult>('knnlm-train', input, opts)
  const flag = new SharedArrayBuffer(4)
  const hard = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const onAbort = (): void => {
    Atomics.store(new Int32Array(flag), 0, 1)
    timer = setTimeout(() => hard.abort(), opts.graceMs ?? 20_000)
  }
  if (outer.aborted) onAbort()
  else outer.addEventListener('abort', onAbort, { once: true })
  return runInWorker<TrainLanguageModelResult>('knnlm-train', { ...input, stopFlag: flag }, { onProgress: opts.onProgress, signal: hard.signal })
    .then((r) => {
      if (outer.aborted) throw new CancelledError()
      return r
    })
    .finally(() => {
      clearTimeout(timer)
      outer.removeEventListener('abort', onAbort)
    })
}

export type DatastoreJobInput = Omit<BuildDatastoreOptions, 'model' | 'texts'> & {
  outDir: string
  /** documents to store; or `corpus` for the worker to load (its held-out part is left out of the store) */
  texts?: readonly string[]
  corpus?: CorpusJobSources
}

export interface DatastoreJobResult {
  datastoreDir: string
  count: number
  dims: number
  seconds: number
  tokensPerSecond: number
  memory: MemoryReport
  /** documents kept out of the store (written to corpus.heldOutFile) */
  heldOutDocuments?: number
}

export async function datastoreInWorkerBody(input: DatastoreJobInput, onProgress: (f: number, m?: string) => void): Promise<DatastoreJobResult> {
  const { corpus, texts: given, ...rest } = input
  const split = corpus ? loadSplitCorpus(corpus) : undefined
  const texts = given ?? split?.train
  if (!texts) throw new LabError('corpus-no-source', 'No datastore text given.', { hint: 'Pick a corpus or upload a text file.' })
  // the keys are scored in worker threads of this worker's own, one per core (up to 4)
  const r = await buildDatastore({ scoringThreads: Math.min(4, availableParallelism()), ...rest, texts }, { onProgress })
  const out: DatastoreJobResult = { datastoreDir: input.outDir, count: r.count, dims: r.dims, seconds: r.seconds, tokensPerSecond: r.tokensPerSecond, memory: r.memory }
  if (split) out.heldOutDocuments = split.heldOut.length
  return out
}

export function buildDatastoreInWorker(input: DatastoreJobInput, opts: ProgressOptions = {}): Promise<DatastoreJobResult> {
  return runInWorker<DatastoreJobResult>('knnlm-datastore', input, opts)
}
