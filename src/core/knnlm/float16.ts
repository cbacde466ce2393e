/**
 * IEEE 754 half precision (binary16) <-> single precision, for datastore keys stored in float16.
 * Encoding rounds to nearest even; values beyond 65504 become +-Infinity; subnormals are kept.
 */
const f32 = new Float32Array(1)
const u32 = new Uint32Array(f32.buffer)

export function float32ToFloat16Bits(value: number): number {
  f32[0] = value
  const x = u32[0]!
  const sign = (x >>> 16) & 0x8000
  const exp = (x >>> 23) & 0xff
  let mant = x & 0x7fffff
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0) // inf / nan
  const e = exp - 127 + 15
  if (e >= 0x1f) return sign | 0x7c00
  if (e <= 0) {
    if (e < -10) return sign
    mant |= 0x800000
    const shift = 14 - e
    let half = mant >>> shift
    const rem = mant & ((1 << shift) - 1)
    const mid = 1 << (shift - 1)
    if (rem > mid || (rem === mid && (half & 1))) half++
    return sign | half
  }
  let half = (e << 10) | (mant >>> 13)
  const rem = mant & 0x1fff
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++ // may carry into the exponent: still correct
  return sign | half
}

let table: Float32Array | undefined
function decodeTable(): Float32Array {
  if (table) return table
  table = new Float32Array(65536)
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1
    const exp = (h >>> 10) & 0x1f
    const mant = h & 0x3ff
    let v: number
    if (exp === 0) v = mant * 2 ** -24
    else if (exp === 0x1f) v = mant ? NaN : Infinity
    else v = (1 + mant / 1024) * 2 ** (exp - 15)
    table[h] = sign * v
  }
  return table
}

export function float16BitsToFloat32(bits: number): number {
  return decodeTable()[bits & 0xffff]!
}

export function encodeFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16Bits(values[i]!)
  return out
}

export function decodeFloat16(bits: Uint16Array): Float32Array {
  const t = decodeTable()
  const out = new Float32Array(bits.length)
  for (let i = 0; i < bits.length; i++) out[i] = t[bits[i]!]!
  return out
}
