/**
 * Byte-level byte-pair encoding (Sennrich et al. 2016, "Neural Machine Translation of Rare Words with Subword
 * Units"; byte-level base alphabet as in GPT-2, Radford et al. 2019): text is split into pre-tokens (a word with its
 * leading space, a number, a run of punctuation, whitespace), each pre-token is a sequence of its UTF-8 bytes
 * (ids 0..255), and the most frequent adjacent pair is merged into a new id until the vocabulary reaches its size.
 * Any text round-trips exactly: decoding concatenates the bytes back.
 */
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'

/** GPT-2 style pre-tokenizer: " word", " 123", " ?!", whitespace runs. */
export const PRE_TOKEN_PATTERN = / ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu

export function preTokenize(text: string): string[] {
  return text.match(PRE_TOKEN_PATTERN) ?? []
}

const PAIR = 1 << 16
const pairKey = (a: number, b: number): number => a * PAIR + b

/** Learn `vocabSize - 257` merges (256 byte ids and one end-of-text id are reserved). Returns merges as id pairs. */
export function learnBpeMerges(texts: readonly string[], vocabSize: number, opts: ProgressOptions = {}): Array<[number, number]> {
  const encoder = new TextEncoder()
  const wordCounts = new Map<string, number>()
  for (const text of texts) for (const w of preTokenize(text)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1)
  const words: number[][] = []
  const freq: number[] = []
  for (const [w, c] of wordCounts) {
    words.push([...encoder.encode(w)])
    freq.push(c)
  }
  const counts = new Map<number, number>()
  const where = new Map<number, Set<number>>()
  const add = (key: number, wi: number, c: number): void => {
    counts.set(key, (counts.get(key) ?? 0) + c)
    let s = where.get(key)
    if (!s) where.set(key, (s = new Set()))
    s.add(wi)
  }
  for (let wi = 0; wi < words.length; wi++) {
    const w = words[wi]!
    for (let i = 0; i + 1 < w.length; i++) add(pairKey(w[i]!, w[i + 1]!), wi, freq[wi]!)
  }
  // lazy max-heap of [count, key]; stale entries are skipped when popped
  const heap: Array<[number, number]> = []
  const better = (x: [number, number], y: [number, number]): boolean => x[0] > y[0] || (x[0] === y[0] && x[1] < y[1])
  const push = (e: [number, number]): void => {
    heap.push(e)
    let i = heap.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!better(heap[i]!, heap[p]!)) break
      ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
      i = p
    }
  }
  const pop = (): [number, number] | undefined => {
    if (heap.length === 0) return undefined
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length > 0) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < heap.length && better(heap[l]!, heap[m]!)) m = l
        if (r < heap.length && better(heap[r]!, heap[m]!)) m = r
        if (m === i) break
        ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
        i = m
      }
    }
    return top
  }
  for (const [k, c] of counts) push([c, k])

  const merges: Array<[number, number]> = []
  const target = vocabSize - 257
  let nextId = 257
  while (merges.length < target) {
    if (merges.length % 50 === 0) {
      throwIfCancelled(opts.signal)
      opts.onProgress?.(merges.length / target, `merge ${merges.length} of ${target}`)
    }
    let best: [number, number] | undefined
    while ((best = pop())) {
      if ((counts.get(best[1]) ?? 0) === best[0] && best[0] > 0) break
    }
    if (!best || best[0] < 2) break // nothing left worth merging
    const key = best[1]
    const a = Math.floor(key / PAIR)
    const b = key % PAIR
    const id = nextId++
    merges.push([a, b])
    const touched = new Set<number>()
    for (const wi of where.get(key) ?? []) {
      const w = words[wi]!
      const c = freq[wi]!
      // remove this word's pairs, merge, add back
      for (let i = 0; i + 1 < w.length; i++) {
        const k = pairKey(w[i]!, w[i + 1]!)
        counts.set(k, counts.get(k)! - c)
        touched.add(k)
      }
      const merged: number[] = []
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
          merged.push(id)
          i++
        } else merged.push(w[i]!)
      }
      words[wi] = merged
      for (let i = 0; i + 1 < merged.length; i++) {
        const k = pairKey(merged[i]!, merged[i + 1]!)
        add(k, wi, c)
        touched.add(k)
      }
    }
    where.delete(key)
    counts.delete(key)
    for (const k of touched) {
      const c = counts.get(k)
      if (c !== undefined && c > 0) push([c, k])
    }
  }
  opts.onProgress?.(1, `${merges.length} merges`)
  return merges
}

/** Encode with learned merges: repeatedly merge the adjacent pair with the lowest merge rank. */
export class BpeEncoder {
  private readonly rank = new Map<number, number>()
  private readonly cache = new Map<string, number[]>()
  private readonly bytesOf: Uint8Array[] = []
  private readonly encoder = new TextEncoder()

  constructor(readonly merges: ReadonlyArray<readonly [number, number]>) {
    for (let i = 0; i < 256; i++) this.bytesOf.push(Uint8Array.of(i))
    this.bytesOf.push(new Uint8Array(0)) // 256: end of text
    merges.forEach(([a, b], i) => {
      if (!(a >= 0 && b >= 0 && a < 257 + i && b < 257 + i)) throw new RangeError(`merge ${i} (${a}, ${b}) refers to an id not defined before it`)
      this.rank.set(pairKey(a, b), i)
      const x = this.bytesOf[a]!
      const y = this.bytesOf[b]!
      const both = new Uint8Array(x.length + y.length)
      both.set(x)
      both.set(y, x.length)
      this.bytesOf.push(both)
    })
  }

  get vocabSize(): number {
    return 257 + this.merges.length
  }

  encodeWord(word: string): number[] {
    const hit = this.cache.get(word)
    if (hit) return hit
    let ids = [...this.encoder.encode(word)]
    for (;;) {
      let bestRank = Infinity
      let at = -1
      for (let i = 0; i + 1 < ids.length; i++) {
        const r = this.rank.get(pairKey(ids[i]!, ids[i + 1]!))
        if (r !== undefined && r < bestRank) {
          bestRank = r
          at = i
        }
      }
      if (at < 0) break
      const [a, b] = this.merges[bestRank]!
      const next: number[] = []
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
          next.push(257 + bestRank)
          i++
        } else next.push(ids[i]!)
      }
      ids = next
    }
    if (this.cache.size < 200_000) this.cache.set(word, ids)
    return ids
  }

  encode(text: string): number[] {
    const out: number[] = []
    for (const w of preTokenize(text)) for (const id of this.encodeWord(w)) out.push(id)
    return out
  }

  tokenBytes(id: number): Uint8Array {
    const b = this.bytesOf[id]
    if (!b) throw new RangeError(`token id ${id} is outside the vocabulary (${this.vocabSize})`)
    return b
  }
}
