import { describe, expect, it } from 'vitest'
import { analyzeEmergence } from '../../../src/core/analysis/emergence'
import { classifyTrend } from '../../../src/core/analysis/trend-shape'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { trainingDynamics } from '../../../src/core/analysis/training-dynamics'
import { boolqPredictions, pythiaArithmetic, pythiaLambadaPiqa } from './load-fixtures'

/** Paths of every number in a result that JSON cannot carry (NaN, Infinity). */
function nonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path]
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`))
  return []
}

describe('results are plain JSON', () => {
  it('has no NaN or Infinity anywhere, also for degenerate inputs', () => {
    const constant = [1e8, 1e9, 1e10, 1e11].map((params, i) => ({ model: `m${i}`, params, task: 'c', metric: 'acc', value: 0.5 }))
    const results: unknown[] = [
      analyzeEmergence(pythiaArithmetic(), { bootstrap: 50, seed: 1 }),
      analyzeEmergence(pythiaArithmetic(), { shots: 0, bootstrap: 50 }),
      analyzeEmergence(constant, { bootstrap: 20 }),
      classifyTrend(constant),
      classifyTrend(pythiaLambadaPiqa()),
      analyzeCalibration(boolqPredictions(), { bins: 15, binning: 'mass', bootstrap: 20 }),
      analyzeCalibration([{ model: 'one', params: 1, task: 't', item: 'a', probability: 1 }], { bootstrap: 10 }),
      trainingDynamics(pythiaLambadaPiqa(), { task: 'piqa' }),
    ]
    for (const r of results) {
      expect(nonFinite(r)).toEqual([])
      expect(JSON.parse(JSON.stringify(r))).toEqual(r)
    }
    expect(analyzeEmergence(constant, { bootstrap: 0 })[0].kind).toBe('flat')
    // no stderr and no scatter (the quadratic fits exactly): the noise is unknown, so no shape is claimed
    expect(classifyTrend(constant)[0].shape).toBe('insufficient')
    expect(classifyTrend(constant)[0].evidence.reason).toMatch(/Every size scores exactly 0\.5\. .*noise is unknown/)
  })
})
