/** A tiny model trained for a few steps, shared by the knnlm tests (not a test file itself). */
import { mkdtempSync, rmSync } from 'node:fs'
import { afterAll } from 'vitest'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

const made: string[] = []
// each test file imports this module afresh, so its folders go when that file's tests are done
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A temporary folder removed after the test file that asked for it. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `knnlm-${prefix}-`))
  made.push(dir)
  return dir
}

export async function trainTiny(steps: number, extra: Partial<TrainLanguageModelOptions> = {}, outDir = tempDir('model')) {
  const result = await trainLanguageModel({ texts: TINY_TEXTS, tokenizer: tinyTokenizer(), outDir, config: TINY_CONFIG, steps, batchSize: 4, learningRate: 1e-2, seed: 3, evalEvery: 5, ...extra })
  return { dir: outDir, result }
}
