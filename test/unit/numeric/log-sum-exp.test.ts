import { describe, expect, it } from 'vitest'
import { logSumExp, logSumExp2, logSumExp3, softmax3 } from '../../../src/core/numeric/log-sum-exp'

describe('log-sum-exp', () => {
  it('agrees with the naive formula where that is safe', () => {
    expect(logSumExp([1, 2, 3])).toBeCloseTo(Math.log(Math.E + Math.E ** 2 + Math.E ** 3), 14)
    expect(logSumExp3(0.5, -1, 2)).toBeCloseTo(Math.log(Math.exp(0.5) + Math.exp(-1) + Math.exp(2)), 14)
    expect(logSumExp2(3, 3)).toBeCloseTo(3 + Math.log(2), 14)
  })

  it('does not overflow or underflow', () => {
    expect(logSumExp3(1000, 999, -1e6)).toBeCloseTo(1000 + Math.log(1 + Math.exp(-1)), 10)
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2), 10)
    expect(logSumExp([])).toBe(-Infinity)
  })

  it('returns softmax weights that sum to one', () => {
    const w = new Float64Array(3)
    const lse = softmax3(800, 799, 0, w)
    expect(w[0] + w[1] + w[2]).toBeCloseTo(1, 15)
    expect(w[0] / w[1]).toBeCloseTo(Math.E, 12)
    expect(lse).toBeCloseTo(800 + Math.log(1 + Math.exp(-1)), 10)
  })
})
