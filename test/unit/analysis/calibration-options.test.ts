/**
 * Calibration of a multiple-choice task imported from per-option probabilities (model, task, item, option,
 * probability, is_gold): the fixture and every expected number are written by
 * scripts/reference/calibration-options.py (numpy, independent of the lab). The same file read only as the
 * probability of the correct answer must not be scored as a two-way choice.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { predictionRowsFromCatalog } from '../../../src/core/analysis/from-catalog'

const dir = join(__dirname, '..', '..', 'fixtures', 'calibration')
const expected = JSON.parse(readFileSync(join(dir, 'mc4_options_synthetic.expected.json'), 'utf8')) as {
  models: Record<string, Record<string, number>>
}

let c: Catalog
beforeEach(() => {
  c = new Catalog(':memory:')
})
afterEach(() => c.close())

async function imported() {
  const s = await importFile(c, join(dir, 'mc4_options_synthetic.csv'), { project: 'mc', fileName: 'mc4_options_synthetic.csv' })
  const projectId = c.getProject('mc')!.id
  return { summary: s, rows: predictionRowsFromCatalog(c.listPredictions({ projectId })) }
}

describe('calibration from per-option probabilities (4 options)', () => {
  it('imports one prediction per item with the gold probability, the pick, its confidence and correctness', async () => {
    const { summary, rows } = await imported()
    expect(summary).toMatchObject({ format: 'predictions', runs: 3, predictions: 720 })
    expect(summary.warnings.join(' ')).toMatch(/720 items were read from per-option rows/)
    expect(summary.warnings.join(' ')).toMatch(/3 items have a tie for the largest probability: the pick is the first listed/)
    // the documented tie: 0.4 / 0.4 / 0.1 / 0.1 with gold B: the pick (A) is wrong, its confidence 0.4
    const tie = rows.find((r) => r.model === 'mc-small' && r.item === 'i000')!
    expect(tie).toMatchObject({ probability: 0.4, confidence: 0.4, correct: 0 })
  })

  it('matches the reference with equal-width and equal-mass bins, Brier on the gold answer and NLL', async () => {
    const { rows } = await imported()
    for (const binning of ['width', 'mass'] as const) {
      const results = analyzeCalibration(rows, { bins: 10, binning, bootstrap: 0 })
      expect(results.map((r) => r.model)).toEqual(['mc-small', 'mc-medium', 'mc-large'])
      for (const r of results) {
        const ref = expected.models[r.model]
        expect(r.n).toBe(ref.n)
        expect(r.accuracy!).toBeCloseTo(ref.accuracy, 10)
        expect(r.mean_confidence!).toBeCloseTo(ref.mean_confidence, 10)
        expect(r.ece!).toBeCloseTo(ref[`ece_${binning}`], 10)
        expect(r.mce!).toBeCloseTo(ref[`mce_${binning}`], 10)
        expect(r.brier!).toBeCloseTo(ref.brier_gold, 10)
        expect(r.nll!).toBeCloseTo(ref.nll, 10)
        expect([r.confidence_source, r.ece_unavailable, r.brier_on]).toEqual(['confidence', null, 'gold'])
      }
    }
  })

  it('without the pick (gold probability and correct only) gives accuracy, Brier and NLL, and says why ECE is not available', async () => {
    const { rows } = await imported()
    const goldOnly = rows.map(({ confidence: _c, ...rest }) => rest)
    const [small] = analyzeCalibration(goldOnly, { model: 'mc-small', bootstrap: 20 })
    const ref = expected.models['mc-small']
    expect(small.accuracy!).toBeCloseTo(ref.accuracy, 10)
    expect(small.brier!).toBeCloseTo(ref.brier_gold, 10)
    expect(small.nll!).toBeCloseTo(ref.nll, 10)
    expect([small.ece, small.mce, small.mean_confidence, small.reliability]).toEqual([null, null, null, []])
    expect(small.ece_unavailable).toMatch(/^ECE is not available because none of the 240 items gives the confidence of the model's pick/)
    // a two-way reading would have scored accuracy as p > 1/2: 0.2125 instead of 0.3958 (44 right picks have p < 1/2)
    expect(ref.right_with_gold_below_half).toBe(44)
    expect(small.accuracy).not.toBeCloseTo(ref.two_way_accuracy_would_be, 2)
  })

  it('refuses a declared number of choices other than 2 (only two options give the pick from p)', async () => {
    const { rows } = await imported()
    expect(() => analyzeCalibration(rows, { choices: 4, bootstrap: 0 })).toThrow(/choices can only be 2/)
  })

  it('with the gold probability only, reports Brier and NLL and explains that accuracy and ECE are missing', async () => {
    const { rows } = await imported()
    const pOnly = rows.map(({ model, params, task, item, probability }) => ({ model, params, task, item, probability }))
    const [small] = analyzeCalibration(pOnly, { model: 'mc-small', bootstrap: 0 })
    expect(small.accuracy).toBeNull()
    expect(small.brier!).toBeCloseTo(expected.models['mc-small'].brier_gold, 10)
    expect(small.notes.join(' ')).toMatch(/Accuracy is not available: none of the 240 items gives whether the model's pick was right/)
    expect(small.ece_unavailable).not.toBeNull()
  })
})
