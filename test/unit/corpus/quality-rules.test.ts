import { describe, expect, it } from 'vitest'
import { checkQuality, ngramRepetition } from '../../../src/core/corpus/stages/quality-rules'
import { CHINESE_QUALITY_OPTIONS, GOPHER_QUALITY_OPTIONS } from '../../../src/core/corpus/stages/quality-options'
import { qualityFilterStage } from '../../../src/core/corpus/stages/quality-filter'
import { distinctWords, doc } from './helpers'

const G = GOPHER_QUALITY_OPTIONS
const rule = (text: string, o = G): string | undefined => checkQuality(text, o)?.rule
/** k distinct six-letter words plus "the" and "of" (the stop-word rule wants two) */
const clean = (k: number, from = 0): string[] => ['the', 'of', ...distinctWords(k - 2, from)]

describe('Gopher thresholds (Rae et al. 2021, appendix A.1 and table A1)', () => {
  it('are the published values', () => {
    expect([G.minWords, G.maxWords, G.minMeanWordLength, G.maxMeanWordLength]).toEqual([50, 100_000, 3, 10])
    expect([G.maxSymbolToWordRatio, G.maxBulletLineFraction, G.maxEllipsisLineFraction, G.minAlphabeticWordFraction, G.minStopWords]).toEqual([0.1, 0.9, 0.3, 0.8, 2])
    expect([G.maxDuplicateLineFraction, G.maxDuplicateParagraphFraction, G.maxDuplicateLineCharFraction, G.maxDuplicateParagraphCharFraction]).toEqual([0.3, 0.3, 0.2, 0.2])
    expect(G.maxTopNgramCharFraction).toEqual({ '2': 0.2, '3': 0.18, '4': 0.16 })
    expect(G.maxDuplicateNgramCharFraction).toEqual({ '5': 0.15, '6': 0.14, '7': 0.13, '8': 0.12, '9': 0.11, '10': 0.1 })
  })
})

describe('quality rules on crafted documents', () => {
  it('keeps a plain document and bounds the word count', () => {
    expect(rule(clean(50).join(' '))).toBeUndefined()
    expect(rule(clean(49).join(' '))).toBe('word-count')
    expect(rule(clean(61).join(' '), { ...G, maxWords: 60 })).toBe('word-count')
  })

  it('bounds the mean word length to 3..10 characters', () => {
    // two-letter words: mean 2
    const short = ['to', 'of', ...Array.from({ length: 60 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26] + 'abcdefghijklmnopqrstuvwxyz'[Math.floor(i / 26)])]
    expect(rule(short.join(' '))).toBe('mean-word-length')
    // twelve-letter words: mean (2 + 3 + 58 * 12) / 60 > 10
    const long = ['of', 'the', ...distinctWords(58, 0, 'longishwo')]
    expect(rule(long.join(' '))).toBe('mean-word-length')
  })

  it('limits "#" and ellipses to 0.1 per word', () => {
    const words = clean(60)
    expect(rule([...words, '#', '#', '#', '#', '#', '#'].join(' '))).toBeUndefined() // 6 / 66 = 0.091
    expect(rule([...words, '#', '#', '#', '#', '#', '#', '#'].join(' '))).toBe('symbol-to-word-ratio') // 7 / 67 = 0.104
  })

  it('limits lines starting with bullets (0.9) and ending in ellipses (0.3)', () => {
    const lines = Array.from({ length: 10 }, (_, i) => clean(8, i * 10).join(' '))
    expect(rule(lines.map((l) => `- ${l}`).join('\n'))).toBe('bullet-lines')
    expect(rule(lines.map((l, i) => (i < 9 ? `• ${l}` : l)).join('\n'))).toBeUndefined()
    expect(rule(lines.map((l, i) => (i < 4 ? `${l}...` : l)).join('\n'))).toBe('ellipsis-lines')
    expect(rule(lines.map((l, i) => (i < 3 ? `${l}…` : l)).join('\n'))).toBeUndefined()
  })

  it('wants 80% of words with a letter and two stop words', () => {
    const numbers = Array.from({ length: 20 }, (_, i) => String(1000 + i))
    expect(rule([...clean(60), ...numbers].join(' '))).toBe('alphabetic-words') // 60 / 80 = 0.75
    expect(rule(distinctWords(60).join(' '))).toBe('stop-words')
    expect(rule(['the', ...distinctWords(60)].join(' '))).toBe('stop-words')
  })

  it('catches duplicate lines, by count and by characters', () => {
    const lines = Array.from({ length: 6 }, (_, i) => clean(10, i * 20).join(' '))
    const repeated = [...lines, lines[0], lines[1], lines[2]] // 3 of 9 lines repeat: 0.33 > 0.3
    expect(rule(repeated.join('\n'))).toBe('duplicate-lines')
    const long = distinctWords(40, 500).join(' ')
    const shortLines = Array.from({ length: 10 }, (_, i) => clean(6, 1000 + i * 10).join(' '))
    // 1 of 12 lines repeats (0.083), but it holds about 40 x 7 of about 2 x 280 + 10 x 41 characters: > 0.2
    expect(rule([long, ...shortLines, long].join('\n'))).toBe('duplicate-line-chars')
  })

  it('catches a dominant 2-gram and repeated 5-grams', () => {
    // "xylo phone" after every filler word: 30 x 9 characters of 30 x 15 (plus "the", "of")
    const filler = distinctWords(30)
    expect(rule(['the', 'of', ...filler.flatMap((w) => [w, 'xylo', 'phone'])].join(' '))).toBe('top-2-gram')
    // a 10-word phrase three times among 78 filler words: the second and third copies hold 120 of 5 + 108 x 6 = 653 characters, 0.18 > 0.15
    const phrase = distinctWords(10, 5000)
    const text = ['the', 'of', ...distinctWords(38), ...phrase, ...distinctWords(20, 100), ...phrase, ...distinctWords(20, 200), ...phrase]
    expect(rule(text.join(' '))).toBe('duplicate-5-grams')
    // twice: the second copy's 60 characters of 5 + 100 x 6 = 605 is 0.099, under every limit from 0.15 (5-grams) to 0.10 (10-grams)
    const twice = ['the', 'of', ...distinctWords(60), ...phrase, ...distinctWords(20, 100), ...phrase]
    expect(rule(twice.join(' '))).toBeUndefined()
  })

  it('computes the n-gram fractions of a tiny sequence as worked out by hand', () => {
    // a b c a b c a b: "a b" occurs 3 times, 2 characters each, of 8 characters -> 0.75;
    // repeated 3-grams start at 3, 4 and 5 and cover words 3..7 -> 5 / 8
    const rep = ngramRepetition(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b'], [2], [3])
    expect(rep.top.get(2)).toBeCloseTo(0.75, 12)
    expect(rep.duplicate.get(3)).toBeCloseTo(0.625, 12)
    // no n-gram occurs twice: 0
    expect(ngramRepetition(['a', 'b', 'c', 'd'], [2], [2]).top.get(2)).toBe(0)
  })

  it('judges Chinese by characters with its own defaults', () => {
    const poem = '白日依山盡，黃河入海流。\n欲窮千里目，更上一層樓。'
    expect(rule(poem, CHINESE_QUALITY_OPTIONS)).toBeUndefined()
    expect(rule(poem, G)).toBe('word-count')
    const out = qualityFilterStage([doc('p', poem, 'zh'), doc('e', clean(20).join(' '))])
    expect(out.kept.map((d) => d.id)).toEqual(['p'])
    expect(out.removed[0]).toMatchObject({ id: 'e', rule: 'word-count' })
    expect(out.removed[0].reason).toContain('fewer than the minimum 50')
  })

  it('takes thresholds per language and switches a rule off with null', () => {
    const text = clean(49).join(' ')
    const out = qualityFilterStage([doc('a', text)], { en: { minWords: null } })
    expect(out.kept).toHaveLength(1)
  })
})
