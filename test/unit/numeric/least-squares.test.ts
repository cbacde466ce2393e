import { describe, expect, it } from 'vitest'
import { boundedLeastSquares, fitLogLinear, solveLeastSquares, weightedLeastSquares } from '../../../src/core/numeric/least-squares'

/** design [1, x] at x = 0, 1, 2 */
const line = (): number[][] => [
  [1, 0],
  [1, 1],
  [1, 2],
]

describe('least squares (Householder QR)', () => {
  it('fits least squares and bounded least squares', () => {
    const fit = weightedLeastSquares(
      line(),
      [1, 3, 5],
    )!
    expect(fit.beta[0]).toBeCloseTo(1, 12)
    expect(fit.beta[1]).toBeCloseTo(2, 12)
    // y = 2 - x: the non-negative slope is clamped to 0 and the intercept becomes the mean
    const bounded = boundedLeastSquares(
      line(),
      [2, 1, 0],
      [1],
    )!
    expect(bounded.beta[1]).toBe(0)
    expect(bounded.beta[0]).toBeCloseTo(1, 12)
    expect(bounded.rss).toBeCloseTo(2, 12)
  })

  it('gives (X^T W X)^-1 as the weighted covariance', () => {
    // design [1, x] at x = 0, 1, 2 with weights 1, 2, 1: X^T W X = [[4, 4], [4, 6]], inverse [[6, -4], [-4, 4]] / 8
    const fit = weightedLeastSquares(
      line(),
      [1, 2, 4],
      [1, 2, 1],
    )!
    expect(fit.xtwxInverse[0][0]).toBeCloseTo(0.75, 12)
    expect(fit.xtwxInverse[0][1]).toBeCloseTo(-0.5, 12)
    expect(fit.xtwxInverse[1][0]).toBeCloseTo(-0.5, 12)
    expect(fit.xtwxInverse[1][1]).toBeCloseTo(0.5, 12)
    // beta = inverse . X^T W y = inverse . [9, 12] = [(54 - 48) / 8, (-36 + 48) / 8]
    expect(fit.beta[0]).toBeCloseTo(0.75, 12)
    expect(fit.beta[1]).toBeCloseTo(1.5, 12)
    expect(fit.weightedRss).toBeCloseTo(0.25 ** 2 + 2 * 0.25 ** 2 + 0.25 ** 2, 12)
  })

  it('refuses dependent columns', () => {
    const rows = [
      [1, 2],
      [2, 4],
      [3, 6],
    ]
    expect(weightedLeastSquares(rows, [1, 2, 3])).toBeNull()
    expect(() => solveLeastSquares(rows, [1, 2, 3])).toThrow(/degenerate/)
  })

  it('fits a power law on logs exactly when the data follow one', () => {
    const x = [1e6, 1e7, 1e8, 1e9]
    const fit = fitLogLinear(
      x,
      x.map((v) => 3 * v ** -0.076),
    )
    expect(fit.slope).toBeCloseTo(-0.076, 12)
    expect(fit.k).toBeCloseTo(3, 10)
    expect(fit.r2).toBeCloseTo(1, 12)
  })
})
