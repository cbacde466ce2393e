import { describe, expect, it } from 'vitest'
import { erf, huber, huberDerivative, huberLogNormalizer, huberSum } from '../../../src/core/fit/huber'

describe('Huber loss', () => {
  it('is quadratic inside delta and linear outside, continuous at the joint', () => {
    expect(huber(5e-4, 1e-3)).toBeCloseTo(0.5 * 25e-8, 20)
    expect(huber(-0.01, 1e-3)).toBeCloseTo(1e-3 * (0.01 - 5e-4), 15)
    expect(huber(1e-3 + 1e-15, 1e-3)).toBeCloseTo(huber(1e-3, 1e-3), 15)
    expect(huberSum([0.01, -0.01, 0], 1e-3)).toBeCloseTo(2 * 1e-3 * (0.01 - 5e-4), 15)
  })

  it('has derivative clamp(r, -delta, delta), matching finite differences', () => {
    for (const r of [-0.3, -2e-3, -5e-4, 0, 7e-4, 0.2]) {
      const h = 1e-7
      const fd = (huber(r + h, 1e-3) - huber(r - h, 1e-3)) / (2 * h)
      expect(huberDerivative(r, 1e-3)).toBeCloseTo(fd, 6)
    }
  })

  it('normalises the Huber density: integral of exp(-rho(z)) dz = Z(delta)', () => {
    // independent check by the trapezoid rule on a wide grid (delta = 1 keeps the tails short)
    for (const delta of [1, 0.5]) {
      let integral = 0
      const h = 1e-3
      for (let z = -200; z < 200; z += h) integral += h * 0.5 * (Math.exp(-huber(z, delta)) + Math.exp(-huber(z + h, delta)))
      expect(huberLogNormalizer(delta)).toBeCloseTo(Math.log(integral), 5)
    }
  })

  it('computes erf to double precision (values from Abramowitz & Stegun Table 7.1)', () => {
    expect(erf(0.5)).toBeCloseTo(0.520499877813047, 14)
    expect(erf(1)).toBeCloseTo(0.842700792949715, 14)
    expect(erf(2)).toBeCloseTo(0.995322265018953, 14)
    expect(erf(-1)).toBeCloseTo(-0.842700792949715, 14)
    // small x: erf(x) = 2/sqrt(pi) (x - x^3/3 + ...)
    expect(erf(1e-4)).toBeCloseTo((2 / Math.sqrt(Math.PI)) * (1e-4 - 1e-12 / 3), 18)
  })
})
