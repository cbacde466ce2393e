import { describe, expect, it } from 'vitest'
import { exactDedupStage, normaliseForDedup } from '../../../src/core/corpus/stages/exact-dedup'
import { doc } from './helpers'

describe('exact deduplication', () => {
  it('normalises case, white space and compatibility forms', () => {
    expect(normaliseForDedup('  Hello\n\tWORLD ')).toBe('hello world')
    expect(normaliseForDedup('ﬁne')).toBe('fine') // NFKC folds the ligature
  })

  it('keeps the first of each group and reports the clusters', () => {
    const out = exactDedupStage([doc('a', 'Hello  World'), doc('b', 'hello world'), doc('c', 'hello world!'), doc('d', 'HELLO WORLD')])
    expect(out.kept.map((d) => d.id)).toEqual(['a', 'c'])
    expect(out.removed.map((r) => [r.id, r.rule])).toEqual([
      ['b', 'exact-duplicate'],
      ['d', 'exact-duplicate'],
    ])
    expect(out.clusters).toEqual([{ keptId: 'a', removed: [{ id: 'b', similarity: 1 }, { id: 'd', similarity: 1 }] }])
  })
})
