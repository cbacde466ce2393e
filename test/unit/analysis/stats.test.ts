import { describe, expect, it } from 'vitest'
import { nelderMead } from '../../../src/core/analysis/nelder-mead'
import { boundedLeastSquares, weightedLeastSquares } from '../../../src/core/analysis/linear-least-squares'

describe('statistics helpers', () => {
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
