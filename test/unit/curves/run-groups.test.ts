/** Runs into lines: by family, tag (untagged), config field, and seed (config seed fields, -s<k>/_seed<k>/-rerun names). */
import { describe, expect, it } from 'vitest'
import { groupRuns, isSeedField, nameWithoutSeed, type RunFacts } from '../../../src/core/curves/run-groups'

const run = (id: number, name: string, more: Partial<RunFacts> = {}): RunFacts => ({ id, name, family: null, params: null, tokens: null, flops: null, tags: [], config: {}, ...more })

describe('grouping runs', () => {
  it('one line a run without grouping', () => {
    expect(groupRuns([run(1, 'a'), run(2, 'b')], 'none')).toEqual([
      { key: 'run:1', label: 'a', runIds: [1] },
      { key: 'run:2', label: 'b', runIds: [2] },
    ])
  })

  it('by family, with runs without one together', () => {
    const g = groupRuns([run(1, 'a', { family: 'pythia' }), run(2, 'b'), run(3, 'c', { family: 'pythia' })], 'family')
    expect(g.map((x) => [x.label, x.runIds])).toEqual([['pythia', [1, 3]], ['(no family)', [2]]])
  })

  it('by tag: a run in each of its tags, untagged runs apart', () => {
    const g = groupRuns([run(1, 'a', { tags: ['x', 'y'] }), run(2, 'b', { tags: ['y'] }), run(3, 'c')], 'tag')
    expect(g.map((x) => [x.label, x.runIds])).toEqual([['x', [1]], ['y', [1, 2]], ['untagged', [3]]])
  })

  it('by a config field, numbers as JSON, missing said', () => {
    const g = groupRuns([run(1, 'a', { config: { lr: 0.001 } }), run(2, 'b', { config: { lr: 0.001 } }), run(3, 'c')], 'config:lr')
    expect(g.map((x) => [x.label, x.runIds])).toEqual([['lr=0.001', [1, 2]], ['lr=(no lr)', [3]]])
  })

  it('by seed: config equal apart from seed fields', () => {
    const g = groupRuns(
      [
        run(1, 'happy-cat-1', { config: { lr: 1e-3, seed: 1, 'model.init_seed': 5 } }),
        run(2, 'sad-dog-2', { config: { 'model.init_seed': 6, seed: 2, lr: 1e-3 } }),
        run(3, 'odd-fox-3', { config: { lr: 2e-3, seed: 1 } }),
      ],
      'seed',
    )
    expect(g.map((x) => x.runIds)).toEqual([[1, 2], [3]])
  })

  it('by seed: names that differ only by a seed suffix, same sizes', () => {
    const g = groupRuns([run(4, 'p-70m-s1', { params: 7e7 }), run(2, 'p-70m-s2', { params: 7e7 }), run(3, 'p-70m_seed3', { params: 7e7 }), run(5, 'p-70m-s4', { params: 1.6e8 })], 'seed')
    expect(g.map((x) => [x.key, x.label, x.runIds])).toEqual([
      ['group:seeds-of-2', 'p-70m (seeds)', [4, 2, 3]],
      ['group:seeds-of-5', 'p-70m (seeds)', [5]],
    ])
  })

  it('recognises seed fields and name suffixes', () => {
    expect(['seed', 'random_seed', 'data_seed', 'init_seed', 'trainer/seed', 'Seed'].every(isSeedField)).toBe(true)
    expect(isSeedField('seed_len')).toBe(false)
    expect(['a-s1', 'a_seed12', 'a-seed-3', 'a-rerun'].map(nameWithoutSeed)).toEqual(['a', 'a', 'a', 'a'])
    expect(nameWithoutSeed('gpt-small')).toBe('gpt-small')
  })
})
