// Debiased EMA as TensorBoard smooths scalars. Values for [1, 2, 3] with w = 0.5 are worked by hand:
// s1 = 0.5, /(1-0.5) = 1; s2 = 0.25 + 1 = 1.25, /(1-0.25) = 5/3; s3 = 0.625 + 1.5 = 2.125, /(1-0.125) = 17/7.
import { describe, expect, it } from 'vitest'
import { emaSmooth } from '../../../src/shared/smoothing'

describe('emaSmooth', () => {
  it('matches the hand-worked values', () => {
    const s = emaSmooth([1, 2, 3], 0.5)
    expect(s[0]).toBeCloseTo(1, 12)
    expect(s[1]).toBeCloseTo(5 / 3, 12)
    expect(s[2]).toBeCloseTo(17 / 7, 12)
  })
  it('leaves a constant series constant (the debiasing removes the start-up bias)', () => {
    for (const v of emaSmooth([3, 3, 3, 3, 3], 0.9)) expect(v).toBeCloseTo(3, 12)
  })
  it('is the identity at weight 0', () => {
    expect(emaSmooth([1, 4, 2], 0)).toEqual([1, 4, 2])
  })
  it('passes non-finite values through without updating the average', () => {
    const s = emaSmooth([1, Number.NaN, 2], 0.5)
    expect(Number.isNaN(s[1])).toBe(true)
    expect(s[2]).toBeCloseTo(5 / 3, 12)
  })
  it('refuses weights outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow()
    expect(() => emaSmooth([1], -0.1)).toThrow()
  })
})
