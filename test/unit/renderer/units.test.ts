// Expected strings are the field's conventions as written in the papers: Pythia sizes (Biderman et al. 2023:
// 70M, 1.4B, 12B), Chinchilla (Hoffmann et al. 2022: 70B params, 1.4T tokens, 5.76e23 FLOPs), GPT-3 (300B tokens).
import { describe, expect, it } from 'vitest'
import { formatAxisTick, formatBytes, formatCount, formatFlops, formatMetric, formatParams, formatScientific, formatStep, formatTokens } from '../../../src/renderer/format/units'

describe('formatCount', () => {
  it('writes parameter counts with suffixes', () => {
    expect(formatParams(70e6)).toBe('70M')
    expect(formatParams(1.4e9)).toBe('1.4B')
    expect(formatParams(12e9)).toBe('12B')
    expect(formatParams(70e9)).toBe('70B')
    expect(formatParams(70_426_624)).toBe('70.4M')
  })
  it('writes token counts with suffixes', () => {
    expect(formatTokens(300e9)).toBe('300B')
    expect(formatTokens(1.4e12)).toBe('1.4T')
    expect(formatTokens(2_097_152)).toBe('2.1M')
  })
  it('promotes 999.9M to 1B instead of 1000M', () => {
    expect(formatCount(999_960_000)).toBe('1B')
    expect(formatCount(999_400)).toBe('999K')
  })
  it('keeps small numbers and signs', () => {
    expect(formatCount(512)).toBe('512')
    expect(formatCount(-2.5e9)).toBe('-2.5B')
    expect(formatCount(0)).toBe('0')
  })
  it('shows a dash for missing or non-finite values', () => {
    expect(formatCount(null)).toBe('—')
    expect(formatCount(undefined)).toBe('—')
    expect(formatCount(Number.NaN)).toBe('—')
    expect(formatFlops(Number.POSITIVE_INFINITY)).toBe('—')
  })
  it('falls back to scientific above 1e15', () => {
    expect(formatCount(2e16)).toBe('2e16')
  })
})

describe('formatScientific / formatFlops', () => {
  it('writes compute like papers do', () => {
    expect(formatFlops(5.76e23)).toBe('5.76e23')
    expect(formatScientific(5.8e23, 2)).toBe('5.8e23')
    expect(formatFlops(1e21)).toBe('1e21')
    expect(formatFlops(3.14e-3)).toBe('3.14e-3')
  })
})

describe('formatMetric / formatStep / formatBytes / ticks', () => {
  it('rounds losses to 4 significant digits', () => {
    expect(formatMetric(2.345678)).toBe('2.346')
    expect(formatMetric(0.5)).toBe('0.5')
    expect(formatMetric(1.5e-7)).toBe('1.5e-7')
  })
  it('writes steps exactly when small and with suffixes when large', () => {
    expect(formatStep(512)).toBe('512')
    expect(formatStep(143000)).toBe('143K')
  })
  it('writes file sizes in binary units', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(100)).toBe('100 B')
  })
  it('formats log-axis ticks per quantity', () => {
    expect(formatAxisTick('params', 1e9)).toBe('1B')
    expect(formatAxisTick('flops', 1e21)).toBe('1e21')
  })
})
