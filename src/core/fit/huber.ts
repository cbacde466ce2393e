/**
 * Huber loss (Huber 1964, "Robust Estimation of a Location Parameter", Ann. Math. Statist. 35), as used on log
 * loss by Hoffmann et al. 2022 (arXiv 2203.15556, delta = 1e-3), and the Huber density with a free scale that
 * Besiroglu et al. 2024 (arXiv 2404.10102) maximise:
 *
 *   rho_delta(r) = r^2 / 2                     if |r| <= delta
 *                = delta (|r| - delta / 2)     otherwise
 *   psi_delta(r) = d rho / d r = clamp(r, -delta, delta)
 *   p(r | sigma) = exp(-rho_delta(r / sigma)) / (sigma Z(delta)),
 *   Z(delta)     = sqrt(2 pi) (2 Phi(delta) - 1) + 2 exp(-delta^2 / 2) / delta
 */

export const HOFFMANN_HUBER_DELTA = 1e-3

export function huber(r: number, delta: number): number {
  const a = Math.abs(r)
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta)
}

export function huberDerivative(r: number, delta: number): number {
  return r > delta ? delta : r < -delta ? -delta : r
}

/** Sum of Huber losses of the residuals. */
export function huberSum(residuals: ArrayLike<number>, delta: number): number {
  let s = 0
  for (let i = 0; i < residuals.length; i++) s += huber(residuals[i], delta)
  return s
}

/** erf: Maclaurin series for |x| < 1.5, Lentz's continued fraction for erfc beyond (both to ~1e-15; A&S 7.1.5, 7.1.14). */
export function erf(x: number): number {
  const ax = Math.abs(x)
  if (ax < 1.5) {
    // Maclaurin series: 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x
    let sum = x
    const x2 = x * x
    for (let n = 1; n < 30; n++) {
      term *= -x2 / n
      const add = term / (2 * n + 1)
      sum += add
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break
    }
    return (2 / Math.sqrt(Math.PI)) * sum
  }
  // continued fraction for erfc (Lentz), accurate for |x| >= 1.5
  const z = ax
  let f = z
  let c = z
  let dd = 0
  const tiny = 1e-300
  for (let k = 1; k < 200; k++) {
    const ak = k / 2
    dd = z + ak * dd
    dd = Math.abs(dd) < tiny ? tiny : dd
    c = z + ak / c
    c = Math.abs(c) < tiny ? tiny : c
    dd = 1 / dd
    const delta = c * dd
    f *= delta
    if (Math.abs(delta - 1) < 1e-16) break
  }
  const erfc = Math.exp(-z * z) / (f * Math.sqrt(Math.PI))
  return Math.sign(x) * (1 - erfc)
}

/** log Z(delta), the normaliser of the unit-scale Huber density. */
export function huberLogNormalizer(delta: number): number {
  const central = Math.sqrt(2 * Math.PI) * erf(delta / Math.SQRT2)
  const tails = (2 * Math.exp(-0.5 * delta * delta)) / delta
  return Math.log(central + tails)
}
