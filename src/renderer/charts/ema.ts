/**
 * Exponential moving average for step curves, debiased as in TensorBoard's scalar dashboard and in Adam
 * (Kingma & Ba 2015, sec. 3): s_t = w s_{t-1} + (1 - w) y_t with s_0 = 0, shown as s_t / (1 - w^t),
 * where t counts the finite values seen so far. Non-finite values are passed through and do not update s.
 * w = 0 returns the series unchanged; w must be in [0, 1).
 */
export function emaSmooth(y: ArrayLike<number>, weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new Error(`smoothing weight must be in [0, 1), got ${weight}`)
  const out = new Array<number>(y.length)
  let last = 0
  let count = 0
  for (let i = 0; i < y.length; i++) {
    const v = y[i]
    if (!Number.isFinite(v)) {
      out[i] = v
      continue
    }
    last = last * weight + (1 - weight) * v
    count++
    const debias = weight === 0 ? 1 : 1 - weight ** count
    out[i] = last / debias
  }
  return out
}
