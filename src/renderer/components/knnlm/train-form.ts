/**
 * The Train tab's form: its defaults, and the check that a remembered form (localStorage) is still one the lab
 * accepts, so a stale or edited value falls back to the defaults instead of failing at Start.
 */
import type { KnnLmTokenizerChoice } from '../../../shared/api'
import type { CorpusChoice } from './corpus-choice'

export interface TrainForm {
  tokenizer: KnnLmTokenizerChoice
  vocabSize: number
  layers: number
  dModel: number
  heads: number
  context: number
  steps: number
  batchSize: number
  learningRate: number
  seed: number
  /** held-out share of the corpus's documents, in percent (1 to 50) */
  heldOutPercent: number
}

export const DEFAULT_TRAIN_FORM: TrainForm = { tokenizer: 'auto', vocabSize: 2048, layers: 2, dModel: 64, heads: 4, context: 64, steps: 300, batchSize: 16, learningRate: 0.003, seed: 1, heldOutPercent: 10 }

/** inclusive integer ranges of the numeric fields, as startKnnLmTrain checks them */
const INTEGER_RANGES: Record<Exclude<keyof TrainForm, 'tokenizer' | 'learningRate'>, [number, number]> = {
  vocabSize: [64, 16_384],
  layers: [1, 12],
  dModel: [8, 512],
  heads: [1, 16],
  context: [4, 512],
  steps: [1, 200_000],
  batchSize: [1, 256],
  seed: [0, 2 ** 31 - 1],
  heldOutPercent: [1, 50],
}

export function isTrainForm(v: unknown): v is TrainForm {
  if (typeof v !== 'object' || v === null) return false
  const f = v as Record<string, unknown>
  if (f.tokenizer !== 'auto' && f.tokenizer !== 'bpe' && f.tokenizer !== 'char') return false
  if (typeof f.learningRate !== 'number' || !(f.learningRate > 0 && f.learningRate <= 0.1)) return false
  return Object.entries(INTEGER_RANGES).every(([key, [lo, hi]]) => {
    const x = f[key]
    return typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi
  })
}

/** The remembered corpus: shipped corpora only (uploads last one session). */
export type RememberedCorpus = Pick<CorpusChoice, 'genres' | 'others'>

export function isRememberedCorpus(v: unknown): v is RememberedCorpus {
  if (typeof v !== 'object' || v === null) return false
  const c = v as Record<string, unknown>
  const strings = (x: unknown): boolean => Array.isArray(x) && x.length <= 20 && x.every((s) => typeof s === 'string' && /^[a-z0-9:,_-]+$/i.test(s))
  return strings(c.genres) && strings(c.others)
}
