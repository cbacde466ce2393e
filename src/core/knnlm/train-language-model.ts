/**
 * Train the small Transformer on a token stream: random windows of context + 1 tokens (seeded per step, so a
 * resumed run draws the same batches), next-token cross-entropy, AdamW (Loshchilov and Hutter 2019) with linear
 * warm-up and cosine decay, gradient clipping at global norm 1. Checkpoints (weights + Adam moments + step)
 * are written every `checkpointEvery` steps and when cancelled, so training can resume where it stopped.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type * as tfTypes from '@tensorflow/tfjs'
import { LabError } from '../../shared/errors'
import { CancelledError, throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { seededRandom } from '../random'
import { checkCorpusTexts } from './corpus-check'
import { loadModelFolder, saveModelFolder, type LossPoint, type ModelJson } from './model-folder'
import { tfReady, type Tf } from './tf-backend'
import type { Tokenizer } from './tokenizer'
import { countParameters, initialParameterValues, languageModelLoss, parameterShapes, type Params, type TransformerConfig } from './transformer'

export interface TrainLanguageModelOptions {
  /** training documents (each gets an end-of-text token after it) */
  texts: readonly string[]
  /** held-out documents for the validation loss (optional) */
  validationTexts?: readonly string[]
  tokenizer: Tokenizer
  outDir: string
  config?: Partial<Omit<TransformerConfig, 'vocabSize'>>
  steps: number
  batchSize?: number
  learningRate?: number
  warmupSteps?: number
  weightDecay?: number
  seed?: number
  evalEvery?: number
  checkpointEvery?: number
  /** continue from the checkpoint in outDir when there is one */
  resume?: boolean
  /** stored in model.json */
  trainedOn?: Record<string, unknown>
  /** called after each logged point (for live loss curves) */
  onLoss?: (point: LossPoint) => void
}

export interface TrainLanguageModelResult {
  modelDir: string
  modelId: string
  step: number
  parameters: number
  trainingTokens: number
  lossCurve: LossPoint[]
  finalLoss: number
  finalValLoss?: number
  resumedFrom?: number
}

export const DEFAULT_CONFIG: Omit<TransformerConfig, 'vocabSize'> = { layers: 2, dModel: 64, heads: 4, context: 64, dFF: 256, preLN: true }

export function encodeDocuments(tokenizer: Tokenizer, texts: readonly string[]): Int32Array {
  const parts: number[] = []
  for (const t of texts) {
    for (const id of tokenizer.encode(t)) parts.push(id)
    parts.push(tokenizer.eosId)
  }
  return Int32Array.from(parts)
}

function sampleBatch(tokens: Int32Array, batch: number, length: number, seed: number): Int32Array {
  const rng = seededRandom(seed)
  const out = new Int32Array(batch * length)
  const span = tokens.length - length
  for (let b = 0; b < batch; b++) {
    const s = rng.int(span + 1)
    out.set(tokens.subarray(s, s + length), b * length)
  }
  return out
}

function validationLoss(tf: Tf, config: TransformerConfig, params: Params, tokens: Int32Array, maxWindows = 16): number {
  const L = config.context + 1
  const windows = Math.min(maxWindows, Math.floor(tokens.length / L))
  if (windows === 0) return NaN
  const data = tokens.slice(0, windows * L)
  return tf.tidy(() => languageModelLoss(tf, config, params, tf.tensor2d(data, [windows, L], 'int32')).dataSync()[0]!)
}

export async function trainLanguageModel(o: TrainLanguageModelOptions, opts: ProgressOptions = {}): Promise<TrainLanguageModelResult> {
  checkCorpusTexts(o.texts, 'training corpus')
  const tf = await tfReady()
  const config: TransformerConfig = { ...DEFAULT_CONFIG, ...o.config, vocabSize: o.tokenizer.vocabSize }
  if (o.config?.dModel !== undefined && o.config.dFF === undefined) config.dFF = 4 * config.dModel
  if (config.dModel % config.heads !== 0) {
    throw new LabError('bad-option', `d_model ${config.dModel} is not divisible by ${config.heads} heads.`, { hint: 'Pick heads that divide d_model, e.g. 64 and 4.' })
  }
  if (!(o.steps >= 1)) throw new LabError('bad-option', `steps must be at least 1; got ${o.steps}.`)
  const tokens = encodeDocuments(o.tokenizer, o.texts)
  if (tokens.length < config.context + 2) {
    throw new LabError('corpus-too-small', `The training corpus has ${tokens.length} tokens; one window needs ${config.context + 2}.`, { hint: 'Add text or shorten the context.' })
  }
  const valTokens = o.validationTexts && o.validationTexts.length > 0 ? encodeDocuments(o.tokenizer, o.validationTexts) : undefined
  const seed = o.seed ?? 1
  const batchSize = o.batchSize ?? 16
  const lr = o.learningRate ?? 3e-3
  const warmup = o.warmupSteps ?? Math.min(100, Math.ceil(o.steps / 10))
  const wd = o.weightDecay ?? 0.01
  const evalEvery = o.evalEvery ?? Math.max(1, Math.floor(o.steps / 20))
  const checkpointEvery = o.checkpointEvery ?? 100
  const shapes = parameterShapes(config)
  const names = shapes.map(([n]) => n)

  let values = initialParameterValues(config, seed)
  let moments: { m: Map<string, Float32Array>; v: Map<string, Float32Array> } | undefined
  let step = 0
  let lossCurve: LossPoint[] = []
  let resumedFrom: number | undefined
  if (o.resume && existsSync(join(o.outDir, 'model.json'))) {
    const saved = loadModelFolder(o.outDir, true)
    if (saved.tokenizer.id !== o.tokenizer.id) {
      throw new LabError('tokenizer-mismatch', `The checkpoint in ${o.outDir} was trained with another tokenizer.`, { hint: 'Resume with the same tokenizer, or train into a new folder.' })
    }
    if (JSON.stringify(saved.json.config) !== JSON.stringify(config)) {
      throw new LabError('config-mismatch', `The checkpoint in ${o.outDir} has another model size (${JSON.stringify(saved.json.config)}).`, { hint: 'Resume with the same sizes, or train into a new folder.' })
    }
    values = saved.values
    moments = saved.optimizer
    step = saved.json.step
    lossCurve = saved.json.lossCurve
    resumedFrom = step
  }

  const params: Params = new Map()
  const m = new Map<string, tfTypes.Variable>()
  const v = new Map<string, tfTypes.Variable>()
  for (const [name, shape] of shapes) {
    params.set(name, tf.variable(tf.tensor(values.get(name)!, shape), true, `p_${name}_${Math.random()}`))
    m.set(name, tf.variable(moments ? tf.tensor(moments.m.get(name)!, shape) : tf.zeros(shape), false))
    v.set(name, tf.variable(moments ? tf.tensor(moments.v.get(name)!, shape) : tf.zeros(shape), false))
  }
  const varList = names.map((n) => params.get(n)!)

  const snapshot = (): Map<string, Float32Array> => new Map(names.map((n) => [n, params.get(n)!.dataSync() as Float32Array]))
  let saved: ModelJson | undefined
  const save = (): ModelJson =>
    (saved = saveModelFolder(o.outDir, {
      json: { config, step, totalSteps: o.steps, seed, lossCurve, trainedOn: o.trainedOn },
      values: snapshot(),
      optimizer: { m: new Map(names.map((n) => [n, m.get(n)!.dataSync() as Float32Array])), v: new Map(names.map((n) => [n, v.get(n)!.dataSync() as Float32Array])) },
      tokenizer: o.tokenizer,
    }))

  const beta1 = 0.9
  const beta2 = 0.95
  let runningLoss = 0
  let runningCount = 0
  try {
    while (step < o.steps) {
      if (opts.signal?.aborted) {
        save()
        throw new CancelledError()
      }
      const batch = sampleBatch(tokens, batchSize, config.context + 1, seed * 1_000_003 + step)
      const rate = step < warmup ? (lr * (step + 1)) / warmup : lr * 0.5 * (1 + Math.cos((Math.PI * (step - warmup)) / Math.max(1, o.steps - warmup)))
      const t = step + 1
      const lossValue = tf.tidy(() => {
        const x = tf.tensor2d(batch, [batchSize, config.context + 1], 'int32')
        const { value, grads } = tf.variableGrads(() => languageModelLoss(tf, config, params, x), varList)
        const sq = names.map((n) => grads[params.get(n)!.name]!.square().sum())
        const norm = tf.addN(sq).sqrt()
        const scale = tf.minimum(tf.scalar(1), tf.scalar(1).div(norm.add(1e-6)))
        for (const n of names) {
          const p = params.get(n)!
          const g = grads[p.name]!.mul(scale)
          const mn = m.get(n)!
          const vn = v.get(n)!
          mn.assign(mn.mul(beta1).add(g.mul(1 - beta1)))
          vn.assign(vn.mul(beta2).add(g.square().mul(1 - beta2)))
          const mhat = mn.div(1 - beta1 ** t)
          const vhat = vn.div(1 - beta2 ** t)
          let update = mhat.div(vhat.sqrt().add(1e-8))
          if (p.shape.length === 2 && n !== 'pos_emb') update = update.add(p.mul(wd))
          p.assign(p.sub(update.mul(rate)))
        }
        return value.dataSync()[0]!
      })
      if (!Number.isFinite(lossValue)) {
        throw new LabError('training-diverged', `Training diverged at step ${step + 1} (loss is ${lossValue}).`, { hint: 'Lower the learning rate and train again.' })
      }
      step++
      runningLoss += lossValue
      runningCount++
      if (step % evalEvery === 0 || step === o.steps) {
        const point: LossPoint = { step, loss: runningLoss / runningCount }
        if (valTokens) {
          const vl = validationLoss(tf, config, params, valTokens)
          if (Number.isFinite(vl)) point.valLoss = vl
        }
        lossCurve.push(point)
        o.onLoss?.(point)
        runningLoss = 0
        runningCount = 0
      }
      if (step % checkpointEvery === 0 && step < o.steps) save()
      opts.onProgress?.(step / o.steps, `step ${step} of ${o.steps}, loss ${lossValue.toFixed(3)}`)
      if (step % 10 === 0) await new Promise((r) => setImmediate(r)) // let abort signals arrive
    }
    const json = save()
    const last = lossCurve[lossCurve.length - 1]
    if (!last) throw new LabError('nothing-trained', `The model in ${o.outDir} already has ${step} steps and no loss was recorded.`, { hint: 'Ask for more steps than the checkpoint has to continue training.' })
    return {
      modelDir: o.outDir,
      modelId: json.id,
      step,
      parameters: countParameters(config),
      trainingTokens: tokens.length,
      lossCurve,
      finalLoss: last.loss,
      finalValLoss: last.valLoss,
      resumedFrom,
    }
  } finally {
    for (const x of [...params.values(), ...m.values(), ...v.values()]) x.dispose()
    void saved
  }
}
