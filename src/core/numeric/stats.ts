/**
 * Descriptive statistics: the mean, the sample standard deviation
 *   s = sqrt(sum_i (x_i - mean)^2 / (n - 1))   (Bessel's correction; numpy.std(ddof=1)),
 * and quantiles by linear interpolation between order statistics,
 *   Q(q) = x_(lo) + (h - lo) (x_(lo+1) - x_(lo)),  h = (n - 1) q,  lo = floor(h)
 * (Hyndman & Fan 1996, type 7; numpy.percentile's default). The median is Q(0.5).
 */

export function mean(xs: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < xs.length; i++) s += xs[i]
  return s / xs.length
}

/** Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values. */
export function sampleSd(xs: ArrayLike<number>): number {
  const n = xs.length
  if (n < 2) return 0
  const m = mean(xs)
  let s = 0
  for (let i = 0; i < n; i++) s += (xs[i] - m) ** 2
  return Math.sqrt(s / (n - 1))
}

/** Median (the mean of the two middle values for an even count); the values need not be sorted. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/** q-th quantile (q in [0, 1]) of unsorted values (copied and sorted). */
export function quantile(values: readonly number[], q: number): number {
  return quantileSorted([...values].sort((a, b) => a - b), q)
}

/** q-th quantile (q in [0, 1]) of values already sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length
  if (n === 0) throw new Error('quantile of an empty sample')
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(n - 1, lo + 1)
  const diff = sorted[hi] - sorted[lo]
  if (h === lo || diff === 0) return sorted[lo]
  // an infinite end (e.g. "no crossing" counted as +infinity) is not interpolated
  if (!Number.isFinite(diff)) return sorted[hi]
  return sorted[lo] + (h - lo) * diff
}

/** Percentile interval [q, 1 - q], q = (1 - level) / 2, of values already sorted ascending. */
export function percentileIntervalSorted(sorted: ArrayLike<number>, level = 0.95): [number, number] {
  const q = (1 - level) / 2
  return [quantileSorted(sorted, q), quantileSorted(sorted, 1 - q)]
}

/** Percentile interval [q, 1 - q] at `level` of a sample (copied and sorted). */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): [number, number] {
  return percentileIntervalSorted(Float64Array.from(values).sort(), level)
}
