/**
 * Grouping runs of nearly equal compute for IsoFLOP profiles (Hoffmann et al. 2022, arXiv 2203.15556, Approach 2):
 * real sweeps rarely land on exactly the same FLOPs (the reconstructed Chinchilla data do not at all), so runs are
 * grouped by mode seeking in log10 C: take the run with the most other runs within +-tolerance dex of it, make
 * those runs a group, remove them, repeat while a group would still have at least `minSize` runs.
 * Every member of a group lies within +-tolerance of the group's seed; default tolerance 0.05 dex (+-12 %).
 */

export const DEFAULT_ISOFLOP_TOLERANCE = 0.05

export interface ComputeGroup {
  /** geometric mean of the members' FLOPs */
  flops: number
  /** log10 C of the seed run the group was built around */
  center: number
  /** indices into the input */
  members: number[]
}

export function groupByCompute(flops: readonly number[], tolerance = DEFAULT_ISOFLOP_TOLERANCE, minSize = 3): { groups: ComputeGroup[]; ungrouped: number[] } {
  const order = flops.map((_, i) => i).sort((i, j) => flops[i] - flops[j])
  let remaining = order.map((i) => ({ index: i, log: Math.log10(flops[i]) }))
  const groups: ComputeGroup[] = []
  for (;;) {
    // two-pointer window counts over the sorted remaining runs
    let bestCount = 0
    let bestSeed = -1
    let lo = 0
    let hi = 0
    for (let s = 0; s < remaining.length; s++) {
      const c = remaining[s].log
      while (remaining[lo].log < c - tolerance - 1e-12) lo++
      if (hi < s) hi = s
      while (hi + 1 < remaining.length && remaining[hi + 1].log <= c + tolerance + 1e-12) hi++
      const count = hi - lo + 1
      if (count > bestCount) {
        bestCount = count
        bestSeed = s
      }
    }
    if (bestSeed < 0 || bestCount < minSize) break
    const center = remaining[bestSeed].log
    const members = remaining.filter((r) => Math.abs(r.log - center) <= tolerance + 1e-12)
    let sumLog = 0
    for (const m of members) sumLog += m.log
    groups.push({ flops: Math.pow(10, sumLog / members.length), center, members: members.map((m) => m.index) })
    const taken = new Set(members.map((m) => m.index))
    remaining = remaining.filter((r) => !taken.has(r.index))
  }
  groups.sort((g, h) => g.flops - h.flops)
  return { groups, ungrouped: remaining.map((r) => r.index) }
}
