import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../../src/core/corpus/text/csv'
import { LabError } from '../../../src/shared/errors'

describe('corpus CSV (the importer tokenizer)', () => {
  it('undoes RFC 4180 quoting, keeps the line each record starts on and skips blank lines', () => {
    const records = parseCsv('text,id\r\n"a, ""b""\nc",1\n\nx,2\n', 'f.csv')
    expect(records).toEqual([
      { fields: ['text', 'id'], line: 1 },
      { fields: ['a, "b"\nc', '1'], line: 2 },
      { fields: ['x', '2'], line: 5 },
    ])
  })

  it('refuses a quote that is never closed, with file, line and column', () => {
    let error: unknown
    try {
      parseCsv('text\nok\n"never closed\n', 'f.csv', ',')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(LabError)
    expect((error as LabError).file).toBe('f.csv')
    expect((error as LabError).line).toBe(3)
    expect((error as LabError).column).toBe(1)
  })
})
