/**
 * Shingles for near-duplicate detection: the set of word n-grams of a document (Broder 1997; Lee et al.
 * 2022 use 5-grams), over matching words (text/words.ts: lower case, edge punctuation removed; Chinese
 * characters one by one), each hashed to 32 bits from its words' hashes (no strings are built). A document shorter than n words gives one shingle, its
 * whole text, so short identical texts still match. Returned sorted and without repeats.
 */
import { matchingWords } from '../text/words'
import { hashString32 } from '../text/hash'
import { wordLanes } from '../text/ngram-keys'

export function shingleHashes(text: string, n: number): Uint32Array {
  const words = matchingWords(text)
  if (words.length === 0) return new Uint32Array(0)
  if (words.length <= n) return Uint32Array.of(hashString32(words.join(' ')))
  // a shingle's hash combines its words' hashes (the lane-1 combine of text/ngram-keys.ts, then fmix32)
  const { lane1 } = wordLanes(words)
  const out = new Uint32Array(words.length - n + 1)
  for (let i = 0; i + n <= words.length; i++) {
    let h = 0
    for (let k = i; k < i + n; k++) h = Math.imul(((h << 5) | (h >>> 27)) ^ lane1[k], 0x9e3779b1)
    h ^= h >>> 16
    h = Math.imul(h, 0x85ebca6b)
    h ^= h >>> 13
    h = Math.imul(h, 0xc2b2ae35)
    h ^= h >>> 16
    out[i] = h >>> 0
  }
  out.sort()
  let w = 0
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[w++] = out[i]
  return out.slice(0, w)
}

/** |A ∩ B| / |A ∪ B| of two sorted, repeat-free hash sets (1 for two empty sets). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1
  let i = 0
  let j = 0
  let both = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return both / (a.length + b.length - both)
}
