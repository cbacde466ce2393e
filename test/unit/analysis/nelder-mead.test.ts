import { describe, expect, it } from 'vitest'
import { nelderMead } from '../../../src/core/analysis/nelder-mead'

describe('Nelder-Mead', () => {
  it('minimises the Rosenbrock function with Nelder-Mead', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], { step: [0.5, 0.5], maxIterations: 5000, tolerance: 1e-16 })
    expect(r.x[0]).toBeCloseTo(1, 4)
    expect(r.x[1]).toBeCloseTo(1, 4)
  })
})
