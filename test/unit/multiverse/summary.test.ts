/** Spread and influence of a specification curve (src/core/multiverse/summary.ts) on specifications written here. */
import { describe, expect, it } from 'vitest'
import { influence, median, mostInfluential, spread } from '../../../src/core/multiverse/summary'
import type { SpecChoices, SpecResult } from '../../../src/core/multiverse/types'

const base: SpecChoices = { approach: '3', estimator: 'huber-1e-3', points: 'all', n_definition: 'total', flops: null, start: 'grid' }
function spec(id: number, over: Partial<SpecChoices>, tpp: number, converged = true): SpecResult {
  return { id, choices: { ...base, ...over }, n_points: 10, params: {}, a: 0.5 + id / 100, b: 0.5 - id / 100, tokens_per_param: tpp, loss_at_budget: 2, converged }
}

describe('specification curve summaries', () => {
  const specs = [
    spec(0, {}, 10),
    spec(1, { estimator: 'least-squares' }, 100),
    spec(2, { points: 'drop-top-1' }, 10),
    spec(3, { points: 'drop-top-1', estimator: 'least-squares' }, 1000),
    spec(4, { approach: '2', estimator: null, start: null, flops: 'recorded' }, 1e6, false),
  ]
  it('take the spread over converged specifications only', () => {
    const s = spread(specs)
    expect(s.tokens_per_param).toEqual([10, 1000])
    expect(s.a).toEqual([0.5, 0.53])
  })
  it('rank choice dimensions by the range of their levels\' median log10 tokens per parameter', () => {
    const rows = influence(specs)
    // estimator: huber-1e-3 {1, 1} -> 1; least-squares {2, 3} -> 2.5: range 1.5; points: all {1, 2} -> 1.5, drop-top-1 {1, 3} -> 2: range 0.5
    expect(rows.map((r) => r.dimension)).toEqual(['estimator', 'points'])
    expect(rows[0].range).toBeCloseTo(1.5, 12)
    expect(rows[1].range).toBeCloseTo(0.5, 12)
    expect(mostInfluential(rows)).toBe('estimator')
  })
  it('name no dimension when none has two levels', () => {
    expect(mostInfluential(influence([spec(0, {}, 10)]))).toBeNull()
  })
  it('median', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
  })
})
