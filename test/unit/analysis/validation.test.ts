import { describe, expect, it } from 'vitest'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { classifyTrend } from '../../../src/core/analysis/trend-shape'
import { analyzeEmergence } from '../../../src/core/analysis/emergence'
import type { PredictionRow } from '../../../src/core/analysis/types'
import { LabError } from '../../../src/shared/errors'

const row = (over: Partial<PredictionRow>): PredictionRow => ({ model: 'gpt2', params: 124e6, task: 'boolq', item: 'q', probability: 0.7, ...over })

function labError(fn: () => unknown): LabError {
  try {
    fn()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a LabError')
}

describe('bad input gets a clear LabError', () => {
  it('names the row with a probability outside [0, 1]', () => {
    const rows = [row({ item: 'a' }), row({ item: 'b', probability: 1.3 }), row({ item: 'c' })]
    const e = labError(() => analyzeCalibration(rows))
    expect(e.code).toBe('bad-probability')
    expect(e.message).toContain('prediction row 2')
    expect(e.message).toContain('item "b"')
    expect(e.message).toContain('1.3')
    expect(e.hint).toMatch(/normalised/)
    expect(labError(() => analyzeCalibration([row({ probability: -0.1 })])).code).toBe('bad-probability')
    expect(labError(() => analyzeCalibration([row({ probability: Number.NaN })])).code).toBe('bad-probability')
    expect(labError(() => analyzeCalibration([row({ confidence: 1.5, correct: 1 })])).code).toBe('bad-probability')
  })

  it('names a model without a size', () => {
    const e = labError(() => analyzeCalibration([row({}), row({ model: 'mystery', params: 0 })]))
    expect(e.code).toBe('missing-size')
    expect(e.message).toContain('"mystery"')
    const ev = labError(() => classifyTrend([{ model: 'x', params: Number.NaN, task: 't', metric: 'acc', value: 0.5 }]))
    expect(ev.code).toBe('missing-size')
  })

  it('refuses one size only', () => {
    const one = [1, 2].map((seed) => ({ model: `run${seed}`, params: 1e9, task: 't', metric: 'acc', value: 0.4 + seed / 100 }))
    const e = labError(() => analyzeEmergence(one))
    expect(e.code).toBe('too-few-sizes')
    expect(e.message).toMatch(/only one model size/)
    // the trend classifier refuses one size too (two or three sizes get "insufficient" with the reason)
    expect(labError(() => classifyTrend(one)).code).toBe('too-few-sizes')
  })

  it('checks options', () => {
    expect(labError(() => analyzeCalibration([row({})], { bins: 0 })).code).toBe('invalid-option')
    expect(labError(() => analyzeCalibration([row({})], { binning: 'quantile' as 'mass' })).code).toBe('invalid-option')
    expect(labError(() => analyzeCalibration([row({})], { task: 'other' })).code).toBe('no-predictions')
  })
})
