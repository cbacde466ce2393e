import { describe, expect, it } from 'vitest'
import { incompleteBeta, normalQuantile, percentileInterval, quantileSorted, studentTQuantile } from '../../../src/core/analysis/stats'
import { nelderMead } from '../../../src/core/analysis/nelder-mead'
import { boundedLeastSquares, weightedLeastSquares } from '../../../src/core/analysis/linear-least-squares'

describe('statistics helpers', () => {
  it('matches printed tables of the normal and t quantiles', () => {
    // standard tables (e.g. Abramowitz & Stegun 26.2, 26.7)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6)
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6)
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4)
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3027, 4)
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 4)
    expect(studentTQuantile(0.95, 30)).toBeCloseTo(1.6973, 4)
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12)
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12)
  })

  it('computes type-7 quantiles and leaves an infinite end uninterpolated', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileSorted([1, 2, Infinity, Infinity], 0.9)).toBe(Infinity)
    expect(percentileInterval([5, 1, 4, 2, 3], 0.5)).toEqual([2, 4])
  })

  it('fits least squares and bounded least squares', () => {
    const fit = weightedLeastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 3, 5],
    )!
    expect(fit.beta[0]).toBeCloseTo(1, 12)
    expect(fit.beta[1]).toBeCloseTo(2, 12)
    // y = 2 - x: the non-negative slope is clamped to 0 and the intercept becomes the mean
    const bounded = boundedLeastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [2, 1, 0],
      [1],
    )!
    expect(bounded.beta[1]).toBe(0)
    expect(bounded.beta[0]).toBeCloseTo(1, 12)
    expect(bounded.rss).toBeCloseTo(2, 12)
  })

  it('minimises the Rosenbrock function with Nelder-Mead', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], { step: [0.5, 0.5], maxIterations: 5000, tolerance: 1e-16 })
    expect(r.x[0]).toBeCloseTo(1, 4)
    expect(r.x[1]).toBeCloseTo(1, 4)
  })
})
