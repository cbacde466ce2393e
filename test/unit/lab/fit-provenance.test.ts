/** Fit provenance (src/core/lab/fit-provenance.ts, fit-compare.ts): the snapshot hash, the data diff, the number diff. */
import { describe, expect, it } from 'vitest'
import { dataHash, diffData, fitProvenance, snapshotRows } from '../../../src/core/lab/fit-provenance'
import { compareNumbers, relativeDifference } from '../../../src/core/lab/fit-compare'
import type { FitResultInfo, ScalingPointInfo } from '../../../src/shared/api/fit'

const pt = (runId: number, params: number, loss: number): ScalingPointInfo => ({ runId, run: `r${runId}`, family: null, params, tokens: 20 * params, flops: 120 * params * params, loss })
const pts = [pt(1, 1e8, 3.1), pt(2, 3e8, 2.9), pt(3, 1e9, 2.7)]

describe('the data snapshot', () => {
  it('is in run-id order, so its hash does not depend on the order the catalog returned', () => {
    expect(dataHash(snapshotRows([...pts].reverse()))).toBe(dataHash(snapshotRows(pts)))
    expect(fitProvenance(pts).data_hash).toMatch(/^[0-9a-f]{64}$/)
  })
  it('changes its hash when any number changes', () => {
    const moved = [pts[0], pts[1], { ...pts[2], loss: 2.7000000000000001 + 1e-12 }]
    expect(dataHash(snapshotRows(moved))).not.toBe(dataHash(snapshotRows(pts)))
  })
  it('diffs run by run: added, removed, changed fields with both values', () => {
    const a = snapshotRows(pts)
    const b = snapshotRows([pts[0], { ...pts[1], params: 3.3e8 }, pt(4, 3e9, 2.5)])
    const d = diffData(a, b)
    expect(d.same).toBe(false)
    expect(d.added).toEqual(['r4'])
    expect(d.removed).toEqual(['r3'])
    expect(d.changed).toEqual([{ run: 'r2', fields: { params: [3e8, 3.3e8] } }])
    expect(diffData(a, a).same).toBe(true)
  })
})

describe('comparing numbers', () => {
  const res = (alpha: number): FitResultInfo => ({ law: 'chinchilla', n_points: 3, params: { alpha }, objective: 1, derived: { a: 0.5, alpha }, converged: true, iterations: 1 })
  it('gives 0 only for bit-identical values, else |x - y| / max(|x|, |y|)', () => {
    expect(relativeDifference(0.1 + 0.2, 0.3)).toBeGreaterThan(0)
    expect(relativeDifference(2, 2)).toBe(0)
    expect(relativeDifference(2, 1)).toBe(0.5)
    const n = compareNumbers(res(0.34), res(0.35))
    expect(n.map((x) => x.name)).toEqual(['alpha', 'a', 'objective'])
    expect(n[0].relative_difference).toBeCloseTo(0.01 / 0.35, 15)
    expect(n[1].relative_difference).toBe(0)
  })
})
