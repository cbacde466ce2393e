/** Test helpers: distinct made-up words, so crafted documents repeat nothing unless a test wants them to. */
import type { CorpusDocument } from '../../../src/core/corpus/types'

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

/** k distinct six-letter words "wq" + 4 letters, starting at `from` */
export function distinctWords(k: number, from = 0, prefix = 'wq'): string[] {
  const out: string[] = []
  for (let i = from; i < from + k; i++) {
    let s = ''
    let x = i
    for (let d = 0; d < 4; d++) {
      s = LETTERS[x % 26] + s
      x = Math.floor(x / 26)
    }
    out.push(prefix + s)
  }
  return out
}

export function doc(id: string, text: string, lang: 'en' | 'zh' = 'en'): CorpusDocument {
  return { id, text, source: 'test', lang }
}
