import { describe, expect, it } from 'vitest'
import { incompleteBeta, normalQuantile, studentTQuantile } from '../../../src/core/numeric/distributions'

describe('distribution functions', () => {
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
})
