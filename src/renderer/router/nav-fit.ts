/**
 * How many navigation entries fit in a row, from the measured widths of the entries, the gap between them, the
 * width of the "More" button and the width the row has. Every entry shows when all fit; otherwise the first ones
 * that fit beside the More button show and the rest go into its menu. Pure, so it is unit-tested.
 */
export interface NavFitInput {
  /** each entry's measured width in px, in nav order */
  widths: readonly number[]
  gap: number
  moreWidth: number
  available: number
}

function rowWidth(widths: readonly number[], gap: number): number {
  return widths.length ? widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1) : 0
}

/** The number of entries shown in the row (the rest are in the More menu). */
export function navEntriesThatFit(f: NavFitInput): number {
  if (rowWidth(f.widths, f.gap) <= f.available) return f.widths.length
  let used = f.moreWidth
  let n = 0
  for (const w of f.widths) {
    if (used + w + f.gap > f.available) break
    used += w + f.gap
    n++
  }
  return n
}
