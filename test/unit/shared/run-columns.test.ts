import { describe, expect, it } from 'vitest'
import { LabError } from '../../../src/shared/errors'
import { canonicalColumn, columnText, parseColumnSpec } from '../../../src/shared/run-columns'

function refusal(text: string): LabError {
  try {
    parseColumnSpec(text)
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error(`${text} was accepted`)
}

describe('metric column specs', () => {
  it('reads metric:agg, the metric being everything before the last colon', () => {
    expect(parseColumnSpec('loss:last')).toEqual({ key: 'loss:last', metric: 'loss', agg: 'last' })
    expect(parseColumnSpec(' eval/loss:MIN ')).toEqual({ key: 'eval/loss:MIN', metric: 'eval/loss', agg: 'min' })
    expect(parseColumnSpec('lm:val:max')).toMatchObject({ metric: 'lm:val', agg: 'max' })
  })

  it('reads at=, at_step= and at_tokens= with units', () => {
    expect(parseColumnSpec('val_loss:at=1e9')).toEqual({ key: 'val_loss:at=1e9', metric: 'val_loss', agg: 'at', at: 1e9 })
    expect(parseColumnSpec('loss:at_tokens=300B')).toMatchObject({ agg: 'at_tokens', at: 300e9 })
    expect(parseColumnSpec('loss:at_step=2k')).toMatchObject({ agg: 'at_step', at: 2000 })
  })

  it('names one column whatever way its x is written', () => {
    expect(canonicalColumn(parseColumnSpec('val_loss:at=1e9'))).toBe(canonicalColumn(parseColumnSpec('val_loss:at=1B')))
    expect(columnText('loss', 'at_tokens', 3e11)).toBe('loss:at_tokens=300000000000')
    expect(columnText('loss', 'at_tokens', ' 300B ')).toBe('loss:at_tokens=300B')
    expect(columnText('loss', 'min')).toBe('loss:min')
  })

  it('refuses a bad spec with the character position and what was expected', () => {
    expect(refusal('loss')).toMatchObject({ code: 'bad-column', column: 1 })
    expect(refusal('loss:mean')).toMatchObject({ column: 6 })
    expect(refusal('loss:mean').message).toContain('expected last, min, max, at=, at_step= or at_tokens=')
    expect(refusal('loss:at=')).toMatchObject({ column: 9 })
    expect(refusal('loss:at=soon').message).toContain('needs a step or token count')
    expect(refusal('loss:at=-5')).toMatchObject({ column: 9 })
    expect(refusal('loss:last=3')).toMatchObject({ column: 10 })
  })
})
