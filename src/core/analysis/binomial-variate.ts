/**
 * Binomial random variates from a seeded uniform source, exact: k Bernoulli trials for k < 32, else
 * inversion searching outward from the mode (Kemp 1986, "A modal method for generating binomial
 * variables"), with P(x + 1) / P(x) = (k - x) p / ((x + 1) q); expected cost O(sqrt(k p q)).
 */
import type { Random } from '../random'
import { logGamma } from '../numeric/distributions'

export function binomialVariate(k: number, p: number, rng: Random): number {
  if (k <= 0 || p <= 0) return 0
  if (p >= 1) return k
  if (k < 32) {
    let c = 0
    for (let i = 0; i < k; i++) if (rng.next() < p) c++
    return c
  }
  const q = 1 - p
  const mode = Math.min(k, Math.floor((k + 1) * p))
  const pMode = Math.exp(logGamma(k + 1) - logGamma(mode + 1) - logGamma(k - mode + 1) + mode * Math.log(p) + (k - mode) * Math.log(q))
  let u = rng.next() - pMode
  if (u <= 0) return mode
  const ratio = p / q
  let lo = mode
  let hi = mode
  let pLo = pMode
  let pHi = pMode
  while (lo > 0 || hi < k) {
    if (lo > 0) {
      pLo *= lo / (ratio * (k - lo + 1))
      lo--
      u -= pLo
      if (u <= 0) return lo
    }
    if (hi < k) {
      pHi *= (ratio * (k - hi)) / (hi + 1)
      hi++
      u -= pHi
      if (u <= 0) return hi
    }
  }
  return mode
}
