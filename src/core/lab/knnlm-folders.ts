/**
 * Where the kNN-LM lab keeps what the user makes, beside the catalog (as `scaling-lab knnlm train` does):
 *   knnlm/models/<lm-…>/            model.json, weights.bin, optimizer.bin, tokenizer.json (core/knnlm/model-folder),
 *                                   train.json (how it was started), loss-live.jsonl, heldout.txt, sources/ (uploads)
 *   knnlm/models/<lm-…>/datastores/<ds-…>/   a datastore (core/knnlm/datastore), built.json, heldout.txt
 *   knnlm/imports/<npy-…>/          keys.npy, values.npy, queries.npy, targets.npy, lm-logprobs.npy, import.json
 * Names are made by the lab (prefix, UTC time, random hex), so pages never name a path.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { KnnLmDatastoreInfo, KnnLmImportInfo, KnnLmLossPoint, KnnLmModelInfo, KnnLmTokenizerChoice } from '../../shared/api/knnlm'
import { LabError } from '../../shared/errors'
import { countParameters, DEFAULT_HELD_OUT_SHARE, readDatastoreMeta, readModelJson, type ModelJson } from '../knnlm'

export type KnnLmKind = 'lm' | 'ds' | 'npy'

const NAME = { lm: /^lm-(\d{8})-(\d{6})-[0-9a-f]{6}$/, ds: /^ds-(\d{8})-(\d{6})-[0-9a-f]{6}$/, npy: /^npy-(\d{8})-(\d{6})-[0-9a-f]{6}$/ }

export function newKnnLmName(kind: KnnLmKind, now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`
  return `${kind}-${stamp}-${randomBytes(3).toString('hex')}`
}

export function createdAtOf(name: string): string {
  const m = /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/.exec(name)
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)).toISOString() : ''
}

/** How a training was started (train.json): enough to resume it. */
export interface TrainRecord {
  /** corpus specs for the worker: built-in names and the paths of the copied uploads */
  sources: string[]
  /** display names of the copied uploads, by path */
  labels: Record<string, string>
  tokenizer: KnnLmTokenizerChoice
  vocabSize?: number
  config: { layers: number; dModel: number; heads: number; context: number }
  steps: number
  batchSize: number
  learningRate: number
  seed: number
  /** share of the documents held out (absent in records written before it was an option: 0.1) */
  heldOutShare?: number
}

/** What a datastore was built from (built.json). */
export interface DatastoreRecord {
  sources: string[]
  labels: Record<string, string>
  dtype: 'float16' | 'float32'
  /** share of the documents kept out of the store as held-out text (absent: 0.1) */
  heldOutShare?: number
}

export interface ImportRecord {
  files: KnnLmImportInfo['files']
  keys: number
  dims: number
  keysDtype: string
  queries: number
}

export const IMPORT_FILES = { keys: 'keys.npy', values: 'values.npy', queries: 'queries.npy', targets: 'targets.npy', lmLogProbs: 'lm-logprobs.npy' } as const

export class KnnLmFolders {
  constructor(readonly dataDir: string) {}

  get modelsDir(): string {
    return join(this.dataDir, 'knnlm', 'models')
  }

  get importsDir(): string {
    return join(this.dataDir, 'knnlm', 'imports')
  }

  modelDir(name: string): string {
    if (!NAME.lm.test(name)) throw new LabError('unknown-model', `${name} is not a model name.`, { hint: 'Pick a model from the list.' })
    return join(this.modelsDir, name)
  }

  datastoreDir(model: string, name: string): string {
    if (!NAME.ds.test(name)) throw new LabError('unknown-datastore', `${name} is not a datastore name.`, { hint: 'Pick a datastore from the list.' })
    return join(this.modelDir(model), 'datastores', name)
  }

  importDir(name: string): string {
    if (!NAME.npy.test(name)) throw new LabError('unknown-import', `${name} is not an import name.`, { hint: 'Pick an import from the list.' })
    return join(this.importsDir, name)
  }

  /** The folder of a model that exists (train.json written), else a LabError. */
  existingModel(name: string): string {
    const dir = this.modelDir(name)
    if (!existsSync(join(dir, 'train.json'))) throw new LabError('unknown-model', `There is no trained model ${name} in ${this.modelsDir}.`, { hint: 'Train a model first, or pick one from the list.' })
    return dir
  }

  trainRecord(name: string): TrainRecord {
    return JSON.parse(readFileSync(join(this.existingModel(name), 'train.json'), 'utf8')) as TrainRecord
  }

  /** The live loss curve: loss-live.jsonl while (or after) training here, else model.json's. */
  lossCurve(name: string): KnnLmLossPoint[] {
    const dir = this.existingModel(name)
    const live = join(dir, 'loss-live.jsonl')
    if (existsSync(live)) {
      return readFileSync(live, 'utf8')
        .split('\n')
        .filter((l) => l.trim().length > 0)
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as KnnLmLossPoint]
          } catch {
            return [] // a line being written
          }
        })
    }
    return existsSync(join(dir, 'model.json')) ? readModelJson(dir).lossCurve : []
  }

  modelInfo(name: string): KnnLmModelInfo {
    const dir = this.existingModel(name)
    const rec = this.trainRecord(name)
    let json: ModelJson | undefined
    if (existsSync(join(dir, 'model.json'))) json = readModelJson(dir)
    const info: KnnLmModelInfo = {
      name,
      config: rec.config,
      step: json?.step ?? 0,
      totalSteps: rec.steps,
      learningRate: rec.learningRate,
      batchSize: rec.batchSize,
      seed: rec.seed,
      tokenizer: rec.tokenizer,
      sources: rec.sources.map((s) => rec.labels[s] ?? s),
      heldOutShare: rec.heldOutShare ?? DEFAULT_HELD_OUT_SHARE,
      lossCurve: json?.lossCurve ?? [],
      datastores: json ? this.datastores(name, json.id) : [],
      createdAt: createdAtOf(name),
    }
    if (json) Object.assign(info, { modelId: json.id, tokenizerId: json.tokenizerId, vocabSize: json.config.vocabSize, parameters: countParameters(json.config) })
    return info
  }

  listModels(): KnnLmModelInfo[] {
    if (!existsSync(this.modelsDir)) return []
    const out: KnnLmModelInfo[] = []
    for (const name of readdirSync(this.modelsDir)) {
      if (!NAME.lm.test(name) || !existsSync(join(this.modelsDir, name, 'train.json'))) continue
      try {
        out.push(this.modelInfo(name))
      } catch {
        // a damaged folder is not listed
      }
    }
    return out.sort((a, b) => b.name.localeCompare(a.name))
  }

  datastores(model: string, modelId: string): KnnLmDatastoreInfo[] {
    const root = join(this.modelDir(model), 'datastores')
    if (!existsSync(root)) return []
    const out: KnnLmDatastoreInfo[] = []
    for (const name of readdirSync(root)) {
      const dir = join(root, name)
      if (!NAME.ds.test(name) || !existsSync(join(dir, 'datastore.json')) || !existsSync(join(dir, 'built.json'))) continue
      try {
        const meta = readDatastoreMeta(dir)
        const rec = JSON.parse(readFileSync(join(dir, 'built.json'), 'utf8')) as DatastoreRecord
        const held = join(dir, 'heldout.txt')
        out.push({
          name,
          keys: meta.count,
          dims: meta.dims,
          dtype: meta.dtype,
          sources: rec.sources.map((s) => rec.labels[s] ?? s),
          diskBytes: folderBytes(dir),
          heldOutChars: existsSync(held) ? statSync(held).size : 0,
          stale: meta.modelId !== modelId,
          createdAt: createdAtOf(name),
        })
      } catch {
        // not listed
      }
    }
    return out.sort((a, b) => b.name.localeCompare(a.name))
  }

  importInfo(name: string): KnnLmImportInfo {
    const dir = this.importDir(name)
    const file = join(dir, 'import.json')
    if (!existsSync(file)) throw new LabError('unknown-import', `There is no import ${name} in ${this.importsDir}.`, { hint: 'Import the .npy files first, or pick an import from the list.' })
    const rec = JSON.parse(readFileSync(file, 'utf8')) as ImportRecord
    return { name, ...rec, diskBytes: folderBytes(dir), createdAt: createdAtOf(name) }
  }

  listImports(): KnnLmImportInfo[] {
    if (!existsSync(this.importsDir)) return []
    const out: KnnLmImportInfo[] = []
    for (const name of readdirSync(this.importsDir)) {
      if (!NAME.npy.test(name)) continue
      try {
        out.push(this.importInfo(name))
      } catch {
        // not listed
      }
    }
    return out.sort((a, b) => b.name.localeCompare(a.name))
  }
}

/** Remove a lab-made folder (model or import) and everything in it; returns the bytes freed. */
export function removeFolder(dir: string): number {
  const bytes = treeBytes(dir)
  rmSync(dir, { recursive: true, force: true })
  return bytes
}

function treeBytes(dir: string): number {
  let n = 0
  for (const f of readdirSync(dir, { withFileTypes: true })) n += f.isDirectory() ? treeBytes(join(dir, f.name)) : f.isFile() ? statSync(join(dir, f.name)).size : 0
  return n
}

function folderBytes(dir: string): number {
  let n = 0
  for (const f of readdirSync(dir, { withFileTypes: true })) if (f.isFile()) n += statSync(join(dir, f.name)).size
  return n
}
