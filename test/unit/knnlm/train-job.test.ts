// The held-out split the view's training and datastore jobs use: every (1/f)-th document, or the tail of a single
// document cut at a line break; the counts below follow from that rule.
import { describe, expect, it } from 'vitest'
import { splitHeldOut } from '../../../src/core/knnlm/train-job'

describe('splitHeldOut', () => {
  it('holds out every tenth document, spread over the corpus', () => {
    const docs = Array.from({ length: 25 }, (_, i) => ({ text: `doc ${i}` }))
    const { train, heldOut } = splitHeldOut(docs, 0.1)
    expect(heldOut).toEqual(['doc 9', 'doc 19'])
    expect(train).toHaveLength(23)
    expect(train).not.toContain('doc 9')
  })

  it('holds out floor(n f) documents for any share, evenly spread', () => {
    const docs = Array.from({ length: 10 }, (_, i) => ({ text: `doc ${i}` }))
    // (i + 1) * 0.3 passes 1, 2, 3 at i = 3 (1.2), 6 (2.1), 9 (3.0)
    expect(splitHeldOut(docs, 0.3).heldOut).toEqual(['doc 3', 'doc 6', 'doc 9'])
    // (i + 1) * 0.25 passes 1 and 2 at i = 3 and 7
    expect(splitHeldOut(docs, 0.25).heldOut).toEqual(['doc 3', 'doc 7'])
    expect(splitHeldOut(docs, 0.5).heldOut).toEqual(['doc 1', 'doc 3', 'doc 5', 'doc 7', 'doc 9'])
    const hundred = Array.from({ length: 100 }, (_, i) => ({ text: `doc ${i}` }))
    for (const f of [0.01, 0.07, 0.29, 0.33, 0.5]) expect(splitHeldOut(hundred, f).heldOut).toHaveLength(Math.round(100 * f))
  })

  it('holds out the last document when there are fewer than 1/f', () => {
    const { train, heldOut } = splitHeldOut([{ text: 'a' }, { text: 'b' }, { text: 'c' }], 0.1)
    expect(train).toEqual(['a', 'b'])
    expect(heldOut).toEqual(['c'])
  })

  it('cuts a single document at the line break before 90% of its text', () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i} `.repeat(3).trim()).join('\n')
    const { train, heldOut } = splitHeldOut([{ text }], 0.1)
    expect(train[0]! + '\n' + heldOut[0]!).toBe(text)
    expect(heldOut[0]).toBe('line 9 line 9 line 9')
  })

  it('rejects an empty corpus and a share outside (0, 1)', () => {
    expect(() => splitHeldOut([], 0.1)).toThrow(/no documents/)
    expect(() => splitHeldOut([{ text: 'a' }], 1)).toThrow(/held-out share/)
  })
})
