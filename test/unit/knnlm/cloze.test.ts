// The four-way cloze behind the demo's calibration data (scripts/make-calibration-demo.ts): items drawn from
// held-out text with frequency-matched distractors, and options scored with the shipped demo LM, checked against
// the model's own stream scoring of the same tokens (a second path through the Transformer).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildClozeItems, wordCounts } from '../../../src/core/knnlm/cloze-items'
import { continuationLogLikelihood, scoreClozeItem } from '../../../src/core/knnlm/cloze-score'
import { LoadedModel } from '../../../src/core/knnlm/loaded-model'

const DEMO = join(import.meta.dirname, '..', '..', '..', 'resources', 'demo-model')
const heldOut = readFileSync(join(DEMO, 'heldout-in-domain.txt'), 'utf8')

describe('cloze items', () => {
  const training = 'the cat sat on the mat and the dog ran to the park while the bird sang in the tree '.repeat(20)
  const counts = wordCounts([training, 'alpha beta gamma delta epsilon zeta '.repeat(10)])

  it('asks the word that follows, with three distractors of about its training frequency', () => {
    const text = `${'filler words here '.repeat(20)}the dog ran to the park while the bird sang`
    const items = buildClozeItems(text, counts, { items: 3, seed: 1, minPrefixChars: 100, spacing: 2 })
    expect(items.length).toBeGreaterThan(0)
    for (const it of items) {
      expect(text.startsWith(`${it.prefix} ${it.gold}`)).toBe(true)
      expect(it.options).toHaveLength(4)
      expect(new Set(it.options).size).toBe(4)
      expect(it.options).toContain(it.gold)
      const c = counts.get(it.gold)!
      for (const w of it.options) {
        expect(counts.get(w)!).toBeGreaterThanOrEqual(Math.ceil(c / 2))
        expect(counts.get(w)!).toBeLessThanOrEqual(2 * c)
      }
    }
  })

  it('never asks a word with too few training words in its frequency band ("the" here)', () => {
    const text = `${'x '.repeat(120)}the the the`
    expect(buildClozeItems(text, counts, { items: 5, seed: 1, minPrefixChars: 100, spacing: 1 })).toEqual([])
  })

  it('is seeded: the same text and seed give the same items; another seed other ones', () => {
    const real = wordCounts([heldOut])
    const a = buildClozeItems(heldOut, real, { items: 40, seed: 7 })
    expect(buildClozeItems(heldOut, real, { items: 40, seed: 7 })).toEqual(a)
    expect(buildClozeItems(heldOut, real, { items: 40, seed: 8 }).map((i) => i.gold)).not.toEqual(a.map((i) => i.gold))
    expect(a).toHaveLength(40)
    // in text order, at least `spacing` words apart
    for (let i = 1; i < a.length; i++) expect(a[i]!.prefix.length).toBeGreaterThan(a[i - 1]!.prefix.length)
  })
})

describe('cloze scoring with the shipped demo LM', () => {
  let model: LoadedModel
  beforeAll(async () => {
    model = await LoadedModel.load(join(DEMO, 'model'))
  }, 60_000)
  afterAll(() => model?.dispose())

  it('an option\'s log-likelihood equals the stream scores of the same tokens', async () => {
    const tok = model.tokenizer
    const prefix = tok.encode('The jury said it did find that the city')
    const option = tok.encode(' government')
    const ll = continuationLogLikelihood(model, prefix, option)
    const stream = await model.scoreStream(Int32Array.from([...prefix, ...option]))
    const tail = Array.from(stream.lmLogProbs.slice(-option.length)).reduce((s, v) => s + v, 0)
    expect(ll).toBeCloseTo(tail, 4)
    expect(ll).toBeLessThan(0)
  })

  it('gives each item\'s options probabilities that sum to one', () => {
    const [item] = buildClozeItems(heldOut, wordCounts([heldOut]), { items: 1, seed: 3 })
    const p = scoreClozeItem(model, item!)
    expect(p).toHaveLength(4)
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 10)
    for (const v of p) expect(v).toBeGreaterThan(0)
  })
})
