/**
 * Poisson random variates from a seeded uniform source: inversion by sequential search for small means
 * (lambda < 10), and Hoermann's transformed rejection with squeeze, PTRS (W. Hoermann 1993, "The
 * transformed rejection method for generating Poisson random variables", Insurance: Mathematics and
 * Economics 12:39-45), for lambda >= 10. Both are exact.
 */
import type { Random } from '../random'
import { logGamma } from '../numeric/distributions'

export function poissonVariate(lambda: number, rng: Random): number {
  if (lambda <= 0) return 0
  if (lambda < 10) {
    let p = Math.exp(-lambda)
    let f = p
    const u = rng.next()
    let k = 0
    while (u > f && k < 1000) {
      k++
      p *= lambda / k
      f += p
    }
    return k
  }
  const slam = Math.sqrt(lambda)
  const loglam = Math.log(lambda)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = rng.next() - 0.5
    const v = rng.next()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logGamma(k + 1)) return k
  }
}
