import { describe, expect, it } from 'vitest'
import { median, percentileInterval, quantile, quantileSorted, sampleSd } from '../../../src/core/numeric/stats'

describe('descriptive statistics', () => {
  it('computes type-7 quantiles and leaves an infinite end uninterpolated', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileSorted([1, 2, Infinity, Infinity], 0.9)).toBe(Infinity)
    expect(percentileInterval([5, 1, 4, 2, 3], 0.5)).toEqual([2, 4])
  })

  it('takes the sample standard deviation with n - 1 and 0 below two values', () => {
    // sum of squared deviations of 1..5 is 10; 10 / 4 = 2.5
    expect(sampleSd([1, 2, 3, 4, 5])).toBeCloseTo(Math.sqrt(2.5), 14)
    expect(sampleSd([7])).toBe(0)
  })

  it('takes the median as the type-7 quantile at one half', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5)
    expect(() => quantile([], 0.5)).toThrow(/empty/)
  })
})
