// How many navigation entries fit beside the More button.
import { describe, expect, it } from 'vitest'
import { navEntriesThatFit } from '../../../src/renderer/router/nav-fit'

describe('navEntriesThatFit', () => {
  const widths = [60, 70, 80, 90]
  it('shows every entry when the row is wide enough (no More button)', () => {
    // 60 + 70 + 80 + 90 + 3 gaps of 2 = 306
    expect(navEntriesThatFit({ widths, gap: 2, moreWidth: 50, available: 306 })).toBe(4)
  })
  it('keeps room for the More button once one entry does not fit', () => {
    // 305 px: not all; More (50) + 60 + 2 + 70 + 2 + 80 + 2 = 266 fits, + 90 + 2 does not
    expect(navEntriesThatFit({ widths, gap: 2, moreWidth: 50, available: 305 })).toBe(3)
    expect(navEntriesThatFit({ widths, gap: 2, moreWidth: 50, available: 200 })).toBe(2)
  })
  it('shows none but More when even the first entry does not fit beside it', () => {
    expect(navEntriesThatFit({ widths, gap: 2, moreWidth: 50, available: 100 })).toBe(0)
  })
})
