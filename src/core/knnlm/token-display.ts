/**
 * Tokens as a reader sees them. A byte-level BPE (bpe-tokenizer.ts) falls back to single bytes for characters it
 * never merged, so a Chinese character (3 UTF-8 bytes) or an emoji (4 bytes) can be split over several tokens;
 * decoding one of those tokens alone, or a window that starts or ends inside a character, gives U+FFFD.
 * Here, text is cut at character boundaries instead (UTF-8, RFC 3629: a lead byte 0xxxxxxx, 110xxxxx, 1110xxxx or
 * 11110xxx followed by 0-3 continuation bytes 10xxxxxx): a token inside a split character is shown as the whole
 * character, and a byte that belongs to no complete character is shown as <0xE4> (the byte-fallback notation of
 * SentencePiece), never as U+FFFD.
 */
import type { Tokenizer } from './tokenizer'

const isContinuation = (b: number): boolean => (b & 0xc0) === 0x80
const strict = new TextDecoder('utf-8', { fatal: true })

/** length of the UTF-8 sequence a lead byte starts (0: not a lead byte) */
function sequenceLength(b: number): number {
  if (b < 0x80) return 1
  if (b >= 0xc2 && b <= 0xdf) return 2
  if (b >= 0xe0 && b <= 0xef) return 3
  if (b >= 0xf0 && b <= 0xf4) return 4
  return 0
}

const byteName = (b: number): string => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`

/** Every complete UTF-8 character decoded; every other byte shown as <0xXX>. */
export function bytesForDisplay(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes)
  } catch {
    // some bytes are not whole characters: walk them
  }
  let out = ''
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]!)
    let text: string | undefined
    if (n > 0 && i + n <= bytes.length) {
      try {
        text = strict.decode(bytes.subarray(i, i + n))
      } catch {
        text = undefined
      }
    }
    if (text !== undefined) {
      out += text
      i += n
    } else {
      out += byteName(bytes[i]!)
      i++
    }
  }
  return out
}

/** One token on its own (a next-token candidate): its text, or <0xE4> for a byte of an unfinished character. */
export function tokenForDisplay(tokenizer: Tokenizer, id: number): string {
  return id === tokenizer.eosId ? tokenizer.tokenText(id) : bytesForDisplay(tokenizer.tokenBytes(id))
}

export interface TokenInContext {
  /** the text before the token, from a character boundary */
  context: string
  /** the token; the whole character when the token is part of one split over several tokens */
  token: string
  /** the token's own bytes (e.g. "E4 B8") when `token` shows a character split over several tokens */
  bytes?: string
}

/**
 * The token at `at` of a stream and the `contextTokens` tokens before it, cut at character boundaries: a character
 * split between the context and the token is shown with the token; a context starting inside a character starts
 * at that character's first byte.
 */
export function tokenInContext(tokenizer: Tokenizer, stream: ArrayLike<number>, at: number, contextTokens: number): TokenInContext {
  const first = Math.max(0, at - contextTokens - 3)
  const last = Math.min(stream.length, at + 4)
  const parts: Uint8Array[] = []
  let tokStart = 0
  let tokEnd = 0
  let ctxStart = 0
  let total = 0
  for (let j = first; j < last; j++) {
    if (j === Math.max(0, at - contextTokens)) ctxStart = total
    if (j === at) tokStart = total
    const b = tokenizer.tokenBytes(stream[j]!)
    parts.push(b)
    total += b.length
    if (j === at) tokEnd = total
  }
  const bytes = new Uint8Array(total)
  let o = 0
  for (const p of parts) {
    bytes.set(p, o)
    o += p.length
  }
  for (let n = 0; n < 3 && ctxStart > 0 && isContinuation(bytes[ctxStart]!); n++) ctxStart--
  let a = tokStart
  for (let n = 0; n < 3 && a > ctxStart && isContinuation(bytes[a]!); n++) a--
  let b = tokEnd
  // the token's character continues in the next tokens (the token ends with a lead byte or inside a character)
  for (let n = 0; n < 3 && b < total && isContinuation(bytes[b]!) && b > a; n++) b++
  const context = bytesForDisplay(bytes.subarray(ctxStart, a))
  if (stream[at] === tokenizer.eosId) return { context, token: tokenizer.tokenText(stream[at]!) }
  const out: TokenInContext = { context, token: bytesForDisplay(bytes.subarray(a, b)) }
  if (a !== tokStart || b !== tokEnd) out.bytes = Array.from(bytes.subarray(tokStart, tokEnd), (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ')
  return out
}
