/**
 * A small RFC 4180 CSV reader for corpus files: fields separated by a delimiter, fields in double quotes
 * may hold delimiters, newlines and doubled quotes (""), CRLF or LF line ends. Each record carries the
 * 1-based line it starts on, so errors can point at it.
 */
export interface CsvRecord {
  fields: string[]
  line: number
}

export class CsvSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message)
    this.name = 'CsvSyntaxError'
  }
}

/** ',' unless the first line has no comma but a semicolon or a tab. */
export function sniffDelimiter(text: string): string {
  const end = text.indexOf('\n')
  const first = end < 0 ? text : text.slice(0, end)
  if (first.includes(',')) return ','
  if (first.includes('\t')) return '\t'
  if (first.includes(';')) return ';'
  return ','
}

export function parseCsv(text: string, delimiter = sniffDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let i = 0
  let atFieldStart = true
  const n = text.length
  const endRecord = (): void => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recordLine })
    fields = []
    field = ''
    atFieldStart = true
  }
  while (i < n) {
    const c = text[i]
    if (atFieldStart && c === '"') {
      const quoteLine = line
      const quoteColumn = i - text.lastIndexOf('\n', i - 1)
      i++
      for (;;) {
        if (i >= n) throw new CsvSyntaxError('a quoted field is never closed', quoteLine, quoteColumn)
        const q = text[i]
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        if (q === '\n') line++
        field += q
        i++
      }
      atFieldStart = false
      const next = text[i]
      if (i < n && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(`unexpected "${next}" after a closing quote`, line, i - text.lastIndexOf('\n', i - 1))
      }
      continue
    }
    if (c === delimiter) {
      fields.push(field)
      field = ''
      atFieldStart = true
      i++
    } else if (c === '\r' || c === '\n') {
      endRecord()
      if (c === '\r' && text[i + 1] === '\n') i++
      i++
      line++
      recordLine = line
    } else {
      field += c
      atFieldStart = false
      i++
    }
  }
  if (field.length > 0 || fields.length > 0) endRecord()
  return records
}
