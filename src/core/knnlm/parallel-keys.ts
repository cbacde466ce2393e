/**
 * A stream's kNN-LM keys scored in several worker threads (src/workers/knnlm-keys.ts): the stream is cut so each
 * part scores exactly the whole stream's windows in the same batches (splitStream), each worker loads the model
 * and scores its part, and the kept positions are put back in order. The keys are the same numbers as one
 * thread's; TensorFlow.js's wasm backend runs one thread under Node, so this is what uses the other cores.
 */
import { CancelledError, type ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import { LoadedModel, type StreamKeys } from './loaded-model'
import { splitStream, type StreamPart } from './stream-windows'

export interface KeysPartInput {
  modelDir: string
  tokens: Int32Array
  stride?: number
  batch?: number
}

export interface KeysPartResult {
  count: number
  dims: number
  keys: Float32Array
}

/** Streams shorter than this many batches of windows per thread are scored in one thread (start-up costs more). */
const MIN_BATCHES_PER_PART = 4

/**
 * How to cut a stream of n tokens for `threads` workers: up to one part per thread, each with at least
 * MIN_BATCHES_PER_PART batches of windows. One part means: score it in this thread.
 */
export function keyScoringParts(n: number, context: number, threads: number, o: { stride?: number; batch?: number } = {}): StreamPart[] {
  const batch = o.batch ?? 32
  // a batch of windows advances batch x stride tokens
  const tokensPerBatch = batch * Math.max(1, o.stride ?? Math.floor(context / 2))
  const wanted = Math.min(Math.floor(threads), Math.floor(n / (tokensPerBatch * MIN_BATCHES_PER_PART)))
  return splitStream(n, context, Math.max(1, wanted), { stride: o.stride, batch })
}

/** Score the parts (from keyScoringParts, with the same stride and batch) in one worker each, and join the kept keys. */
export async function streamKeysInWorkers(
  modelDir: string,
  tokens: Int32Array,
  parts: StreamPart[],
  o: { stride?: number; batch?: number } & ProgressOptions = {},
): Promise<StreamKeys> {
  if (o.signal?.aborted) throw new CancelledError()
  const batch = o.batch ?? 32
  const done = parts.map(() => 0)
  const sizes = parts.map((p) => p.tokenEnd - p.tokenStart)
  const total = sizes.reduce((a, b) => a + b, 0)
  const report = (): void => {
    const f = done.reduce((s, d, i) => s + d * sizes[i]!, 0) / total
    o.onProgress?.(f, `scored about ${Math.round(f * (tokens.length - 1)).toLocaleString('en-US')} of ${(tokens.length - 1).toLocaleString('en-US')} tokens in ${parts.length} threads`)
  }
  // one part failing or being cancelled stops the others
  const stopAll = new AbortController()
  const onOuterAbort = (): void => stopAll.abort()
  o.signal?.addEventListener('abort', onOuterAbort, { once: true })
  try {
    const results = await Promise.all(
      parts.map((p, i) =>
        runInWorker<KeysPartResult>(
          'knnlm-keys',
          { modelDir, tokens: tokens.slice(p.tokenStart, p.tokenEnd), stride: o.stride, batch } satisfies KeysPartInput,
          {
            signal: stopAll.signal,
            onProgress: (f) => {
              done[i] = f
              report()
            },
          },
        ).catch((e: unknown) => {
          stopAll.abort()
          throw e
        }),
      ),
    )
    if (o.signal?.aborted) throw new CancelledError()
    const dims = results[0]!.dims
    const count = Math.max(0, tokens.length - 1)
    const keys = new Float32Array(count * dims)
    let at = 0
    results.forEach((r, i) => {
      const kept = r.keys.subarray(parts[i]!.keepFrom * dims)
      keys.set(kept, at * dims)
      at += r.count - parts[i]!.keepFrom
    })
    if (at !== count) throw new Error(`the parts scored ${at} positions, the stream has ${count}`)
    return { count, dims, keys, targets: tokens.slice(1) }
  } finally {
    o.signal?.removeEventListener('abort', onOuterAbort)
  }
}

/** The worker's side: load the model, score the part's keys. */
export async function keysPartBody(input: KeysPartInput, onProgress: (f: number, m?: string) => void): Promise<KeysPartResult> {
  const model = await LoadedModel.load(input.modelDir)
  try {
    const r = await model.streamKeys(input.tokens, { stride: input.stride, batch: input.batch, onProgress })
    return { count: r.count, dims: r.dims, keys: r.keys }
  } finally {
    model.dispose()
  }
}
