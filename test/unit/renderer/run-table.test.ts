// Sorting, filtering and selection behind the runs table. Run sizes are Pythia's (Biderman et al. 2023).
import { describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../src/shared/api'
import { clickSelect, distinctFamilies, distinctTags, filterRuns, sortRuns, withTag, withoutTag } from '../../../src/renderer/catalog/run-table'

function run(id: number, name: string, params: number | null, extra: Partial<RunSummary> = {}): RunSummary {
  return { id, projectId: 1, name, family: 'pythia', params, activeParams: null, nonembeddingParams: null, tokens: 300e9, flops: null, experts: null, topK: null, tags: [], notes: null, hidden: false, metrics: [], ...extra }
}

const runs = [
  run(1, 'pythia-1.4b', 1.4e9, { tags: ['main'] }),
  run(2, 'pythia-70m', 70e6, { metrics: ['lambada_openai/acc'] }),
  run(3, 'pythia-12b', 12e9, { family: 'pythia-deduped', tags: ['main', 'big'] }),
  run(4, 'mystery', null, { family: null }),
]

describe('sortRuns', () => {
  it('sorts numbers ascending and descending with missing values last', () => {
    expect(sortRuns(runs, { key: 'params', dir: 'asc' }).map((r) => r.id)).toEqual([2, 1, 3, 4])
    expect(sortRuns(runs, { key: 'params', dir: 'desc' }).map((r) => r.id)).toEqual([3, 1, 2, 4])
  })
  it('sorts names naturally (70m before 1.4b is not alphabetical, but 12b after 1.4b is)', () => {
    expect(sortRuns(runs, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['mystery', 'pythia-1.4b', 'pythia-12b', 'pythia-70m'])
  })
  it('sorts by a metric column (metric:agg) with runs without a value last in both directions', () => {
    // LAMBADA accuracy at step 143000 of pythia-1.4b and pythia-70m (test/fixtures/run-columns)
    const withColumns = [
      run(1, 'pythia-1.4b', 1.4e9, { columns: { 'lambada_openai/acc:last': 0.6161459344071415 } }),
      run(2, 'pythia-70m', 70e6, { columns: { 'lambada_openai/acc:last': 0.18455268775470599 } }),
      run(3, 'pythia-160m', 162e6, { columns: { 'lambada_openai/acc:last': null } }),
    ]
    expect(sortRuns(withColumns, { key: 'lambada_openai/acc:last', dir: 'asc' }).map((r) => r.id)).toEqual([2, 1, 3])
    expect(sortRuns(withColumns, { key: 'lambada_openai/acc:last', dir: 'desc' }).map((r) => r.id)).toEqual([1, 2, 3])
  })
  it('does not change its input', () => {
    const before = runs.map((r) => r.id)
    sortRuns(runs, { key: 'params', dir: 'desc' })
    expect(runs.map((r) => r.id)).toEqual(before)
  })
})

describe('filterRuns', () => {
  it('matches every word in name, family, tags and metrics', () => {
    expect(filterRuns(runs, { text: 'pythia big', family: '', tag: '' }).map((r) => r.id)).toEqual([3])
    expect(filterRuns(runs, { text: 'LAMBADA', family: '', tag: '' }).map((r) => r.id)).toEqual([2])
  })
  it('filters by family and tag', () => {
    expect(filterRuns(runs, { text: '', family: 'pythia', tag: '' }).map((r) => r.id)).toEqual([1, 2])
    expect(filterRuns(runs, { text: '', family: '', tag: 'main' }).map((r) => r.id)).toEqual([1, 3])
  })
  it('lists families and tags once, sorted', () => {
    expect(distinctFamilies(runs)).toEqual(['pythia', 'pythia-deduped'])
    expect(distinctTags(runs)).toEqual(['big', 'main'])
  })
})

describe('clickSelect', () => {
  const order = [10, 20, 30, 40, 50]
  it('selects one row on a plain click', () => {
    expect(clickSelect({ ids: [10, 20], anchor: 10 }, order, 30, { shift: false, ctrl: false })).toEqual({ ids: [30], anchor: 30 })
  })
  it('toggles with ctrl', () => {
    expect(clickSelect({ ids: [10], anchor: 10 }, order, 30, { shift: false, ctrl: true }).ids).toEqual([10, 30])
    expect(clickSelect({ ids: [10, 30], anchor: 10 }, order, 10, { shift: false, ctrl: true }).ids).toEqual([30])
  })
  it('selects a range with shift, in either direction, from the anchor', () => {
    expect(clickSelect({ ids: [20], anchor: 20 }, order, 40, { shift: true, ctrl: false }).ids).toEqual([20, 30, 40])
    expect(clickSelect({ ids: [40], anchor: 40 }, order, 10, { shift: true, ctrl: false }).ids).toEqual([10, 20, 30, 40])
  })
  it('adds the range to the selection with ctrl+shift', () => {
    expect(clickSelect({ ids: [50], anchor: 20 }, order, 30, { shift: true, ctrl: true }).ids.sort()).toEqual([20, 30, 50])
  })
  it('treats shift without an anchor as a plain click', () => {
    expect(clickSelect({ ids: [], anchor: null }, order, 30, { shift: true, ctrl: false })).toEqual({ ids: [30], anchor: 30 })
  })
})

describe('tags', () => {
  it('adds once and removes', () => {
    expect(withTag(['a'], ' b ')).toEqual(['a', 'b'])
    expect(withTag(['a'], 'a')).toEqual(['a'])
    expect(withoutTag(['a', 'b'], 'a')).toEqual(['b'])
  })
})

describe('visibleColumns', () => {
  it('hides columns no run fills, keeps the core ones', async () => {
    const { visibleColumns } = await import('../../../src/renderer/catalog/run-table')
    const keys = visibleColumns(runs).map((c) => c.key)
    expect(keys).toEqual(['name', 'family', 'params', 'tokens', 'flops', 'tags', 'metrics'])
    expect(visibleColumns([run(9, 'x', 1, { experts: 8 })]).map((c) => c.key)).toContain('experts')
  })
})
