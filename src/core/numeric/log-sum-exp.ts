/**
 * Log-sum-exp, the stable form of log(sum_i exp(u_i)) = m + log(sum_i exp(u_i - m)), m = max_i u_i.
 * Hoffmann et al. 2022 (arXiv 2203.15556, Approach 3) write log L^ = LSE(a - alpha log N, b - beta log D, e)
 * so that E + A/N^alpha + B/D^beta is fitted on log loss without overflow. The softmax weights
 * w_i = exp(u_i - LSE) are the gradient of LSE with respect to u_i. The kNN-LM interpolation
 * (Khandelwal et al. 2020, arXiv 1911.00172) is log p = LSE(log lambda + log p_kNN, log(1 - lambda) + log p_LM).
 */

export function logSumExp(values: ArrayLike<number>): number {
  let m = -Infinity
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i]
  if (m === -Infinity) return -Infinity
  if (!Number.isFinite(m)) return m
  let s = 0
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i] - m)
  return m + Math.log(s)
}

export function logSumExp2(u: number, v: number): number {
  const m = u > v ? u : v
  if (!Number.isFinite(m)) return m
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m))
}

export function logSumExp3(u: number, v: number, w: number): number {
  const m = u > v ? (u > w ? u : w) : v > w ? v : w
  if (!Number.isFinite(m)) return m
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m) + Math.exp(w - m))
}

/** Softmax weights of three terms into out[0..2]; returns their LSE. */
export function softmax3(u: number, v: number, w: number, out: Float64Array): number {
  const m = u > v ? (u > w ? u : w) : v > w ? v : w
  const a = Math.exp(u - m)
  const b = Math.exp(v - m)
  const c = Math.exp(w - m)
  const s = a + b + c
  out[0] = a / s
  out[1] = b / s
  out[2] = c / s
  return m + Math.log(s)
}
