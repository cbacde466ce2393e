/** UTF-8 checks for text arriving in chunks. */
import { isUtf8 } from 'node:buffer'

/** Length of the prefix that ends on a character boundary (a multi-byte character may continue in the next chunk). */
export function completeUtf8Prefix(buf: Buffer): number {
  const len = buf.length
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = buf[i]
    if ((b & 0xc0) === 0x80) continue
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1
    return i + need > len ? i : len
  }
  return len
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
export function firstInvalidUtf8(buf: Buffer, end: number): number {
  let i = 0
  while (i < end) {
    const b = buf[i]
    let need = 0
    if (b < 0x80) need = 0
    else if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) need = 2
    else if (b >= 0xf0 && b <= 0xf4) need = 3
    else return i
    if (need > 0) {
      if (i + need >= end) return i
      if (!isUtf8(buf.subarray(i, i + need + 1))) return i
    }
    i += need + 1
  }
  return end
}
