/**
 * Words as the corpus pipeline counts them. English (and any space-separated script): runs of non-space
 * characters. Chinese: every Han character is a word of its own, as is every punctuation mark between Han
 * characters, since Chinese has no spaces and the lab models it character by character.
 * "Tokens" in pipeline reports are these words.
 */
const WORD = /\p{Script=Han}|[^\s\p{Script=Han}]+/gu
/** a Han character, or a space-free run that starts and ends with something other than punctuation or a symbol */
const MATCHING_WORD = /\p{Script=Han}|[^\s\p{P}\p{S}\p{Script=Han}](?:[^\s\p{Script=Han}]*[^\s\p{P}\p{S}\p{Script=Han}])?/gu
const HAN = /\p{Script=Han}/gu
const HAN_ONLY = /^\p{Script=Han}$/u
const LATIN_LETTER = /\p{Script=Latin}/gu

export function splitWords(text: string): string[] {
  return text.match(WORD) ?? []
}

export function countWords(text: string): number {
  let n = 0
  WORD.lastIndex = 0
  while (WORD.exec(text) !== null) n++
  return n
}

/**
 * Words for matching (n-grams, shingles, block lists): lower case, leading and trailing punctuation and
 * symbols removed, words that were only punctuation dropped. "Whale," and "whale" match; "，" vanishes.
 */
export function matchingWords(text: string): string[] {
  return text.toLowerCase().match(MATCHING_WORD) ?? []
}

/** matchingWords with the character offset of each word in the text, for excerpts around a match. */
export function matchingWordsWithOffsets(text: string): { words: string[]; offsets: number[] } {
  const words: string[] = []
  const offsets: number[] = []
  MATCHING_WORD.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = MATCHING_WORD.exec(text)) !== null) {
    words.push(m[0].toLowerCase())
    offsets.push(m.index)
  }
  return { words, offsets }
}

/** Words back into text: a space between words, none between two Han characters. */
export function joinWords(words: string[]): string {
  let out = ''
  for (let i = 0; i < words.length; i++) {
    if (i > 0 && !(HAN_ONLY.test(words[i - 1]) && HAN_ONLY.test(words[i]))) out += ' '
    out += words[i]
  }
  return out
}

/** 'zh' when Han characters make up more than 30% of the letters (Han + Latin), else 'en'. */
export function detectLang(text: string): 'en' | 'zh' {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text
  const han = sample.match(HAN)?.length ?? 0
  const latin = sample.match(LATIN_LETTER)?.length ?? 0
  return han > 0 && han / (han + latin) > 0.3 ? 'zh' : 'en'
}

/** A short, single-line excerpt of a text for reports, centred on `at` when given. */
export function excerpt(text: string, at = 0, length = 200): string {
  const start = Math.max(0, Math.min(at - Math.floor(length / 4), text.length - length))
  const piece = text.slice(start, start + length).replace(/\s+/g, ' ').trim()
  return (start > 0 ? '…' : '') + piece + (start + length < text.length ? '…' : '')
}
