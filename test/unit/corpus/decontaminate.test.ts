import { describe, expect, it } from 'vitest'
import { decontaminate } from '../../../src/core/corpus/stages/decontaminate'
import { LabError } from '../../../src/shared/errors'
import { distinctWords, doc } from './helpers'

const evalWords = distinctWords(40, 20000)
const evalText = evalWords.join(' ')

function withPlanted(k: number, at = 10): string {
  return [...distinctWords(at, 0), ...evalWords.slice(5, 5 + k), ...distinctWords(30, 100)].join(' ')
}

describe('decontaminate', () => {
  it('removes a document holding a planted 13-gram of the evaluation text and names it', () => {
    const r = decontaminate([doc('clean', distinctWords(60, 500).join(' ')), doc('planted', withPlanted(13))], evalText)
    expect(r.n).toBe(13)
    expect(r.evalNgrams).toBe(40 - 13 + 1)
    expect(r.kept.map((d) => d.id)).toEqual(['clean'])
    expect(r.removed).toHaveLength(1)
    expect(r.removed[0].ngram).toBe(evalWords.slice(5, 18).join(' '))
    expect(r.removed[0].reason).toContain(`"${evalWords[5]}`)
    expect(r.removed[0].excerpt).toContain(evalWords[5])
  })

  it('keeps a document sharing only 12 words in a row, unless n is lowered', () => {
    const docs = [doc('twelve', withPlanted(12))]
    expect(decontaminate(docs, evalText).removed).toHaveLength(0)
    expect(decontaminate(docs, evalText, { n: 8 }).removed).toHaveLength(1)
  })

  it('ignores case and punctuation', () => {
    const shouted = evalWords.slice(0, 13).map((w, i) => (i % 3 === 0 ? `${w.toUpperCase()},` : w)).join(' ')
    expect(decontaminate([doc('d', `Preface: ${shouted}.`)], evalText).removed).toHaveLength(1)
  })

  it('does not join two evaluation texts into one n-gram', () => {
    const first = distinctWords(20, 30000)
    const second = distinctWords(20, 31000)
    const across = [...first.slice(14), ...second.slice(0, 7)].join(' ') // 6 + 7 words over the seam
    const r = decontaminate([doc('across', across)], [first.join(' '), second.join(' ')])
    expect(r.removed).toHaveLength(0)
    const inside = decontaminate([doc('inside', second.slice(3, 16).join(' '))], [first.join(' '), second.join(' ')])
    expect(inside.removed[0].evalIndex).toBe(1)
  })

  it('works on Chinese character by character', () => {
    const poem = '床前明月光疑是地上霜舉頭望明月低頭思故鄉'
    const r = decontaminate([doc('zh', `序：${poem.slice(2, 15)}。`, 'zh')], poem)
    expect(r.removed[0].ngram).toBe(poem.slice(2, 15))
  })

  it('says so when the evaluation text is shorter than n', () => {
    expect(() => decontaminate([doc('a', 'x')], 'only five words in here')).toThrow(LabError)
    expect(() => decontaminate([doc('a', 'x')], evalText, { n: 0 })).toThrow(LabError)
  })
})
