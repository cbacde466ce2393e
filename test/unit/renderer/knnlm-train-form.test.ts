/**
 * The Train tab's remembered form: a remembered value is used only if the lab's own request schema
 * (startKnnLmTrain) would take it, so a stale or hand-edited localStorage entry falls back to the defaults.
 */
import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../../src/shared/api'
import { DEFAULT_TRAIN_FORM, isRememberedCorpus, isTrainForm, type TrainForm } from '../../../src/renderer/components/knnlm/train-form'

const request = (f: TrainForm) => {
  const { heldOutPercent, ...rest } = f
  return { ...rest, heldOutShare: heldOutPercent / 100, sources: ['brown:news'] }
}

describe('the remembered Train form', () => {
  it('takes the defaults, and the schema takes them too', () => {
    expect(isTrainForm(DEFAULT_TRAIN_FORM)).toBe(true)
    expect(CHANNELS.startKnnLmTrain.request.safeParse(request(DEFAULT_TRAIN_FORM)).success).toBe(true)
  })

  it('refuses exactly what the request schema refuses, field by field, at and beyond each bound', () => {
    const cases: Array<Partial<TrainForm>> = [
      { layers: 0 }, { layers: 12 }, { layers: 13 }, { dModel: 7 }, { dModel: 512 }, { heads: 17 }, { context: 3 },
      { steps: 0 }, { steps: 200_000 }, { steps: 200_001 }, { batchSize: 257 }, { learningRate: 0 }, { learningRate: 0.1 },
      { learningRate: 0.2 }, { seed: -1 }, { seed: 2 ** 31 }, { vocabSize: 63 }, { vocabSize: 16_384 }, { heldOutPercent: 0 },
      { heldOutPercent: 1 }, { heldOutPercent: 50 }, { heldOutPercent: 51 }, { layers: 2.5 },
    ]
    for (const c of cases) {
      const f = { ...DEFAULT_TRAIN_FORM, ...c }
      expect(isTrainForm(f), JSON.stringify(c)).toBe(CHANNELS.startKnnLmTrain.request.safeParse(request(f)).success)
    }
  })

  it('refuses what is not a form at all', () => {
    for (const v of [null, 3, 'x', [], { ...DEFAULT_TRAIN_FORM, tokenizer: 'word' }, { ...DEFAULT_TRAIN_FORM, steps: '300' }]) expect(isTrainForm(v)).toBe(false)
    const { heldOutPercent: _, ...older } = DEFAULT_TRAIN_FORM
    expect(isTrainForm(older)).toBe(false)
  })

  it('remembers shipped corpora only, as names', () => {
    expect(isRememberedCorpus({ genres: ['news', 'romance'], others: ['moby-dick', 'chinese-poetry:tang'] })).toBe(true)
    expect(isRememberedCorpus({ genres: ['news'] })).toBe(false)
    expect(isRememberedCorpus({ genres: ['<script>'], others: [] })).toBe(false)
  })
})
