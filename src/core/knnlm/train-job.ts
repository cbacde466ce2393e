/**
 * Training and datastore building as jobs in worker threads (src/workers/knnlm-train.ts, knnlm-datastore.ts).
 * Cancelling terminates the thread; training resumes from its last checkpoint (saved every `checkpointEvery` steps)
 * when started again with resume: true.
 */
import { runInWorker } from '../jobs/run-in-worker'
import type { ProgressOptions } from '../jobs/cancelled'
import { buildDatastore, type BuildDatastoreOptions, type MemoryReport } from './datastore'
import { loadTokenizer, tokenizerFromJson, trainTokenizer, type TokenizerJson, type TokenizerKind } from './tokenizer'
import { trainLanguageModel, type TrainLanguageModelOptions, type TrainLanguageModelResult } from './train-language-model'

export type TrainJobInput = Omit<TrainLanguageModelOptions, 'tokenizer' | 'onLoss'> & {
  /** a saved tokenizer (JSON or a path to tokenizer.json), or how to learn one from the texts */
  tokenizer: TokenizerJson | { path: string } | { kind: TokenizerKind; vocabSize: number }
}

export async function trainInWorkerBody(input: TrainJobInput, onProgress: (f: number, m?: string) => void): Promise<TrainLanguageModelResult> {
  const t = input.tokenizer
  const tokenizer = 'format' in t ? tokenizerFromJson(t) : 'path' in t ? loadTokenizer(t.path) : trainTokenizer(input.texts, { kind: t.kind, vocabSize: t.vocabSize })
  return trainLanguageModel({ ...input, tokenizer }, { onProgress })
}

export function trainLanguageModelInWorker(input: TrainJobInput, opts: ProgressOptions = {}): Promise<TrainLanguageModelResult> {
  return runInWorker<TrainLanguageModelResult>('knnlm-train', input, opts)
}

export type DatastoreJobInput = Omit<BuildDatastoreOptions, 'model'> & { outDir: string }

export interface DatastoreJobResult {
  datastoreDir: string
  count: number
  dims: number
  seconds: number
  tokensPerSecond: number
  memory: MemoryReport
}

export async function datastoreInWorkerBody(input: DatastoreJobInput, onProgress: (f: number, m?: string) => void): Promise<DatastoreJobResult> {
  const r = await buildDatastore(input, { onProgress })
  return { datastoreDir: input.outDir, count: r.count, dims: r.dims, seconds: r.seconds, tokensPerSecond: r.tokensPerSecond, memory: r.memory }
}

export function buildDatastoreInWorker(input: DatastoreJobInput, opts: ProgressOptions = {}): Promise<DatastoreJobResult> {
  return runInWorker<DatastoreJobResult>('knnlm-datastore', input, opts)
}
