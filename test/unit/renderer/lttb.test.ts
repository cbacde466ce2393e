// LTTB (Steinarsson 2013). The small cases are worked by hand in the comments; the larger ones check the
// algorithm's defining properties (endpoints kept, one point per bucket, a spike survives).
import { describe, expect, it } from 'vitest'
import { lttb, lttbIndices } from '../../../src/renderer/charts/lttb'

describe('lttbIndices', () => {
  it('returns every drawable point when there are no more than the threshold', () => {
    expect(lttbIndices([1, 2, 3], [1, 2, 3], 3)).toEqual([0, 1, 2])
  })

  it('picks the point with the largest triangle in a hand-worked case', () => {
    // x = 0..4, y = [0, 5, 1, 1, 0], threshold 3: one bucket holding indices 1..3 (bucket size (5-2)/1 = 3),
    // previous kept point (0,0), next bucket is the last point (4,0).
    // areas: i=1: |(0-4)(5-0) - (0-1)(0-0)|/2 = 10; i=2: |(-4)(1)|/2 = 2; i=3: 2  -> index 1
    expect(lttbIndices([0, 1, 2, 3, 4], [0, 5, 1, 1, 0], 3)).toEqual([0, 1, 4])
  })

  it('keeps first and last, returns exactly threshold points in increasing order', () => {
    const n = 10_000
    const x = Array.from({ length: n }, (_, i) => i)
    const y = x.map((i) => Math.sin(i / 100) + 0.1 * Math.cos(i / 7))
    const idx = lttbIndices(x, y, 500)
    expect(idx).toHaveLength(500)
    expect(idx[0]).toBe(0)
    expect(idx[idx.length - 1]).toBe(n - 1)
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBeGreaterThan(idx[i - 1])
  })

  it('keeps a one-point spike that uniform decimation would miss', () => {
    const n = 100_000
    const x = Array.from({ length: n }, (_, i) => i)
    const y = x.map(() => 1)
    y[54_321] = 50
    const idx = lttbIndices(x, y, 200)
    expect(idx).toContain(54_321)
    // every 500th point (uniform decimation to 200) does not contain it
    expect(54_321 % 500).not.toBe(0)
  })

  it('skips non-finite points and, on log axes, non-positive ones', () => {
    const x = [0, 1, 2, 3, 4, 5]
    const y = [1, Number.NaN, 2, -1, 3, 4]
    expect(lttbIndices(x, y, 10)).toEqual([0, 2, 3, 4, 5])
    expect(lttbIndices(x, y, 10, { logX: true, logY: true })).toEqual([2, 4, 5])
  })

  it('computes areas in log space when asked', () => {
    // On a log x axis the points 1, 10, 100, 1000, 10000 are evenly spaced; a spike at x=10 is kept.
    const x = [1, 10, 100, 1000, 10000]
    const y = [0, 3, 0.5, 0.5, 0]
    expect(lttbIndices(x, y, 3, { logX: true })).toEqual([0, 1, 4])
  })

  it('refuses bad input', () => {
    expect(() => lttbIndices([1, 2], [1], 3)).toThrow(/x has 2/)
    expect(() => lttbIndices([1, 2], [1, 2], 2)).toThrow(/threshold/)
  })

  it('returns matching x and y arrays', () => {
    const r = lttb([0, 1, 2, 3, 4], [0, 5, 1, 1, 0], 3)
    expect(r).toEqual({ x: [0, 1, 4], y: [0, 5, 0] })
  })
})

describe('lttbIndices with buckets of equal x width', () => {
  // steps 1..100000, drawn on a log x axis: five decades
  const n = 100_000
  const x = Array.from({ length: n }, (_, i) => i + 1)
  const y = x.map((s) => 3 + 5 / Math.sqrt(1 + s / 500))
  it('gives every decade of a log axis a share of the points', () => {
    const byCount = lttbIndices(x, y, 500, { logX: true })
    const byWidth = lttbIndices(x, y, 500, { logX: true, bucketsByX: true })
    const below1000 = (idx: number[]): number => idx.filter((i) => x[i] < 1000).length
    // equal point counts put ~1% of the budget below step 1000 (1% of the points live there)
    expect(below1000(byCount)).toBeLessThan(10)
    // equal widths in log10(x): the first decades hold fewer points than buckets, so every point below
    // step 50 is kept, and the three decades below 1000 get a large share of the budget
    expect(x.slice(0, 49).every((_, i) => byWidth.includes(i))).toBe(true)
    expect(below1000(byWidth)).toBeGreaterThan(150)
    // the budget is still (almost) used: sparse decades pass their unused share on
    expect(byWidth.length).toBeGreaterThan(450)
    expect(byWidth[0]).toBe(0)
    expect(byWidth[byWidth.length - 1]).toBe(n - 1)
    expect(byWidth.length).toBeLessThanOrEqual(500)
    for (let i = 1; i < byWidth.length; i++) expect(byWidth[i]).toBeGreaterThan(byWidth[i - 1])
  })
  it('falls back to count buckets when x is not ascending', () => {
    const xs = [5, 1, 4, 2, 3, 6]
    const ys = [1, 2, 3, 4, 5, 6]
    expect(lttbIndices(xs, ys, 4, { bucketsByX: true })).toEqual(lttbIndices(xs, ys, 4))
  })
})
