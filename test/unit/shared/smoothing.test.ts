/** TensorBoard's debiased EMA against the reference (scripts/reference/curves-band.py). */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { emaSmooth } from '../../../src/shared/smoothing'

const ref = JSON.parse(readFileSync(new URL('../../fixtures/curves/curves-reference.json', import.meta.url), 'utf8')) as { ema: { weight: number; y: number[]; smoothed: number[] }[] }

describe('debiased EMA smoothing', () => {
  for (const c of ref.ema) {
    it(`matches the reference at weight ${c.weight}`, () => {
      emaSmooth(c.y, c.weight).forEach((v, i) => expect(v).toBeCloseTo(c.smoothed[i], 12))
    })
  }

  it('draws the first point as it is, leaves weight 0 unsmoothed, passes non-finite values through', () => {
    expect(emaSmooth([3, 1], 0.9)[0]).toBeCloseTo(3, 12)
    expect(emaSmooth([3, 1, 2], 0)).toEqual([3, 1, 2])
    const s = emaSmooth([2, NaN, 4], 0.5)
    expect(s[1]).toBeNaN()
    expect(s[2]).toBeCloseTo((0.25 * 2 + 0.5 * 4) / 0.75, 12)
  })

  it('refuses a weight outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow(RangeError)
  })
})
