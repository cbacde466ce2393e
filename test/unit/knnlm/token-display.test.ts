// Byte tokens shown as characters (src/core/knnlm/token-display.ts), with the shipped demo's English byte-level BPE:
// it never merged the bytes of a Chinese character or an emoji, so "中" (UTF-8 E4 B8 AD) and "🙂" (F0 9F 99 82)
// are split into one token per byte.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDemo } from '../../../src/core/knnlm/demo'
import { loadTokenizer } from '../../../src/core/knnlm/tokenizer'
import { bytesForDisplay, tokenForDisplay, tokenInContext } from '../../../src/core/knnlm/token-display'
import { perTokenView } from '../../../src/core/knnlm/per-token-view'

const tok = loadTokenizer(join(loadDemo().dir, 'tokenizer.json'))
const text = 'He wrote 中 and 🙂 then'
const ids = tok.encode(text)
const FFFD = '\uFFFD'

describe('byte tokens shown as characters', () => {
  it('the demo tokenizer splits the character and the emoji into single bytes (the case under test)', () => {
    const bytesOf = (id: number): number[] => Array.from(tok.tokenBytes(id))
    const all = ids.flatMap(bytesOf)
    const at = (b: number[]): number => ids.findIndex((id, i) => b.every((x, j) => bytesOf(ids[i + j]!)[0] === x && bytesOf(ids[i + j]!).length === 1))
    expect(at([0xe4, 0xb8, 0xad])).toBeGreaterThan(0)
    expect(at([0xf0, 0x9f, 0x99, 0x82])).toBeGreaterThan(0)
    expect(new TextDecoder().decode(Uint8Array.from(all))).toBe(text)
    // the old way: one byte token alone decodes to U+FFFD
    expect(tok.tokenText(ids[at([0xe4, 0xb8, 0xad])]!)).toBe(FFFD)
  })

  it('each byte token of a split character shows the whole character, with its own bytes', () => {
    const shown = ids.map((_, i) => tokenInContext(tok, ids, i, 12))
    const han = shown.filter((s) => s.token === '中')
    expect(han.map((s) => s.bytes)).toEqual(['E4', 'B8', 'AD'])
    const emoji = shown.filter((s) => s.token === '🙂')
    expect(emoji.map((s) => s.bytes)).toEqual(['F0', '9F', '99', '82'])
    // the context ends before the character the token is part of
    for (const s of [...han, ...emoji]) expect(s.context).toMatch(/ $/)
    for (const s of shown) expect(s.token + s.context).not.toContain(FFFD)
    expect(shown[ids.length - 1]!.context).toMatch(/ 中 and 🙂$/)
  })

  it('a context starting inside a character starts at its first byte', () => {
    const last = ids.length - 1
    // from the 3rd byte of the emoji on: 1 + the tokens after it
    const emojiEnd = ids.findIndex((id) => tok.tokenBytes(id)[0] === 0x82)
    const s = tokenInContext(tok, ids, last, last - emojiEnd)
    expect(s.context).toBe('🙂')
  })

  it('a lone byte of an unfinished character is named, never U+FFFD', () => {
    expect(tokenForDisplay(tok, 0xe4)).toBe('<0xE4>')
    expect(bytesForDisplay(Uint8Array.of(0xe4, 0xb8, 0x41, 0xe4, 0xb8, 0xad))).toBe('<0xE4><0xB8>A中')
    expect(bytesForDisplay(new TextEncoder().encode('naïve 中文 🙂'))).toBe('naïve 中文 🙂')
  })

  it('the per-token view shows the characters too', () => {
    const n = ids.length - 1
    const lm = new Float64Array(n).fill(-3)
    const knn = Float64Array.from({ length: n }, (_, i) => -3 + (i % 3) - 1)
    const v = perTokenView(Int32Array.from(ids), tok, lm, knn, { top: n })
    const rows = [...v.topGains, ...v.topLosses]
    expect(rows.some((g) => g.token === '中' && g.tokenBytes)).toBe(true)
    for (const g of rows) expect(g.token + g.context).not.toContain(FFFD)
  })
})
