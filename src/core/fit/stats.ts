/** Small descriptive statistics for bootstrap summaries: sample standard deviation and percentiles (linear interpolation, type 7 of Hyndman & Fan 1996). */

export function mean(values: readonly number[]): number {
  let s = 0
  for (const v of values) s += v
  return s / values.length
}

/** Sample standard deviation (n - 1 denominator). */
export function standardDeviation(values: readonly number[]): number {
  const n = values.length
  if (n < 2) return NaN
  const m = mean(values)
  let s = 0
  for (const v of values) s += (v - m) ** 2
  return Math.sqrt(s / (n - 1))
}

/** Percentile q in [0, 1] of unsorted values (type 7, as numpy.percentile's default). */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return percentileSorted(sorted, q)
}

export function percentileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  const hi = Math.min(n - 1, lo + 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** n points spaced evenly in log between lo and hi (inclusive). */
export function logSpace(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo)
  const b = Math.log(hi)
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(Math.exp(a + ((b - a) * i) / Math.max(1, n - 1)))
  return out
}
