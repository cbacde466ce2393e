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
