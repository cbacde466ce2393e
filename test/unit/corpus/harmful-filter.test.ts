import { describe, expect, it } from 'vitest'
import { findBlocklisted, loadBlocklist, parseBlocklist } from '../../../src/core/corpus/stages/blocklist'
import { harmfulFilterStage } from '../../../src/core/corpus/stages/harmful-filter'
import { loadBrown } from '../../../src/core/corpus/sources/index'
import { LabError } from '../../../src/shared/errors'
import { doc } from './helpers'

describe('block list', () => {
  const list = parseBlocklist('# comment\nbadword\nvery bad phrase\nnast*\n\n坏话\n')

  it('parses words, phrases, prefixes and Chinese entries, skipping comments', () => {
    expect(list.size).toBe(4)
    expect([...list.words]).toEqual(['badword'])
    expect(list.prefixes).toEqual(['nast'])
    expect(list.phrases.get('very')).toEqual([['very', 'bad', 'phrase']])
    expect(list.substrings).toEqual(['坏话'])
  })

  it('matches whole words regardless of case and punctuation, phrases in sequence, prefixes, and Chinese anywhere', () => {
    const text = 'A BadWord, a Very bad phrase! Nasty and nastier; badwords and very bad idea. 他说坏话。'
    expect(findBlocklisted(text, list).map((m) => m.term)).toEqual(['badword', 'very bad phrase', 'nasty', 'nastier', '坏话'])
    expect(findBlocklisted('dynasty and badwordy', list)).toEqual([])
  })

  it('ships a default list that loads', () => {
    expect(loadBlocklist().size).toBeGreaterThan(10)
  })
})

describe('harmful-content stage', () => {
  const docs = [doc('clean', 'A quiet story about ships.'), doc('one', 'It has one badword in it.'), doc('two', 'badword and another badword.')]

  it('removes documents with at least minMatches matches and says which terms', () => {
    const out = harmfulFilterStage(docs, { blocklist: ['badword'] })
    expect(out.kept.map((d) => d.id)).toEqual(['clean'])
    expect(out.removed.map((r) => r.id)).toEqual(['one', 'two'])
    expect(out.removed[1].reason).toContain('2 block-list matches ("badword")')
    expect(harmfulFilterStage(docs, { blocklist: ['badword'], minMatches: 2 }).kept.map((d) => d.id)).toEqual(['clean', 'one'])
  })

  it('rejects an empty list and a bad minMatches', () => {
    expect(() => harmfulFilterStage(docs, { blocklist: ['# only a comment'] })).toThrow(LabError)
    expect(() => harmfulFilterStage(docs, { blocklist: ['x'], minMatches: 0 })).toThrow(LabError)
    expect(() => harmfulFilterStage(docs, { blocklistPath: '/no/such/list.txt' })).toThrow(/does not exist/)
  })

  it('lets the Brown fiction genres through the default list', () => {
    const brown = loadBrown({ genres: ['humor', 'science_fiction', 'romance'] })
    expect(harmfulFilterStage(brown).removed).toEqual([])
  })
})
