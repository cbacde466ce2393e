/** Binary search in ascending numbers: the engine's sampling by pixel column and the read-out's nearest point. */

/** First index with x[i] >= v (x.length when none). */
export function lowerBound(x: ArrayLike<number>, v: number): number {
  let lo = 0
  let hi = x.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (x[mid] < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** First index with x[i] > v (x.length when none). */
export function upperBound(x: ArrayLike<number>, v: number): number {
  let lo = 0
  let hi = x.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (x[mid] <= v) lo = mid + 1
    else hi = mid
  }
  return lo
}
