import { writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { sniffBytes, sniffFile } from '../../../src/core/ingest/sniff'
import { fixture, labErrorOf, tempDir } from './helpers'

const tmp = tempDir('sniff-')
afterAll(() => tmp.remove())

describe('sniffing a file', () => {
  it('finds comma, semicolon and tab delimiters', async () => {
    expect((await sniffFile(fixture('long-log.csv'), 'long-log.csv')).delimiter).toBe(',')
    expect((await sniffFile(fixture('summary-eu-bom-crlf.csv'), 'eu.csv')).delimiter).toBe(';')
    expect((await sniffFile(fixture('summary-tab.csv'), 'tab.csv')).delimiter).toBe('\t')
  })

  it('sees a byte-order mark, CRLF and a decimal comma, and strips the BOM from the header', async () => {
    const s = await sniffFile(fixture('summary-eu-bom-crlf.csv'), 'eu.csv')
    expect([s.hasBom, s.crlf, s.decimalComma, s.startOffset]).toEqual([true, true, true, 3])
    expect(s.header).toEqual(['run', 'params', 'tokens', 'loss', 'accuracy'])
    expect(s.sampleRows[1]).toEqual(['medium', '1,4B', '300B', '2,61', '0,412'])
    const plain = await sniffFile(fixture('long-log.csv'), 'long-log.csv')
    expect([plain.hasBom, plain.crlf, plain.decimalComma]).toEqual([false, false, false])
  })

  it('does not mistake commas inside quotes for the delimiter', () => {
    const s = sniffBytes(Buffer.from('a;b;c\n"x,y";2;3\n"p,q";4;5\n'), 25, 'q.csv')
    expect(s.delimiter).toBe(';')
    expect(s.sampleRows[0]).toEqual(['x,y', '2', '3'])
  })

  it('keeps a semicolon file with decimal points as decimal points', () => {
    const s = sniffBytes(Buffer.from('a;b\n1.5;2.25\n3.5;4\n'), 20, 'p.csv')
    expect([s.delimiter, s.decimalComma]).toEqual([';', false])
  })

  it('refuses empty files, blank files, spreadsheets, archives and UTF-16 with a clear reason', async () => {
    const cases: [string, Buffer, string, RegExp][] = [
      ['empty.csv', Buffer.alloc(0), 'import-empty', /empty/],
      ['blank.csv', Buffer.from('\n\n  \r\n'), 'import-empty', /no data/],
      ['bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf]), 'import-empty', /no data/],
      ['book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'import-binary', /ZIP/],
      ['log.csv.gz', Buffer.from([0x1f, 0x8b, 8, 0]), 'import-binary', /gzip/],
      ['utf16.csv', Buffer.from('\ufeffa,b\n', 'utf16le'), 'import-encoding', /UTF-16/],
    ]
    for (const [name, bytes, code, message] of cases) {
      writeFileSync(tmp.path(name), bytes)
      const e = await labErrorOf(() => sniffFile(tmp.path(name), name))
      expect(e.code, name).toBe(code)
      expect(e.message, name).toMatch(message)
      expect([e.file, e.line, e.column], name).toEqual([name, 1, 1])
    }
  })

  it('says where a file that cannot be read is', async () => {
    const e = await labErrorOf(() => sniffFile(tmp.path('missing.csv'), 'missing.csv'))
    expect(e.code).toBe('import-open')
  })
})
