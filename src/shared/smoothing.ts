/**
 * EMA smoothing of a curve as TensorBoard draws it (tensorboard/plugins/scalar/vz_line_chart2, "debiased" EMA):
 *   last_k = last_{k-1} * w + (1 - w) * y_k,   last_0 = 0
 *   smoothed_k = last_k / (1 - w^k)            (k counts the finite points so far)
 * The division removes the bias of starting at 0, so the first point is drawn as it is. Non-finite values are
 * passed through unsmoothed and do not enter the average. w = 0 returns the curve unchanged. The renderer and the
 * headless figure (`scaling-lab curves --smoothing`) both call this, so a curve smooths the same everywhere.
 */
export function emaSmooth(y: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`EMA weight ${weight} must be in [0, 1)`)
  if (weight === 0) return y.slice()
  let last = 0
  let k = 0
  return y.map((v) => {
    if (!Number.isFinite(v)) return v
    last = last * weight + (1 - weight) * v
    k += 1
    return last / (1 - Math.pow(weight, k))
  })
}
