/** A tiny model trained for a few steps, shared by the knnlm tests (not a test file itself). */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { trainTokenizer, type Tokenizer } from '../../../src/core/knnlm/tokenizer'
import { trainLanguageModel, type TrainLanguageModelOptions } from '../../../src/core/knnlm/train-language-model'

export const TINY_TEXTS = [
  'The jury said it did find that many of the registration and election laws were outmoded or inadequate and often ambiguous.',
  'The jury further said in term-end presentments that the City Executive Committee, which had over-all charge of the election, deserves the praise and thanks of the City of Atlanta for the manner in which the election was conducted.',
  'It recommended that Fulton legislators act to have these laws studied and revised to the end of modernizing and improving them.',
  'The grand jury commented on a number of other topics, among them the Atlanta and Fulton County purchasing departments which it said are well operated and follow generally accepted practices which inure to the best interest of both governments.',
]

export const TINY_CONFIG = { layers: 1, dModel: 16, heads: 2, context: 16, dFF: 32, preLN: true }

let tokenizer: Tokenizer | undefined
export function tinyTokenizer(): Tokenizer {
  tokenizer ??= trainTokenizer(TINY_TEXTS, { kind: 'bpe', vocabSize: 300 })
  return tokenizer
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `knnlm-${prefix}-`))
}

export async function trainTiny(steps: number, extra: Partial<TrainLanguageModelOptions> = {}, outDir = tempDir('model')) {
  const result = await trainLanguageModel({ texts: TINY_TEXTS, tokenizer: tinyTokenizer(), outDir, config: TINY_CONFIG, steps, batchSize: 4, learningRate: 1e-2, seed: 3, evalEvery: 5, ...extra })
  return { dir: outDir, result }
}

/** Steps of the shared tiny model (tiny-model.global-setup.ts); the same seeded model as trainTiny(SHARED_TINY_STEPS). */
export const SHARED_TINY_STEPS = 10

declare module 'vitest' {
  export interface ProvidedContext {
    /** folder of the tiny model trained once per test run (SHARED_TINY_STEPS steps, seed 3) */
    tinyKnnLmModelDir: string
    /** folder of a second tiny model (2 steps, seed 9): another model, whose keys live in another space */
    otherTinyKnnLmModelDir: string
  }
}

function provided(key: 'tinyKnnLmModelDir' | 'otherTinyKnnLmModelDir'): string {
  const dir = inject(key)
  if (typeof dir !== 'string' || !existsSync(dir)) throw new Error(`${key} was not provided: vitest.config.ts must list test/unit/knnlm/tiny-model.global-setup.ts in globalSetup.`)
  return dir
}

/** The shared tiny model's folder: read it, never write into it (test files run in parallel). */
export function sharedTinyModel(): string {
  return provided('tinyKnnLmModelDir')
}

/** A second shared tiny model, trained with another seed (read only). */
export function otherSharedTinyModel(): string {
  return provided('otherTinyKnnLmModelDir')
}
