import { describe, expect, it } from 'vitest'
import { PF_DAY_FLOPS, flopsFromTokens, isMissingValue, parseBoolean, parseQuantity, tokensFromFlops } from '../../../src/shared/units'

describe('parseQuantity', () => {
  it('reads P as peta (1e15), as the Scaling form always did, but not the p of PF-days', () => {
    expect(parseQuantity('2P')).toBe(2e15)
    expect(parseQuantity('1.5 p FLOPs')).toBe(1.5e15)
    expect(parseQuantity('1 PF-day')).toBe(PF_DAY_FLOPS)
  })

  it.each([
    ['70M', 70e6],
    ['1.4B', 1.4e9],
    ['2.5 B', 2.5e9],
    ['1.4T', 1.4e12],
    ['300B', 300e9],
    ['300B tokens', 300e9],
    ['12b', 12e9],
    ['160m', 160e6],
    ['10k', 1e4],
    ['10K', 1e4],
    ['5.76e23', 5.76e23],
    ['5.76E+23 FLOPs', 5.76e23],
    ['1,000', 1000],
    ['1,000,000,000', 1e9],
    ['1 000 000', 1e6],
    ['-3.25', -3.25],
    ['.5', 0.5],
    ['  42  ', 42],
    ['1.5 billion', 1.5e9],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 6)
    expect(parseQuantity(text)! / value).toBeCloseTo(1, 12)
  })

  it('reads PF-days as 1e15 FLOP/s for a day (Kaplan et al. 2020 write C_c ~ 3.1e8 PF-days)', () => {
    expect(PF_DAY_FLOPS).toBe(8.64e19)
    expect(parseQuantity('3.1e8 PF-days')).toBeCloseTo(3.1e8 * 8.64e19, -14)
    expect(parseQuantity('1 pf-day')).toBe(8.64e19)
    expect(parseQuantity('2 petaflop/s-days')).toBe(2 * 8.64e19)
  })

  it('reads a decimal comma when the file uses one', () => {
    expect(parseQuantity('3,14', { decimalComma: true })).toBeCloseTo(3.14, 12)
    expect(parseQuantity('1.000,5', { decimalComma: true })).toBe(1000.5)
    expect(parseQuantity('0.001', { decimalComma: true })).toBe(0.001)
    expect(parseQuantity('3,14')).toBeUndefined()
  })

  it('returns undefined, never NaN, for what is not a number', () => {
    for (const text of ['', 'abc', '0x10', '1,5', '1.2.3', 'Infinity', 'NaN', '12 parsecs', '1e', '--1']) {
      expect(parseQuantity(text), text).toBeUndefined()
    }
  })
})

describe('C = 6 N D', () => {
  it('derives tokens from FLOPs and FLOPs from tokens (Hoffmann et al. 2022: 70B parameters, 1.4T tokens)', () => {
    expect(flopsFromTokens(70e9, 1.4e12)).toBeCloseTo(5.88e23, -20)
    expect(tokensFromFlops(5.88e23, 70e9)).toBeCloseTo(1.4e12, -3)
  })
})

describe('missing values and booleans', () => {
  it('treats blanks, NaN, None, null, N/A and infinities as missing', () => {
    for (const t of ['', ' ', 'NaN', 'nan', 'None', 'null', 'N/A', '-', 'inf', '-Infinity']) expect(isMissingValue(t), t).toBe(true)
    for (const t of ['0', '1.5', 'x', 'none of it']) expect(isMissingValue(t), t).toBe(false)
  })

  it('reads 1/0, true/false and yes/no', () => {
    expect(['1', 'true', 'True', 'yes', 'Y', 't'].map(parseBoolean)).toEqual([true, true, true, true, true, true])
    expect(['0', 'false', 'FALSE', 'no', 'n', 'f'].map(parseBoolean)).toEqual([false, false, false, false, false, false])
    expect(parseBoolean('maybe')).toBeUndefined()
  })
})
