/**
 * Largest-Triangle-Three-Buckets downsampling for display (Steinarsson 2013, "Downsampling Time Series for
 * Visual Representation", MSc thesis, University of Iceland, ch. 4). The first and last points are kept;
 * the rest is cut into threshold-2 buckets, and from each bucket the point that forms the largest triangle
 * with the point kept in the previous bucket and the average of the next bucket is kept:
 *   area = |(xa - xc)(yb - ya) - (xa - xb)(yc - ya)| / 2.
 * Used only to draw long curves; fits always see every point. Returns the indices kept, so bands (lo/hi)
 * can follow the same points. `logX` / `logY` compute areas in the space the axis draws.
 */

export interface LttbOptions {
  logX?: boolean
  logY?: boolean
  /**
   * Cut buckets of equal width in (drawn) x instead of equal point counts. On a log x axis a step log
   * holds most of its points in the last decade; equal-width buckets give every decade its share of the
   * budget. Needs x ascending (falls back to point-count buckets otherwise); empty buckets are skipped.
   */
  bucketsByX?: boolean
}

export function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number, opts: LttbOptions = {}): number[] {
  if (x.length !== y.length) throw new Error(`lttb: x has ${x.length} values but y has ${y.length}`)
  if (!Number.isInteger(threshold) || threshold < 3) throw new Error(`lttb: threshold must be an integer >= 3, got ${threshold}`)
  // keep only points that can be drawn (finite, and positive on a log axis)
  const valid: number[] = []
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]
    const yi = y[i]
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue
    if (opts.logX && xi <= 0) continue
    if (opts.logY && yi <= 0) continue
    valid.push(i)
  }
  const n = valid.length
  if (n <= threshold) return valid
  const tx = (i: number): number => (opts.logX ? Math.log10(x[i]) : x[i])
  const ty = (i: number): number => (opts.logY ? Math.log10(y[i]) : y[i])

  if (opts.bucketsByX) {
    const budget = threshold - 2
    let byX = bucketsByWidth(valid, tx, budget)
    if (byX) {
      // sparse stretches leave buckets empty: use finer widths while the non-empty ones still fit the budget
      let lo = budget + 1
      let hi = budget * 16
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        const finer = bucketsByWidth(valid, tx, mid) as [number, number][]
        if (finer.length <= budget) {
          byX = finer
          lo = mid + 1
        } else hi = mid
      }
      return largestTriangles(valid, byX, tx, ty)
    }
  }
  const bucketSize = (n - 2) / (threshold - 2)
  const buckets: [number, number][] = []
  for (let b = 0; b < threshold - 2; b++) buckets.push([Math.floor(b * bucketSize) + 1, Math.floor((b + 1) * bucketSize) + 1])
  return largestTriangles(valid, buckets, tx, ty)
}

/** Interior points (positions 1..n-2 of `valid`) cut into `count` equal x-width buckets; null if x is not ascending. */
function bucketsByWidth(valid: number[], tx: (i: number) => number, count: number): [number, number][] | null {
  const n = valid.length
  for (let j = 1; j < n; j++) if (tx(valid[j]) < tx(valid[j - 1])) return null
  const x0 = tx(valid[0])
  const width = (tx(valid[n - 1]) - x0) / count
  if (!(width > 0)) return null
  const buckets: [number, number][] = []
  let start = 1
  for (let b = 0; b < count && start < n - 1; b++) {
    const edge = b === count - 1 ? Number.POSITIVE_INFINITY : x0 + (b + 1) * width
    let end = start
    while (end < n - 1 && tx(valid[end]) < edge) end++
    if (end > start) buckets.push([start, end])
    start = end
  }
  return buckets
}

/** Keep the first point, the largest-triangle point of each bucket [start, end) of `valid`, and the last point. */
function largestTriangles(valid: number[], buckets: [number, number][], tx: (i: number) => number, ty: (i: number) => number): number[] {
  const n = valid.length
  const kept: number[] = [valid[0]]
  let a = 0 // position in `valid` of the last kept point
  for (let b = 0; b < buckets.length; b++) {
    const [start, end] = buckets[b] // end exclusive
    // average of the next bucket (the last point alone after the final bucket)
    const [nextStart, nextEnd] = b + 1 < buckets.length ? buckets[b + 1] : [n - 1, n]
    let avgX = 0
    let avgY = 0
    const count = Math.max(1, nextEnd - nextStart)
    if (nextEnd > nextStart) {
      for (let j = nextStart; j < nextEnd; j++) {
        avgX += tx(valid[j])
        avgY += ty(valid[j])
      }
      avgX /= count
      avgY /= count
    } else {
      avgX = tx(valid[n - 1])
      avgY = ty(valid[n - 1])
    }
    const ax = tx(valid[a])
    const ay = ty(valid[a])
    let best = -1
    let bestIdx = start
    for (let j = start; j < end; j++) {
      const bx = tx(valid[j])
      const by = ty(valid[j])
      const area = Math.abs((ax - avgX) * (by - ay) - (ax - bx) * (avgY - ay)) / 2
      if (area > best) {
        best = area
        bestIdx = j
      }
    }
    kept.push(valid[bestIdx])
    a = bestIdx
  }
  kept.push(valid[n - 1])
  return kept
}

/** Convenience: the downsampled x and y arrays. */
export function lttb(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number, opts: LttbOptions = {}): { x: number[]; y: number[] } {
  const idx = lttbIndices(x, y, threshold, opts)
  return { x: idx.map((i) => x[i]), y: idx.map((i) => y[i]) }
}
