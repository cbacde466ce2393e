/**
 * Word n-gram identities without building strings: each word gets two independent 32-bit hashes
 * (FNV-1a with two seeds, text/hash.ts), and an n-gram's identity is the pair of lanes built word by word
 * with a multiply-rotate combine, h = (rotl(h, 5) xor w) * odd constant (mod 2^32), all in 32-bit integer
 * arithmetic. Two different n-grams get the same pair with probability about 2^-64; where a false match
 * would change a decision about a document (decontamination) the words are compared as well. Keys extend
 * one word at a time, so all n-gram sizes from one start position cost one pass.
 */
import { hashString32 } from './hash'

const SEED2 = 0x9747b28c

/** Per-word hashes, one per lane. */
export interface WordLanes {
  lane1: Int32Array
  lane2: Int32Array
}

export function wordLanes(words: string[]): WordLanes {
  const lane1 = new Int32Array(words.length)
  const lane2 = new Int32Array(words.length)
  for (let i = 0; i < words.length; i++) {
    lane1[i] = hashString32(words[i])
    lane2[i] = hashString32(words[i], SEED2)
  }
  return { lane1, lane2 }
}

/** Append word hash w to lane value h (start from 0). */
export function extend1(h: number, w: number): number {
  return Math.imul(((h << 5) | (h >>> 27)) ^ w, 0x9e3779b1)
}
export function extend2(h: number, w: number): number {
  return Math.imul(((h << 13) | (h >>> 19)) ^ w, 0x85ebca6b)
}

/** The two lanes of the n-gram starting at `start`. */
export function ngramLanes(words: WordLanes, start: number, n: number): [number, number] {
  let h1 = 0
  let h2 = 0
  for (let k = start; k < start + n; k++) {
    h1 = extend1(h1, words.lane1[k])
    h2 = extend2(h2, words.lane2[k])
  }
  return [h1, h2]
}

/**
 * An open-addressing hash table (linear probing) from an n-gram's (lane1, lane2) to its count and the
 * position of its first occurrence, the four numbers of an entry side by side for cache locality;
 * reset() reuses the array between documents.
 */
export class NgramTable {
  private entries = new Int32Array(0)
  private mask = 0

  reset(expected: number): void {
    let cap = 16
    while (cap < expected * 2) cap *= 2
    if (cap * 4 !== this.entries.length) this.entries = new Int32Array(cap * 4)
    else this.entries.fill(0)
    this.mask = cap - 1
  }

  /** Count one occurrence at `position`; returns the entry's slot (read count(slot), first(slot)). */
  add(h1: number, h2: number, position: number): number {
    const e = this.entries
    let s = (Math.imul(h1, 0x9e3779b1) ^ h2) & this.mask
    for (;;) {
      const at = s << 2
      if (e[at + 2] === 0) {
        e[at] = h1
        e[at + 1] = h2
        e[at + 2] = 1
        e[at + 3] = position
        return s
      }
      if (e[at] === h1 && e[at + 1] === h2) {
        e[at + 2]++
        return s
      }
      s = (s + 1) & this.mask
    }
  }

  /** The entry's slot, or -1 when the n-gram was never added. */
  find(h1: number, h2: number): number {
    const e = this.entries
    let s = (Math.imul(h1, 0x9e3779b1) ^ h2) & this.mask
    for (;;) {
      const at = s << 2
      if (e[at + 2] === 0) return -1
      if (e[at] === h1 && e[at + 1] === h2) return s
      s = (s + 1) & this.mask
    }
  }

  count(slot: number): number {
    return this.entries[(slot << 2) + 2]
  }

  first(slot: number): number {
    return this.entries[(slot << 2) + 3]
  }
}
