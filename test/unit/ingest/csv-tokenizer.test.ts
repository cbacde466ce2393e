import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../src/core/random'
import { CsvTokenizer, type CsvRow } from '../../../src/core/ingest/csv-tokenizer'
import { LabError } from '../../../src/shared/errors'

interface Parsed {
  fields: string[]
  line: number
  locations: { line: number; column: number }[]
}

/** Tokenize `text`, fed `chunk` bytes at a time. */
function tokenize(text: string | Buffer, delimiter = ',', chunk = Infinity): Parsed[] {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  const t = new CsvTokenizer(delimiter, 'test.csv')
  const rows: Parsed[] = []
  const onRow = (row: CsvRow): void => {
    rows.push({ fields: [...row.fields], line: row.line, locations: row.fields.map((_, i) => row.locate(i)) })
  }
  const step = Math.max(1, Math.min(chunk, bytes.length))
  for (let i = 0; i < bytes.length; i += step) t.write(bytes.subarray(i, i + step), onRow)
  t.end(onRow)
  return rows
}

function errorOf(fn: () => unknown): LabError {
  try {
    fn()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a LabError')
}

const tricky = 'name,notes,value\r\n"a, b","say ""hi""",1\r\n\r\nplain,"two\nlines",2\rcr,x,3\nlast,,4'

describe('CsvTokenizer', () => {
  it('splits quoted fields with delimiters, doubled quotes and newlines; CRLF, CR and LF; skips blank lines', () => {
    expect(tokenize(tricky).map((r) => r.fields)).toEqual([
      ['name', 'notes', 'value'],
      ['a, b', 'say "hi"', '1'],
      ['plain', 'two\nlines', '2'],
      ['cr', 'x', '3'],
      ['last', '', '4'],
    ])
  })

  it('gives the same rows whatever the chunk size', () => {
    const whole = tokenize(tricky)
    for (const chunk of [1, 2, 3, 5, 7, 16]) expect(tokenize(tricky, ',', chunk), `chunk ${chunk}`).toEqual(whole)
  })

  it('knows the line and column of every field, across quoted newlines and multi-byte characters', () => {
    const rows = tokenize('a,b,c\n"x\ny",é€,z\nq,"r",s')
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4])
    expect(rows[1].locations).toEqual([
      { line: 2, column: 1 },
      { line: 3, column: 4 },
      { line: 3, column: 7 },
    ])
    expect(rows[2].locations).toEqual([
      { line: 4, column: 1 },
      { line: 4, column: 3 },
      { line: 4, column: 7 },
    ])
  })

  it('reads tab and semicolon delimited text and keeps UTF-8 intact', () => {
    expect(tokenize('a\tb\nα\t"β\tγ"\n', '\t').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['α', 'β\tγ'],
    ])
    expect(tokenize('a;b\n1,5;2\n', ';').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ])
    // a multi-byte character split across chunks
    expect(tokenize('名前,値\n模型,1\n', ',', 1).map((r) => r.fields)).toEqual([
      ['名前', '値'],
      ['模型', '1'],
    ])
  })

  it('reads plain numbers straight from the bytes exactly as Number() does', () => {
    const random = seededRandom(42)
    const texts: string[] = ['0', '-0.5', '+3', '1e5', '1.5E-3', '007', '.25', '123456789012345', '1234567890123456', '1e23', '1e-23', '12.', 'x', '', '1e', '-', '0x10', '1;5']
    for (let i = 0; i < 3000; i++) {
      const v = (random.next() - 0.5) * 10 ** Math.floor(random.next() * 30 - 15)
      texts.push(String(v), v.toPrecision(1 + random.int(17)), v.toExponential(random.int(15)), v.toFixed(random.int(10)))
    }
    const t = new CsvTokenizer(',', 'n.csv')
    let checked = 0
    let notNumbers = 0
    t.write(Buffer.from(texts.join('\n') + '\n'), (row) => {
      const text = row.text(0)
      const n = row.number(0)
      if (!Number.isNaN(n)) {
        expect(n, text).toBe(Number(text))
        checked++
      } else if (['x', '1e', '-', '0x10', '1;5', '1234567890123456'].includes(text)) {
        notNumbers++
      }
    })
    expect(checked).toBeGreaterThan(6000)
    expect(notNumbers).toBe(6)
  })

  it('compares a field with a string without decoding it', () => {
    const seen: boolean[] = []
    new CsvTokenizer(',', 't.csv').write(Buffer.from('run-1,"run-1","ru""n",é\n'), (row) => {
      seen.push(row.is(0, 'run-1'), row.is(1, 'run-1'), row.is(0, 'run-2'), row.is(2, 'ru"n'), row.is(3, 'é'), row.is(9, ''))
    })
    expect(seen).toEqual([true, true, false, true, true, false])
  })

  it('refuses an unclosed quote with the place it opens', () => {
    const e = errorOf(() => tokenize('a,b\n1,2\n3,"4\n5,6\n'))
    expect(e.code).toBe('import-unclosed-quote')
    expect([e.file, e.line, e.column]).toEqual(['test.csv', 3, 3])
  })

  it('refuses text after a closing quote', () => {
    const e = errorOf(() => tokenize('a,b\n"x"y,2\n'))
    expect(e.code).toBe('import-quote')
    expect([e.line, e.column]).toEqual([2, 4])
  })

  it('refuses NUL bytes and invalid UTF-8 with their place, even across chunks', () => {
    const nul = errorOf(() => tokenize(Buffer.from('a,b\n1,2\n3,\u00004\n'), ',', 3))
    expect([nul.code, nul.line, nul.column]).toEqual(['import-binary', 3, 3])
    const latin1 = errorOf(() => tokenize(Buffer.from('name,v\ncaf\xe9,1\n', 'latin1'), ',', 4))
    expect([latin1.code, latin1.line, latin1.column]).toEqual(['import-encoding', 2, 4])
  })

  it('stops when the handler returns false', () => {
    const t = new CsvTokenizer(',', 't.csv')
    const rows: string[] = []
    t.write(Buffer.from('a\nb\nc\n'), (row) => {
      rows.push(row.text(0))
      return rows.length < 2
    })
    t.end(() => {
      rows.push('after end')
    })
    expect(rows).toEqual(['a', 'b'])
    expect(t.isStopped).toBe(true)
  })
})
