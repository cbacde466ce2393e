/**
 * Thresholds of the rule-based quality filter, after the Gopher rules (Rae et al. 2021, "Scaling Language
 * Models: Methods, Analysis & Insights from Training Gopher", arXiv 2112.11446, appendix A.1.1-A.1.2 and
 * table A1): a document is removed when
 * - its word count is outside [minWords, maxWords]                                     (Gopher: 50, 100,000)
 * - its mean word length is outside [minMeanWordLength, maxMeanWordLength] characters   (Gopher: 3, 10)
 * - its symbol-to-word ratio, (# signs + ellipses) / words, exceeds maxSymbolToWordRatio (Gopher: 0.1)
 * - more than maxBulletLineFraction of its lines start with a bullet                     (Gopher: 0.9)
 * - more than maxEllipsisLineFraction of its lines end with an ellipsis                  (Gopher: 0.3)
 * - fewer than minAlphabeticWordFraction of its words contain a letter                   (Gopher: 0.8)
 * - it holds fewer than minStopWords of the, be, to, of, and, that, have, with            (Gopher: 2)
 * - repetition: the fraction of duplicate lines / paragraphs exceeds 0.30, the characters in duplicate lines /
 *   paragraphs exceed 0.20 of all characters, the most frequent 2-, 3-, 4-gram covers more than 0.20, 0.18,
 *   0.16 of the characters, or repeated 5- ... 10-grams cover more than 0.15, 0.14, 0.13, 0.12, 0.11, 0.10.
 * A threshold set to null switches its rule off. Chinese has no spaces, so for 'zh' documents words are
 * characters (text/words.ts) and the English-only rules (mean word length, letters, stop words, top n-grams)
 * are off by default; the word-count bounds are in characters and fit short poems.
 */
import type { CorpusLang } from '../types'

export interface QualityOptions {
  minWords: number | null
  maxWords: number | null
  minMeanWordLength: number | null
  maxMeanWordLength: number | null
  maxSymbolToWordRatio: number | null
  maxBulletLineFraction: number | null
  maxEllipsisLineFraction: number | null
  minAlphabeticWordFraction: number | null
  minStopWords: number | null
  maxDuplicateLineFraction: number | null
  maxDuplicateParagraphFraction: number | null
  maxDuplicateLineCharFraction: number | null
  maxDuplicateParagraphCharFraction: number | null
  /** n -> the largest share of characters the most frequent n-gram (occurring at least twice) may cover */
  maxTopNgramCharFraction: Record<string, number>
  /** n -> the largest share of characters that repeated occurrences of n-grams may cover */
  maxDuplicateNgramCharFraction: Record<string, number>
}

export const GOPHER_QUALITY_OPTIONS: QualityOptions = {
  minWords: 50,
  maxWords: 100_000,
  minMeanWordLength: 3,
  maxMeanWordLength: 10,
  maxSymbolToWordRatio: 0.1,
  maxBulletLineFraction: 0.9,
  maxEllipsisLineFraction: 0.3,
  minAlphabeticWordFraction: 0.8,
  minStopWords: 2,
  maxDuplicateLineFraction: 0.3,
  maxDuplicateParagraphFraction: 0.3,
  maxDuplicateLineCharFraction: 0.2,
  maxDuplicateParagraphCharFraction: 0.2,
  maxTopNgramCharFraction: { '2': 0.2, '3': 0.18, '4': 0.16 },
  maxDuplicateNgramCharFraction: { '5': 0.15, '6': 0.14, '7': 0.13, '8': 0.12, '9': 0.11, '10': 0.1 },
}

/** Chinese defaults: words are characters; a five-character quatrain has 20 of them. */
export const CHINESE_QUALITY_OPTIONS: QualityOptions = {
  ...GOPHER_QUALITY_OPTIONS,
  minWords: 10,
  minMeanWordLength: null,
  maxMeanWordLength: null,
  minAlphabeticWordFraction: null,
  minStopWords: null,
  maxTopNgramCharFraction: {},
}

export function defaultQualityOptions(lang: CorpusLang): QualityOptions {
  return lang === 'zh' ? CHINESE_QUALITY_OPTIONS : GOPHER_QUALITY_OPTIONS
}
