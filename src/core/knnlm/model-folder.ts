/**
 * A trained language model on disk: model.json (config, ids, step, loss curve, parameter list), weights.bin
 * (float32 little-endian, parameters in the listed order), optimizer.bin (Adam first and second moments, same
 * order; for resuming) and tokenizer.json. The model id is SHA-256 over the config and weights (16 hex digits),
 * so a datastore built with other weights is recognised.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../../shared/errors'
import { loadTokenizer, saveTokenizer, type Tokenizer } from './tokenizer'
import { parameterShapes, type TransformerConfig } from './transformer'

export interface LossPoint {
  step: number
  /** training loss (nats per token), mean over the steps since the previous point */
  loss: number
  /** held-out loss (nats per token) when measured at this step */
  valLoss?: number
}

export interface ModelJson {
  format: 'scaling-lab-lm'
  version: 1
  id: string
  config: TransformerConfig
  tokenizerId: string
  step: number
  totalSteps: number
  seed: number
  lossCurve: LossPoint[]
  parameters: Array<{ name: string; shape: number[] }>
  /** free-form provenance (corpus, genres, options) */
  trainedOn?: Record<string, unknown>
}

export interface ModelWeights {
  json: ModelJson
  values: Map<string, Float32Array>
  /** Adam moments, when saved */
  optimizer?: { m: Map<string, Float32Array>; v: Map<string, Float32Array> }
  tokenizer: Tokenizer
}

function concat(names: string[], values: Map<string, Float32Array>): Uint8Array {
  const total = names.reduce((n, k) => n + values.get(k)!.length, 0)
  const out = new Float32Array(total)
  let at = 0
  for (const k of names) {
    out.set(values.get(k)!, at)
    at += values.get(k)!.length
  }
  return new Uint8Array(out.buffer)
}

function split(bytes: Uint8Array, shapes: Array<[string, number[]]>, file: string): Map<string, Float32Array> {
  const total = shapes.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0)
  if (bytes.byteLength !== total * 4) {
    throw new LabError('model-invalid', `${file} holds ${bytes.byteLength} bytes; the model's config needs ${total * 4}.`, { file, hint: 'The model folder is damaged or mixed up; train the model again.' })
  }
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  const out = new Map<string, Float32Array>()
  let at = 0
  for (const [name, shape] of shapes) {
    const n = shape.reduce((a, b) => a * b, 1)
    out.set(name, all.subarray(at, at + n))
    at += n
  }
  return out
}

export function computeModelId(config: TransformerConfig, weightBytes: Uint8Array): string {
  return createHash('sha256').update(JSON.stringify(config)).update(weightBytes).digest('hex').slice(0, 16)
}

/** Write atomically enough for a checkpoint: each file goes to a temporary name first. */
function put(path: string, data: string | Uint8Array): void {
  writeFileSync(path + '.tmp', data)
  renameSync(path + '.tmp', path)
}

export function saveModelFolder(dir: string, w: Omit<ModelWeights, 'json'> & { json: Omit<ModelJson, 'id' | 'parameters' | 'format' | 'version' | 'tokenizerId'> }): ModelJson {
  mkdirSync(dir, { recursive: true })
  const shapes = parameterShapes(w.json.config)
  const names = shapes.map(([n]) => n)
  const weightBytes = concat(names, w.values)
  const json: ModelJson = {
    format: 'scaling-lab-lm',
    version: 1,
    id: computeModelId(w.json.config, weightBytes),
    tokenizerId: w.tokenizer.id,
    parameters: shapes.map(([name, shape]) => ({ name, shape })),
    ...w.json,
  }
  put(join(dir, 'weights.bin'), weightBytes)
  if (w.optimizer) {
    const m = concat(names, w.optimizer.m)
    const v = concat(names, w.optimizer.v)
    const both = new Uint8Array(m.length + v.length)
    both.set(m)
    both.set(v, m.length)
    put(join(dir, 'optimizer.bin'), both)
  }
  saveTokenizer(w.tokenizer, join(dir, 'tokenizer.json'))
  put(join(dir, 'model.json'), JSON.stringify(json, null, 1))
  return json
}

export function readModelJson(dir: string): ModelJson {
  const file = join(dir, 'model.json')
  if (!existsSync(file)) {
    throw new LabError('model-not-found', `No model in ${dir} (model.json is missing).`, { file, hint: 'Train a model first (scaling-lab knnlm train) or pick a folder that holds model.json.' })
  }
  const json = JSON.parse(readFileSync(file, 'utf8')) as ModelJson
  if (json.format !== 'scaling-lab-lm') throw new LabError('model-invalid', `${file} is not a Scaling Lab language model.`, { file, hint: 'Pick the folder of a model trained in the lab.' })
  return json
}

export function loadModelFolder(dir: string, withOptimizer = false): ModelWeights {
  const json = readModelJson(dir)
  const tokenizer = loadTokenizer(join(dir, 'tokenizer.json'))
  if (tokenizer.id !== json.tokenizerId) {
    throw new LabError('tokenizer-mismatch', `The tokenizer in ${dir} (${tokenizer.id}) is not the one the model was trained with (${json.tokenizerId}).`, { file: join(dir, 'tokenizer.json'), hint: 'Put the model’s own tokenizer.json back, or train again.' })
  }
  const shapes = parameterShapes(json.config)
  const weightFile = join(dir, 'weights.bin')
  const bytes = readFileSync(weightFile)
  const values = split(bytes, shapes, weightFile)
  const id = computeModelId(json.config, bytes)
  if (id !== json.id) throw new LabError('model-invalid', `${weightFile} does not match the model id in model.json.`, { file: weightFile, hint: 'The weights were changed or damaged; train again.' })
  let optimizer: ModelWeights['optimizer']
  const optFile = join(dir, 'optimizer.bin')
  if (withOptimizer && existsSync(optFile)) {
    const ob = readFileSync(optFile)
    const half = ob.byteLength / 2
    optimizer = { m: split(ob.subarray(0, half), shapes, optFile), v: split(ob.subarray(half), shapes, optFile) }
  }
  return { json, values, optimizer, tokenizer }
}
