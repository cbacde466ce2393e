/**
 * CSV corpus files read with the importer's tokenizer (ingest/csv-tokenizer.ts: RFC 4180 quoting, LF / CRLF /
 * CR line ends, blank lines skipped, errors as LabError with file, line and column). Each record carries the
 * 1-based line it starts on, so later checks can point at it.
 */
import { CsvTokenizer } from '../../ingest/csv-tokenizer'

export interface CsvRecord {
  fields: string[]
  line: number
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

/** Every record of `text`; `file` names it in errors. */
export function parseCsv(text: string, file: string, delimiter = sniffDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = []
  const tokenizer = new CsvTokenizer(delimiter, file)
  const take = (row: { fields: string[]; line: number }): void => {
    records.push({ fields: [...row.fields], line: row.line })
  }
  tokenizer.write(Buffer.from(text, 'utf8'), take)
  tokenizer.end(take)
  return records
}
