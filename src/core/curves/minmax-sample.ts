/**
 * Min-max sampling per pixel column (the M4 idea, Jugel et al. 2014, "M4: A Visualization-Oriented Time Series Data
 * Aggregation", VLDB): the x range [lo, hi] is cut into `columns` equal bins (equal in log10 x on a log axis), and
 * each bin keeps the indices of its first, last, lowest and highest point, so a line drawn through the kept points
 * covers the same pixels as the full line: spikes survive, flat stretches shrink to four points a column.
 * The last point before the window and the first after it are kept too, so the line reaches the window's edges.
 * x must be sorted ascending (ties allowed); on a log axis x must be positive.
 */
import { lowerBound, upperBound } from '../../shared/sorted-search'

export interface SampleWindow {
  lo: number
  hi: number
  columns: number
  log: boolean
}

/** Indices of the kept points, ascending. */
export function minMaxSample(x: readonly number[], y: readonly number[], w: SampleWindow): number[] {
  const n = x.length
  const first = lowerBound(x, w.lo)
  const end = upperBound(x, w.hi)
  const keep: number[] = []
  if (first > 0) keep.push(first - 1)
  if (end - first <= 4 * w.columns) {
    for (let i = first; i < end; i++) keep.push(i)
  } else {
    binExtremes(x, y, first, end, w, keep)
  }
  if (end < n) keep.push(end)
  return keep
}

function binExtremes(x: readonly number[], y: readonly number[], first: number, end: number, w: SampleWindow, keep: number[]): void {
  const t = w.log ? Math.log10 : (v: number): number => v
  const a = t(w.lo)
  const span = t(w.hi) - a
  const scale = span > 0 ? w.columns / span : 0
  let bin = -1
  let iFirst = 0
  let iLast = 0
  let iMin = 0
  let iMax = 0
  const flush = (): void => {
    const picked = [iFirst, iMin, iMax, iLast].sort((p, q) => p - q)
    for (let k = 0; k < 4; k++) if (k === 0 || picked[k] !== picked[k - 1]) keep.push(picked[k])
  }
  for (let i = first; i < end; i++) {
    const b = Math.min(w.columns - 1, Math.floor((t(x[i]) - a) * scale))
    if (b !== bin) {
      if (bin >= 0) flush()
      bin = b
      iFirst = iLast = iMin = iMax = i
      continue
    }
    iLast = i
    if (y[i] < y[iMin]) iMin = i
    if (y[i] > y[iMax]) iMax = i
  }
  if (bin >= 0) flush()
}
