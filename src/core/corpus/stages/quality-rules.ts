/**
 * The Gopher quality and repetition rules (Rae et al. 2021, arXiv 2112.11446, appendix A.1; thresholds in
 * quality-options.ts) applied to one document. Definitions used here:
 * - words: text/words.ts splitWords (space-separated; Han characters one by one); lines: non-empty lines;
 *   paragraphs: blocks separated by blank lines.
 * - symbol-to-word ratio = (number of "#" + number of ellipses "..." or "…") / words.
 * - duplicate lines / paragraphs: those identical to an earlier one; their share of all lines / paragraphs,
 *   and the share of characters they hold.
 * - n-gram rules use matching words (lower case, edge punctuation removed); characters = the characters of
 *   those words. Top n-gram fraction = characters of the most frequent n-gram x its count / all characters,
 *   counted only when it occurs at least twice. Duplicate n-gram fraction = characters of the words covered
 *   by any occurrence of an n-gram after its first, each word counted once / all characters.
 * Returns the first rule the document breaks, or undefined.
 */
import type { QualityOptions } from './quality-options'
import { matchingWords, splitWords } from '../text/words'
import { NgramTable, wordLanes, type WordLanes } from '../text/ngram-keys'

export interface QualityVerdict {
  rule: string
  reason: string
}

const STOP_WORDS = new Set(['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'])
const BULLET = /^[•●○◦▪▫■□‣⁃∙·*\-–—>]/
const ELLIPSIS_END = /(\.\.\.|…)$/
const LETTER = /\p{L}/u
const ELLIPSIS = /\.\.\.|…/g

function fmt(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(3)
}

function lineStats(items: string[]): { duplicateFraction: number; duplicateCharFraction: number } {
  if (items.length === 0) return { duplicateFraction: 0, duplicateCharFraction: 0 }
  const seen = new Set<string>()
  let dup = 0
  let dupChars = 0
  let chars = 0
  for (const s of items) {
    chars += s.length
    if (seen.has(s)) {
      dup++
      dupChars += s.length
    } else seen.add(s)
  }
  return { duplicateFraction: dup / items.length, duplicateCharFraction: chars > 0 ? dupChars / chars : 0 }
}

export interface NgramRepetition {
  /** n -> characters of the most frequent n-gram x its count / all characters (0 unless it occurs twice) */
  top: Map<number, number>
  /** n -> characters of words covered by an occurrence of an n-gram after its first / all characters */
  duplicate: Map<number, number>
}

const sharedTable = new NgramTable()

/** Both Gopher n-gram repetition measures for the given sizes, in one pass over the words. */
export function ngramRepetition(words: string[], topSizes: number[], duplicateSizes: number[], lanes: WordLanes = wordLanes(words)): NgramRepetition {
  const n = words.length
  let totalChars = 0
  for (const w of words) totalChars += w.length
  const sizes = [...new Set([...topSizes, ...duplicateSizes])].filter((k) => k >= 1 && k <= n)
  const maxN = sizes.length > 0 ? Math.max(...sizes) : 0
  const isTop = new Uint8Array(maxN + 1)
  const isDup = new Uint8Array(maxN + 1)
  for (const k of topSizes) if (k <= maxN && k >= 1) isTop[k] = 1
  for (const k of duplicateSizes) if (k <= maxN && k >= 1) isDup[k] = 1
  const covered: Uint8Array[] = []
  const bestCount = new Int32Array(maxN + 1)
  const bestAt = new Int32Array(maxN + 1)
  const { lane1, lane2 } = lanes
  const table = sharedTable
  // one size at a time, so the table stays in cache; keys are rebuilt from scratch per position
  for (const k of sizes) {
    table.reset(n)
    const cov = isDup[k] ? new Uint8Array(n) : undefined
    if (cov) covered[k] = cov
    for (let i = 0; i + k <= n; i++) {
      let h1 = 0
      let h2 = 0
      for (let j = i; j < i + k; j++) {
        // extend1 / extend2 of text/ngram-keys.ts, inlined: this is the hot loop
        h1 = Math.imul(((h1 << 5) | (h1 >>> 27)) ^ lane1[j], 0x9e3779b1)
        h2 = Math.imul(((h2 << 13) | (h2 >>> 19)) ^ lane2[j], 0x85ebca6b)
      }
      const slot = table.add(h1, h2, i)
      const c = table.count(slot)
      if (isTop[k] && c > bestCount[k]) {
        bestCount[k] = c
        bestAt[k] = i
      }
      if (cov && c > 1) cov.fill(1, i, i + k)
    }
  }
  const result: NgramRepetition = { top: new Map(), duplicate: new Map() }
  for (const k of topSizes) {
    if (k > n || k < 1 || bestCount[k] < 2 || totalChars === 0) {
      result.top.set(k, 0)
      continue
    }
    let chars = 0
    for (let j = bestAt[k]; j < bestAt[k] + k; j++) chars += words[j].length
    result.top.set(k, (chars * bestCount[k]) / totalChars)
  }
  for (const k of duplicateSizes) {
    if (k > n || k < 1 || totalChars === 0) {
      result.duplicate.set(k, 0)
      continue
    }
    let chars = 0
    const cov = covered[k]
    for (let j = 0; j < n; j++) if (cov[j]) chars += words[j].length
    result.duplicate.set(k, chars / totalChars)
  }
  return result
}

export function checkQuality(text: string, o: QualityOptions): QualityVerdict | undefined {
  const words = splitWords(text)
  const n = words.length
  if (o.minWords !== null && n < o.minWords) return { rule: 'word-count', reason: `${fmt(n)} words, fewer than the minimum ${fmt(o.minWords)}` }
  if (o.maxWords !== null && n > o.maxWords) return { rule: 'word-count', reason: `${fmt(n)} words, more than the maximum ${fmt(o.maxWords)}` }
  if (n === 0) return { rule: 'word-count', reason: 'no words' }

  if (o.minMeanWordLength !== null || o.maxMeanWordLength !== null) {
    let letters = 0
    for (const w of words) letters += w.length
    const mean = letters / n
    if (o.minMeanWordLength !== null && mean < o.minMeanWordLength) return { rule: 'mean-word-length', reason: `mean word length ${fmt(mean)}, below ${fmt(o.minMeanWordLength)}` }
    if (o.maxMeanWordLength !== null && mean > o.maxMeanWordLength) return { rule: 'mean-word-length', reason: `mean word length ${fmt(mean)}, above ${fmt(o.maxMeanWordLength)}` }
  }

  if (o.maxSymbolToWordRatio !== null) {
    const hashes = text.split('#').length - 1
    const ellipses = (text.match(ELLIPSIS) ?? []).length
    const ratio = (hashes + ellipses) / n
    if (ratio > o.maxSymbolToWordRatio) return { rule: 'symbol-to-word-ratio', reason: `symbol-to-word ratio ${fmt(ratio)} (${hashes} "#", ${ellipses} ellipses), above ${fmt(o.maxSymbolToWordRatio)}` }
  }

  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0)
  if (o.maxBulletLineFraction !== null && lines.length > 0) {
    const f = lines.filter((l) => BULLET.test(l)).length / lines.length
    if (f > o.maxBulletLineFraction) return { rule: 'bullet-lines', reason: `${fmt(f)} of lines start with a bullet, above ${fmt(o.maxBulletLineFraction)}` }
  }
  if (o.maxEllipsisLineFraction !== null && lines.length > 0) {
    const f = lines.filter((l) => ELLIPSIS_END.test(l)).length / lines.length
    if (f > o.maxEllipsisLineFraction) return { rule: 'ellipsis-lines', reason: `${fmt(f)} of lines end with an ellipsis, above ${fmt(o.maxEllipsisLineFraction)}` }
  }
  if (o.minAlphabeticWordFraction !== null) {
    let withLetter = 0
    for (const w of words) if (LETTER.test(w)) withLetter++
    const f = withLetter / n
    if (f < o.minAlphabeticWordFraction) return { rule: 'alphabetic-words', reason: `${fmt(f)} of words contain a letter, below ${fmt(o.minAlphabeticWordFraction)}` }
  }
  const match = matchingWords(text)
  if (o.minStopWords !== null) {
    const stops = match.filter((w) => STOP_WORDS.has(w)).length
    if (stops < o.minStopWords) return { rule: 'stop-words', reason: `${stops} stop words (the, be, to, of, and, that, have, with), fewer than ${o.minStopWords}` }
  }

  const lineDup = lineStats(lines)
  if (o.maxDuplicateLineFraction !== null && lineDup.duplicateFraction > o.maxDuplicateLineFraction) {
    return { rule: 'duplicate-lines', reason: `${fmt(lineDup.duplicateFraction)} of lines are duplicates, above ${fmt(o.maxDuplicateLineFraction)}` }
  }
  if (o.maxDuplicateLineCharFraction !== null && lineDup.duplicateCharFraction > o.maxDuplicateLineCharFraction) {
    return { rule: 'duplicate-line-chars', reason: `duplicate lines hold ${fmt(lineDup.duplicateCharFraction)} of the characters, above ${fmt(o.maxDuplicateLineCharFraction)}` }
  }
  const paragraphs = text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter((p) => p.length > 0)
  const paraDup = lineStats(paragraphs)
  if (o.maxDuplicateParagraphFraction !== null && paraDup.duplicateFraction > o.maxDuplicateParagraphFraction) {
    return { rule: 'duplicate-paragraphs', reason: `${fmt(paraDup.duplicateFraction)} of paragraphs are duplicates, above ${fmt(o.maxDuplicateParagraphFraction)}` }
  }
  if (o.maxDuplicateParagraphCharFraction !== null && paraDup.duplicateCharFraction > o.maxDuplicateParagraphCharFraction) {
    return { rule: 'duplicate-paragraph-chars', reason: `duplicate paragraphs hold ${fmt(paraDup.duplicateCharFraction)} of the characters, above ${fmt(o.maxDuplicateParagraphCharFraction)}` }
  }

  const topRules = Object.entries(o.maxTopNgramCharFraction)
  const dupRules = Object.entries(o.maxDuplicateNgramCharFraction)
  if (topRules.length === 0 && dupRules.length === 0) return undefined
  const rep = ngramRepetition(match, topRules.map(([k]) => Number(k)), dupRules.map(([k]) => Number(k)))
  for (const [size, limit] of topRules) {
    const f = rep.top.get(Number(size)) ?? 0
    if (f > limit) return { rule: `top-${size}-gram`, reason: `the most frequent ${size}-gram covers ${fmt(f)} of the characters, above ${fmt(limit)}` }
  }
  for (const [size, limit] of dupRules) {
    const f = rep.duplicate.get(Number(size)) ?? 0
    if (f > limit) return { rule: `duplicate-${size}-grams`, reason: `repeated ${size}-grams cover ${fmt(f)} of the characters, above ${fmt(limit)}` }
  }
  return undefined
}
