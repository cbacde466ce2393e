// The Scaling form's typed fields (field-checks.ts): what parses, what gets a message instead of a thrown error, and
// that every accepted value is one the fit request schema (src/shared/api/fit.ts) takes.
import { describe, expect, it } from 'vitest'
import { fitRequestOptions } from '../../../src/shared/api/fit'
import { checkBootstrap, checkBudget, checkCutoff, checkSeed } from '../../../src/renderer/components/scaling/field-checks'
import { parseQuantityText } from '../../../src/renderer/components/scaling/parse-quantity'
import { parseQuantity, PF_DAY_FLOPS } from '../../../src/shared/units'

const value = (c: ReturnType<typeof checkBudget>): number | null => (c.ok ? c.value : null)
const key = (c: ReturnType<typeof checkBudget>): string | null => (c.ok ? null : c.message.key)

describe('the budget field', () => {
  it('reads FLOPs, magnitude suffixes and PF-days (1 PF-day = 8.64e19 FLOPs, Kaplan et al. 2020)', () => {
    expect(value(checkBudget('5.76e23'))).toBe(5.76e23)
    expect(value(checkBudget('1e21 FLOPs'))).toBe(1e21)
    // Kaplan et al.'s C_c = 3.1e8 PF-days
    expect(value(checkBudget('3.1e8 PF-days'))).toBeCloseTo(3.1e8 * 8.64e19, -10)
    expect(value(checkBudget('1 pf-day'))).toBe(8.64e19)
    expect(value(checkBudget('2.5k petaflop/s-days'))).toBeCloseTo(2500 * 8.64e19, -10)
  })
  it('reads PF-days as the importer does', () => {
    for (const text of ['3.1e8 PF-days', '1 PF-day', '2.5k pfdays', '70B', '5.76e23', '1e21 FLOPs']) {
      expect(parseQuantityText(text)).toBeCloseTo(parseQuantity(text)!, -5)
    }
    expect(PF_DAY_FLOPS).toBe(8.64e19)
  })
  it('says what is wrong beside the field instead of throwing', () => {
    expect(key(checkBudget('abc'))).toBe('scalingKeep.field.notCompute')
    expect(checkBudget('abc')).toEqual({ ok: false, message: { key: 'scalingKeep.field.notCompute', values: { text: 'abc' } } })
    expect(key(checkBudget('3.1e8 PF-years'))).toBe('scalingKeep.field.notCompute')
    expect(key(checkBudget(''))).toBe('scalingKeep.field.budgetEmpty')
    expect(key(checkBudget('-5e20'))).toBe('scalingKeep.field.notCompute')
    expect(key(checkBudget('1e5'))).toBe('scalingKeep.field.budgetRange')
    expect(key(checkBudget('1e40'))).toBe('scalingKeep.field.budgetRange')
  })
  it('hands on only budgets the fit request schema takes', () => {
    for (const text of ['5.76e23', '3.1e8 PF-days', '1e10', '1e32', '70B']) {
      const c = checkBudget(text)
      expect(c.ok).toBe(true)
      if (c.ok) expect(fitRequestOptions.safeParse({ budget: c.value }).success).toBe(true)
    }
  })
})

describe('the bootstrap and seed fields', () => {
  it('refuses -5 resamples with a message, and fractions, words and sizes past 10000', () => {
    expect(checkBootstrap('-5')).toEqual({ ok: false, message: { key: 'scalingKeep.field.bootstrap', values: { max: 10000 } } })
    for (const bad of ['2.5', 'lots', '', '10001', '1e3']) expect(checkBootstrap(bad).ok).toBe(false)
  })
  it('takes whole numbers from 0 to 10000, which the schema takes', () => {
    for (const good of ['0', '40', ' 200 ', '10000']) {
      const c = checkBootstrap(good)
      expect(c.ok).toBe(true)
      if (c.ok) expect(fitRequestOptions.safeParse({ bootstrap: c.value }).success).toBe(true)
    }
  })
  it('checks the seed against the schema range 0..2^31', () => {
    expect(value(checkSeed('7'))).toBe(7)
    expect(checkSeed('-1').ok).toBe(false)
    expect(checkSeed(String(2 ** 31 + 1)).ok).toBe(false)
  })
})

describe('the backtest cut-off field', () => {
  it('is blank for none and otherwise a compute', () => {
    expect(value(checkCutoff(''))).toBe(0)
    expect(value(checkCutoff('1e21'))).toBe(1e21)
    expect(key(checkCutoff('soon'))).toBe('scalingKeep.field.notCompute')
  })
})
