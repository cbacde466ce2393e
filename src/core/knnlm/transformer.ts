/**
 * A small decoder-only Transformer (Vaswani et al. 2017; GPT-2 layout with pre-layer-norm, Radford et al. 2019)
 * written with TensorFlow.js ops: token + learned position embeddings, `layers` blocks of causal multi-head
 * self-attention and a GELU feed-forward, a final layer norm, and an output layer tied to the token embedding.
 * The block is x + Attn(LN1(x)), then x + FFN(LN2(x)) (pre-LN) or LN(x + Attn(x)) ... (post-LN).
 * The kNN-LM key (Khandelwal et al. 2020, arXiv 1911.00172) is the input of the last block's feed-forward after
 * its layer norm: LN2(x) in the last block (pre-LN), or LN1(x + Attn(x)) in the last block (post-LN).
 * Embeddings use one-hot x matrix products (the wasm backend has no gradient kernel for gather).
 */
import type { Tf } from './tf-backend'
import type * as tfTypes from '@tensorflow/tfjs'
import { seededRandom } from '../random'

export interface TransformerConfig {
  vocabSize: number
  layers: number
  dModel: number
  heads: number
  /** context length in tokens */
  context: number
  /** feed-forward width (default 4 x dModel) */
  dFF: number
  preLN: boolean
}

export type Params = Map<string, tfTypes.Variable>

export function parameterShapes(c: TransformerConfig): Array<[string, number[]]> {
  const out: Array<[string, number[]]> = [
    ['tok_emb', [c.vocabSize, c.dModel]],
    ['pos_emb', [c.context, c.dModel]],
  ]
  for (let l = 0; l < c.layers; l++) {
    const p = `h${l}.`
    out.push(
      [p + 'ln1.g', [c.dModel]],
      [p + 'ln1.b', [c.dModel]],
      [p + 'attn.wqkv', [c.dModel, 3 * c.dModel]],
      [p + 'attn.bqkv', [3 * c.dModel]],
      [p + 'attn.wo', [c.dModel, c.dModel]],
      [p + 'attn.bo', [c.dModel]],
      [p + 'ln2.g', [c.dModel]],
      [p + 'ln2.b', [c.dModel]],
      [p + 'ffn.w1', [c.dModel, c.dFF]],
      [p + 'ffn.b1', [c.dFF]],
      [p + 'ffn.w2', [c.dFF, c.dModel]],
      [p + 'ffn.b2', [c.dModel]],
    )
  }
  if (c.preLN) out.push(['lnf.g', [c.dModel]], ['lnf.b', [c.dModel]])
  return out
}

export function countParameters(c: TransformerConfig): number {
  return parameterShapes(c).reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0)
}

/** GPT-2 initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2 layers), gains 1, biases 0. Seeded. */
export function initialParameterValues(c: TransformerConfig, seed: number): Map<string, Float32Array> {
  const rng = seededRandom(seed)
  const values = new Map<string, Float32Array>()
  for (const [name, shape] of parameterShapes(c)) {
    const size = shape.reduce((a, b) => a * b, 1)
    const v = new Float32Array(size)
    if (name.endsWith('.g')) v.fill(1)
    else if (shape.length === 1) v.fill(0)
    else {
      const std = name.endsWith('attn.wo') || name.endsWith('ffn.w2') ? 0.02 / Math.sqrt(2 * c.layers) : 0.02
      for (let i = 0; i < size; i++) v[i] = rng.normal() * std
    }
    values.set(name, v)
  }
  return values
}

/**
 * Matrix product whose gradient uses explicit transposes: the wasm backend's matMul with transposeA/transposeB is
 * many times slower than a transpose followed by a plain product.
 */
const matMulCache = new WeakMap<Tf, (a: tfTypes.Tensor, b: tfTypes.Tensor) => tfTypes.Tensor>()
export function fastMatMul(tf: Tf, a: tfTypes.Tensor, b: tfTypes.Tensor): tfTypes.Tensor {
  let f = matMulCache.get(tf)
  if (!f) {
    const swap = (t: tfTypes.Tensor): tfTypes.Tensor => {
      const perm = t.shape.map((_, i) => i)
      const n = perm.length
      ;[perm[n - 2], perm[n - 1]] = [perm[n - 1]!, perm[n - 2]!]
      return tf.transpose(t, perm)
    }
    const op = tf.customGrad((...args: Array<tfTypes.Tensor | ((t: tfTypes.Tensor[]) => void)>) => {
      const x = args[0] as tfTypes.Tensor
      const y = args[1] as tfTypes.Tensor
      const save = args[2] as (t: tfTypes.Tensor[]) => void
      save([x, y])
      return {
        value: tf.matMul(x, y),
        gradFunc: (dy: tfTypes.Tensor, saved: tfTypes.Tensor[]) => [tf.matMul(dy, swap(saved[1]!)), tf.matMul(swap(saved[0]!), dy)],
      }
    }) as (x: tfTypes.Tensor, y: tfTypes.Tensor) => tfTypes.Tensor
    f = op
    matMulCache.set(tf, f)
  }
  return f(a, b)
}

function layerNorm(tf: Tf, x: tfTypes.Tensor, g: tfTypes.Tensor, b: tfTypes.Tensor): tfTypes.Tensor {
  const { mean, variance } = tf.moments(x, -1, true)
  return x.sub(mean).mul(tf.rsqrt(variance.add(1e-5))).mul(g).add(b)
}

function gelu(tf: Tf, x: tfTypes.Tensor): tfTypes.Tensor {
  // tanh approximation (Hendrycks and Gimpel 2016)
  const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))
  return x.mul(tf.tanh(inner).add(1)).mul(0.5)
}

export interface ForwardOutput {
  /** [B, T, V] */
  logits: tfTypes.Tensor3D
  /** [B, T, dModel]: the kNN-LM key at every position */
  keys: tfTypes.Tensor3D
}

/**
 * Forward pass on token ids [B, T] (T <= context). Call inside tf.tidy or dispose the outputs. Training embeds
 * with a one-hot matrix product (its gradient is a plain matmul); `inference` looks the rows up with gather,
 * which gives the same vectors without the [B T, vocab] x [vocab, d] product.
 */
export function forward(tf: Tf, c: TransformerConfig, params: Params, ids: tfTypes.Tensor2D, o: { inference?: boolean } = {}): ForwardOutput {
  const [B, T] = ids.shape
  const { x, keys } = trunk(tf, c, params, ids, o.inference === true, false)
  const P = parameter(params)
  const hf = c.preLN ? layerNorm(tf, x, P('lnf.g'), P('lnf.b')) : x
  const logits = fastMatMul(tf, hf.reshape([B * T, c.dModel]), P('tok_emb').transpose()).reshape([B, T, c.vocabSize])
  return { logits: logits as tfTypes.Tensor3D, keys }
}

/**
 * Only the kNN-LM keys [B, T, dModel] (inference): the pass stops at the last block's feed-forward input, so a
 * datastore build skips that feed-forward, the final layer norm and the [B T, d] x [d, vocab] output layer. The
 * keys are the same ops on the same inputs as forward's, so they are the same numbers.
 */
export function forwardKeys(tf: Tf, c: TransformerConfig, params: Params, ids: tfTypes.Tensor2D): tfTypes.Tensor3D {
  return trunk(tf, c, params, ids, true, true).keys
}

const parameter = (params: Params) => (n: string): tfTypes.Variable => {
  const v = params.get(n)
  if (!v) throw new Error(`missing parameter ${n}`)
  return v
}

/** Embeddings and the blocks; the residual stream after the last block, and the keys (stopping there when `stopAtKeys`). */
function trunk(tf: Tf, c: TransformerConfig, params: Params, ids: tfTypes.Tensor2D, inference: boolean, stopAtKeys: boolean): { x: tfTypes.Tensor; keys: tfTypes.Tensor3D } {
  const [B, T] = ids.shape
  const P = parameter(params)
  const d = c.dModel
  const H = c.heads
  const dh = d / H
  const flat = ids.reshape([B * T]) as tfTypes.Tensor1D
  const embedded = inference ? tf.gather(P('tok_emb'), flat) : fastMatMul(tf, tf.oneHot(flat, c.vocabSize).toFloat(), P('tok_emb'))
  let x: tfTypes.Tensor = embedded.reshape([B, T, d]).add(P('pos_emb').slice([0, 0], [T, d]))
  // causal mask: 0 on and below the diagonal, -1e9 above
  const mask = tf.linalg.bandPart(tf.ones([T, T]), -1, 0).sub(1).mul(1e9)
  let keys: tfTypes.Tensor | undefined
  for (let l = 0; l < c.layers; l++) {
    const p = `h${l}.`
    const attend = (h: tfTypes.Tensor): tfTypes.Tensor => {
      const qkv = fastMatMul(tf, h.reshape([B * T, d]), P(p + 'attn.wqkv')).add(P(p + 'attn.bqkv'))
      const split = (i: number): tfTypes.Tensor =>
        qkv.slice([0, i * d], [B * T, d]).reshape([B, T, H, dh]).transpose([0, 2, 1, 3])
      const q = split(0)
      const k = split(1)
      const v = split(2)
      const scores = fastMatMul(tf, q, k.transpose([0, 1, 3, 2])).div(Math.sqrt(dh)).add(mask)
      const att = tf.softmax(scores, -1)
      const o = fastMatMul(tf, att, v).transpose([0, 2, 1, 3]).reshape([B * T, d])
      return fastMatMul(tf, o, P(p + 'attn.wo')).add(P(p + 'attn.bo')).reshape([B, T, d])
    }
    const ffn = (h: tfTypes.Tensor): tfTypes.Tensor => {
      const u = gelu(tf, fastMatMul(tf, h.reshape([B * T, d]), P(p + 'ffn.w1')).add(P(p + 'ffn.b1')))
      return fastMatMul(tf, u, P(p + 'ffn.w2')).add(P(p + 'ffn.b2')).reshape([B, T, d])
    }
    const last = l === c.layers - 1
    if (c.preLN) {
      x = x.add(attend(layerNorm(tf, x, P(p + 'ln1.g'), P(p + 'ln1.b'))))
      const h = layerNorm(tf, x, P(p + 'ln2.g'), P(p + 'ln2.b'))
      if (last) keys = h
      if (last && stopAtKeys) break
      x = x.add(ffn(h))
    } else {
      const h = layerNorm(tf, x.add(attend(x)), P(p + 'ln1.g'), P(p + 'ln1.b'))
      if (last) keys = h
      if (last && stopAtKeys) break
      x = layerNorm(tf, h.add(ffn(h)), P(p + 'ln2.g'), P(p + 'ln2.b'))
    }
  }
  return { x, keys: (keys ?? x) as tfTypes.Tensor3D }
}

/** Mean next-token cross-entropy (nats) of ids[:, :-1] -> ids[:, 1:]. */
export function languageModelLoss(tf: Tf, c: TransformerConfig, params: Params, batch: tfTypes.Tensor2D): tfTypes.Scalar {
  const [B, T1] = batch.shape
  const T = T1 - 1
  const inputs = batch.slice([0, 0], [B, T])
  const targets = batch.slice([0, 1], [B, T]).reshape([B * T])
  const { logits } = forward(tf, c, params, inputs)
  const logp = tf.logSoftmax(logits.reshape([B * T, c.vocabSize]))
  const gold = logp.mul(tf.oneHot(targets, c.vocabSize).toFloat()).sum(-1)
  return gold.mean().neg() as tfTypes.Scalar
}
