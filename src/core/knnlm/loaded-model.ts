/**
 * A model folder loaded into TensorFlow.js for inference: per-token log-probabilities of the actual next token and
 * the kNN-LM keys over a token stream (sliding windows: each window advances by `stride` and scores only the
 * positions the previous window did not, so every prediction after the first window sees at least
 * context - stride tokens of history), and the full next-token distribution after a prefix.
 */
import type * as tfTypes from '@tensorflow/tfjs'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { loadModelFolder, type ModelJson } from './model-folder'
import { tfReady, type Tf } from './tf-backend'
import type { Tokenizer } from './tokenizer'
import { slidingWindows, windowShape } from './stream-windows'
import { forward, forwardKeys, parameterShapes, type Params, type TransformerConfig } from './transformer'

export interface StreamKeys {
  /** number of scored targets (tokens.length - 1) */
  count: number
  dims: number
  /** [count, dims] query vectors: the key computed before predicting target i+1 */
  keys: Float32Array
  /** [count] the actual next token (tokens[i + 1]) */
  targets: Int32Array
}

export interface StreamScores extends StreamKeys {
  /** [count] natural-log probability the LM gives the actual next token */
  lmLogProbs: Float32Array
}

type StreamOptions = { stride?: number; batch?: number } & ProgressOptions

export class LoadedModel {
  private constructor(
    readonly tf: Tf,
    readonly dir: string,
    readonly json: ModelJson,
    readonly tokenizer: Tokenizer,
    private readonly params: Params,
  ) {}

  static async load(dir: string): Promise<LoadedModel> {
    const tf = await tfReady()
    const w = loadModelFolder(dir)
    const params: Params = new Map()
    for (const [name, shape] of parameterShapes(w.json.config)) params.set(name, tf.variable(tf.tensor(w.values.get(name)!, shape), false))
    return new LoadedModel(tf, dir, w.json, w.tokenizer, params)
  }

  get id(): string {
    return this.json.id
  }
  get config(): TransformerConfig {
    return this.json.config
  }

  dispose(): void {
    for (const p of this.params.values()) p.dispose()
  }

  /** Score every next token of the stream; keys and log-probs for targets 1..n-1. */
  async scoreStream(tokens: Int32Array, o: StreamOptions = {}): Promise<StreamScores> {
    const r = await this.windows(tokens, o, true)
    return { ...r, lmLogProbs: r.lmLogProbs! }
  }

  /**
   * Only the keys of the stream (a datastore build): the pass stops at the last block's feed-forward input
   * (forwardKeys), so it skips the output layer over the whole vocabulary; the keys equal scoreStream's.
   */
  async streamKeys(tokens: Int32Array, o: StreamOptions = {}): Promise<StreamKeys> {
    const { count, dims, keys, targets } = await this.windows(tokens, o, false)
    return { count, dims, keys, targets }
  }

  private async windows(tokens: Int32Array, o: StreamOptions, withLogProbs: boolean): Promise<StreamKeys & { lmLogProbs?: Float32Array }> {
    const { tf, params } = this
    const c = this.config
    const n = tokens.length
    const count = Math.max(0, n - 1)
    const d = c.dModel
    const keys = new Float32Array(count * d)
    const lmLogProbs = withLogProbs ? new Float32Array(count) : undefined
    const targets = tokens.slice(1)
    if (count === 0) return { count, dims: d, keys, lmLogProbs, targets }
    const shape = windowShape(count, c.context, o.stride)
    const C = shape.length
    const windows = slidingWindows(count, shape)
    const batch = o.batch ?? 32
    for (let w0 = 0; w0 < windows.length; w0 += batch) {
      throwIfCancelled(o.signal)
      const group = windows.slice(w0, w0 + batch)
      const B = group.length
      const inputs = new Int32Array(B * C)
      group.forEach((w, b) => inputs.set(tokens.subarray(w.start, w.start + C), b * C))
      const [keyData, logpData] = tf.tidy((): [Float32Array, Float32Array | undefined] => {
        const x = tf.tensor2d(inputs, [B, C], 'int32')
        if (!withLogProbs) return [forwardKeys(tf, c, params, x).dataSync() as Float32Array, undefined]
        const out = forward(tf, c, params, x, { inference: true })
        const logp = tf.logSoftmax(out.logits)
        // log p of each actual next token: gather from the flat [B C vocab] log-probabilities
        const at = new Int32Array(B * C)
        group.forEach((w, b) => {
          for (let j = 0; j < C; j++) at[b * C + j] = (b * C + j) * c.vocabSize + tokens[w.start + 1 + j]!
        })
        const gold = tf.gather(logp.reshape([B * C * c.vocabSize]), tf.tensor1d(at, 'int32'))
        return [out.keys.dataSync() as Float32Array, gold.dataSync() as Float32Array]
      })
      group.forEach((w, b) => {
        for (let i = Math.max(w.from, w.start); i < w.start + C; i++) {
          const j = i - w.start
          keys.set(keyData.subarray((b * C + j) * d, (b * C + j + 1) * d), i * d)
          if (lmLogProbs) lmLogProbs[i] = logpData![b * C + j]!
        }
      })
      o.onProgress?.(Math.min(1, (w0 + B) / windows.length), `scored ${Math.min(count, (group[B - 1]!.start + C))} of ${count} tokens`)
      await new Promise((r) => setImmediate(r))
    }
    return { count, dims: d, keys, lmLogProbs, targets }
  }

  /** The next-token distribution after `ids` (last `context` tokens used) and the query key at the last position. */
  nextToken(ids: readonly number[]): { logProbs: Float32Array; key: Float32Array } {
    const { tf, params } = this
    const c = this.config
    const use = ids.slice(-c.context)
    if (use.length === 0) use.push(this.tokenizer.eosId)
    const T = use.length
    return tf.tidy(() => {
      const out = forward(tf, c, params, tf.tensor2d(Int32Array.from(use), [1, T], 'int32'), { inference: true })
      const last = (t: tfTypes.Tensor3D, width: number): tfTypes.Tensor => t.slice([0, T - 1, 0], [1, 1, width]).reshape([width])
      const logProbs = tf.logSoftmax(last(out.logits, c.vocabSize)).dataSync() as Float32Array
      const key = last(out.keys, c.dModel).dataSync() as Float32Array
      return { logProbs: Float32Array.from(logProbs), key: Float32Array.from(key) }
    })
  }
}
