// Fixtures written by numpy.save in scripts/reference/knnlm-reference.py; float16 bit patterns from NumPy too.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeNpy, parseNpy, readNpy, npyToMatrix, npyToVector } from '../../../src/core/knnlm/npy'
import { decodeFloat16, encodeFloat16, float32ToFloat16Bits } from '../../../src/core/knnlm/float16'

const fx = join(import.meta.dirname, '..', '..', 'fixtures', 'knnlm')
const expected = JSON.parse(readFileSync(join(fx, 'expected.json'), 'utf8')) as { n: number; d: number; m: number; float16: { values: number[]; bits: number[] } }

describe('npy', () => {
  it('reads arrays numpy wrote: float32, float16, int32, int64', () => {
    const k32 = readNpy(join(fx, 'keys-f32.npy'))
    expect(k32.dtype).toBe('float32')
    expect(k32.shape).toEqual([expected.n, expected.d])
    const k16 = readNpy(join(fx, 'keys-f16.npy'))
    expect(k16.dtype).toBe('float16')
    const a = npyToMatrix(k32, 'k32', 'keys').data
    const b = npyToMatrix(k16, 'k16', 'keys').data
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(Math.abs(a[i]!) * 1e-3 + 1e-4)
    const v = npyToVector(readNpy(join(fx, 'values.npy')), 'v', 'values', 'int')
    const v64 = npyToVector(readNpy(join(fx, 'values-i64.npy')), 'v64', 'values', 'int')
    expect(Array.from(v64)).toEqual(Array.from(v))
    expect(v.length).toBe(expected.n)
  })

  it('round-trips through its own writer, byte for byte with numpy headers', () => {
    const bytes = readFileSync(join(fx, 'keys-f32.npy'))
    const arr = parseNpy(bytes)
    expect(Buffer.from(encodeNpy(arr)).equals(bytes)).toBe(true)
    const one = { dtype: 'int32' as const, shape: [5], data: Int32Array.of(1, -2, 3, 4, 2147483647) }
    const back = parseNpy(encodeNpy(one))
    expect(back.shape).toEqual([5])
    expect(Array.from(back.data as Int32Array)).toEqual([1, -2, 3, 4, 2147483647])
  })

  it('refuses what it cannot read, saying what to do', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 'x.npy')).toThrow(/not a NumPy/)
    const f64 = encodeNpy({ dtype: 'float64', shape: [4], data: Float64Array.of(1, 2, 3, 4) })
    expect(() => npyToVector(parseNpy(f64), 'x.npy', 'values', 'int')).toThrow(/int32/)
    expect(() => npyToMatrix(parseNpy(encodeNpy({ dtype: 'int32', shape: [4], data: Int32Array.of(1, 2, 3, 4) })), 'x.npy', 'keys')).toThrow(/2-D/)
    const truncated = readFileSync(join(fx, 'values.npy')).subarray(0, 200)
    expect(() => parseNpy(truncated, 'values.npy')).toThrow(/truncated/)
  })
})

describe('float16', () => {
  it('encodes like numpy', () => {
    const got = expected.float16.values.map((x) => float32ToFloat16Bits(x))
    expect(got).toEqual(expected.float16.bits)
  })
  it('decodes to within half-precision rounding', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10)
    const y = decodeFloat16(encodeFloat16(x))
    for (let i = 0; i < x.length; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThanOrEqual(Math.abs(x[i]!) * 2 ** -11 + 1e-7)
  })
})
