/**
 * A group's line: the mean of its runs on a common x grid, with a band (min-max, or mean +- one sample standard
 * deviation, s = sqrt(sum (y - mean)^2 / (n - 1))). Each run is interpolated linearly at the grid, and the grid
 * lies inside the runs' overlap [max of first x, min of last x], so no run is extrapolated.
 * Reference: scripts/reference/curves-band.py (numpy.interp, mean, std with ddof=1).
 */
import type { BandKind } from '../../shared/api/curves'

export interface Curve {
  /** ascending */
  x: readonly number[]
  y: readonly number[]
}

/** The x range every curve covers, or null when they do not all overlap (or one is empty). */
export function overlapOf(curves: readonly Curve[]): [number, number] | null {
  let lo = -Infinity
  let hi = Infinity
  for (const c of curves) {
    if (c.x.length === 0) return null
    lo = Math.max(lo, c.x[0])
    hi = Math.min(hi, c.x[c.x.length - 1])
  }
  return curves.length && lo <= hi ? [lo, hi] : null
}

/** The sorted distinct x of every list that lie in [lo, hi]. */
export function unionGrid(xs: readonly (readonly number[])[], lo: number, hi: number): number[] {
  const all: number[] = []
  for (const x of xs) for (const v of x) if (v >= lo && v <= hi) all.push(v)
  all.sort((a, b) => a - b)
  return all.filter((v, i) => i === 0 || v !== all[i - 1])
}

/** The curve's y linearly interpolated at each grid x (grid ascending, inside the curve's range). */
export function interpolateAt(c: Curve, grid: readonly number[]): number[] {
  const out = new Array<number>(grid.length)
  let j = 0
  const last = c.x.length - 1
  for (let g = 0; g < grid.length; g++) {
    const v = grid[g]
    while (j < last && c.x[j + 1] <= v) j++
    if (j === last || c.x[j] === v) out[g] = c.y[j]
    else {
      const t = (v - c.x[j]) / (c.x[j + 1] - c.x[j])
      out[g] = c.y[j] + t * (c.y[j + 1] - c.y[j])
    }
  }
  return out
}

export interface Band {
  y: number[]
  lo: number[]
  hi: number[]
}

/** Mean and band of the curves at each grid x. Needs at least two curves for a standard deviation. */
export function bandAt(curves: readonly Curve[], grid: readonly number[], kind: BandKind): Band {
  const at = curves.map((c) => interpolateAt(c, grid))
  const n = curves.length
  const y: number[] = []
  const lo: number[] = []
  const hi: number[] = []
  for (let g = 0; g < grid.length; g++) {
    let sum = 0
    let min = Infinity
    let max = -Infinity
    for (const a of at) {
      sum += a[g]
      if (a[g] < min) min = a[g]
      if (a[g] > max) max = a[g]
    }
    const mean = sum / n
    y.push(mean)
    if (kind === 'minmax') {
      lo.push(min)
      hi.push(max)
    } else {
      let ss = 0
      for (const a of at) ss += (a[g] - mean) ** 2
      const s = n > 1 ? Math.sqrt(ss / (n - 1)) : 0
      lo.push(mean - s)
      hi.push(mean + s)
    }
  }
  return { y, lo, hi }
}
