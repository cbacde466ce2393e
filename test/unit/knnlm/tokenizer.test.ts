import { describe, expect, it } from 'vitest'
import { trainTokenizer, tokenizerFromJson } from '../../../src/core/knnlm/tokenizer'

const english = [
  'The jury said it did find that many of the registration and election laws were outmoded or inadequate.',
  'The jury further said in term-end presentments that the City Executive Committee deserves the praise.',
  'It recommended that Fulton legislators act to have these laws studied and revised to the end of modernizing them.',
]

describe('byte-level BPE', () => {
  const tok = trainTokenizer(english, { kind: 'bpe', vocabSize: 320 })
  it('learns merges up to the vocabulary size and shortens text', () => {
    expect(tok.vocabSize).toBeLessThanOrEqual(320)
    expect(tok.vocabSize).toBeGreaterThan(290)
    const ids = tok.encode(english[0]!)
    expect(ids.length).toBeLessThan(new TextEncoder().encode(english[0]!).length * 0.6)
  })
  it('round-trips any text, including unseen characters', () => {
    for (const t of [...english, 'Ünïcödé — 漢字 and emoji 🙂, tabs\tand\nnewlines  ', '']) expect(tok.decode(tok.encode(t))).toBe(t)
  })
  it('is saved as JSON with an id that changes with its table', () => {
    const again = tokenizerFromJson(JSON.parse(JSON.stringify(tok.toJSON())))
    expect(again.id).toBe(tok.id)
    expect(again.encode(english[1]!)).toEqual(tok.encode(english[1]!))
    const other = trainTokenizer(english, { kind: 'bpe', vocabSize: 300 })
    expect(other.id).not.toBe(tok.id)
    const tampered = { ...tok.toJSON(), merges: tok.toJSON().merges!.slice(0, -1) }
    expect(() => tokenizerFromJson(tampered)).toThrow(/does not match/)
    const broken = { ...tok.toJSON(), id: undefined, merges: tok.toJSON().merges!.slice(1) }
    expect(() => tokenizerFromJson(broken)).toThrow(/refers to an id/)
  })
  it('refuses an empty corpus', () => {
    expect(() => trainTokenizer(['', '  '], { kind: 'bpe', vocabSize: 300 })).toThrow(/empty/)
  })
})

describe('character tokenizer', () => {
  const poems = ['床前明月光，疑是地上霜。', '举头望明月，低头思故乡。']
  const tok = trainTokenizer(poems, { kind: 'char', vocabSize: 100 })
  it('gives one id per character and round-trips seen text', () => {
    expect(tok.encode(poems[0]!).length).toBe([...poems[0]!].length)
    expect(tok.decode(tok.encode(poems[1]!))).toBe(poems[1])
  })
  it('maps unseen characters to <unk>', () => {
    expect(tok.decode(tok.encode('春眠'))).toBe('<unk><unk>')
  })
})
