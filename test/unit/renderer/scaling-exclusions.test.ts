// Excluded points of a Scaling fit with undo (src/renderer/components/scaling/exclusions.ts).
import { describe, expect, it } from 'vitest'
import { EMPTY_EXCLUSIONS, clearExclusions, highestLoss, sameSet, setExclusions, toggleExclusion, undoExclusion } from '../../../src/renderer/components/scaling/exclusions'

describe('exclusions with undo', () => {
  it('toggles a run out and back in, each click undoable', () => {
    let s = toggleExclusion(EMPTY_EXCLUSIONS, 7)
    s = toggleExclusion(s, 3)
    expect(s.excluded).toEqual([3, 7])
    s = toggleExclusion(s, 7)
    expect(s.excluded).toEqual([3])
    expect(s.history).toHaveLength(3)
    s = undoExclusion(s)
    expect(s.excluded).toEqual([3, 7])
    s = undoExclusion(undoExclusion(s))
    expect(s).toEqual(EMPTY_EXCLUSIONS)
    // nothing left to undo: unchanged
    expect(undoExclusion(s)).toBe(s)
  })

  it('clears and sets in one undoable step, and skips no-op changes', () => {
    const s = setExclusions(EMPTY_EXCLUSIONS, [5, 2, 5])
    expect(s.excluded).toEqual([2, 5])
    expect(setExclusions(s, [5, 2])).toBe(s)
    const cleared = clearExclusions(s)
    expect(cleared.excluded).toEqual([])
    expect(undoExclusion(cleared).excluded).toEqual([2, 5])
    expect(clearExclusions(EMPTY_EXCLUSIONS)).toBe(EMPTY_EXCLUSIONS)
  })

  it('compares sets regardless of order', () => {
    expect(sameSet([1, 2, 3], [3, 1, 2])).toBe(true)
    expect(sameSet([1, 2], [1, 2, 3])).toBe(false)
    expect(sameSet([1, 2], [1, 3])).toBe(false)
  })

  it('finds the k highest-loss runs', () => {
    const pts = [1.9, 5.0, 2.1, 4.6, 3.8, 2.0, 3.7].map((loss, i) => ({ runId: i + 1, loss }))
    expect(highestLoss(pts, 3).sort()).toEqual([2, 4, 5])
    expect(highestLoss(pts, 0)).toEqual([])
  })
})
