/** A shipped atlas CSV as rows of named text cells, read with the importer's tokenizer (small files, read whole). */
import { readFileSync } from 'node:fs'
import { LabError } from '../../shared/errors'
import { CsvTokenizer } from '../ingest/csv-tokenizer'

export interface AtlasTable {
  file: string
  header: string[]
  rows: Record<string, string>[]
}

export function readAtlasTable(path: string): AtlasTable {
  const tokenizer = new CsvTokenizer(',', path)
  const all: string[][] = []
  const onRow = (row: { count: number; text(i: number): string }): void => {
    all.push(Array.from({ length: row.count }, (_, i) => row.text(i)))
  }
  tokenizer.write(readFileSync(path), onRow)
  tokenizer.end(onRow)
  const [header, ...body] = all
  if (!header) throw new LabError('atlas-bad-data', `The atlas file ${path} is empty.`, { file: path })
  return { file: path, header, rows: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))) }
}

/** A numeric cell; NaN when empty. Any other text is refused with the place. */
export function cellNumber(table: AtlasTable, row: Record<string, string>, column: string): number {
  const text = row[column]
  if (text === undefined) throw new LabError('atlas-bad-data', `The atlas file has no column ${column}.`, { file: table.file, line: 1 })
  if (text.trim() === '') return NaN
  const v = Number(text)
  if (!Number.isFinite(v)) {
    const index = table.rows.indexOf(row)
    throw new LabError('atlas-bad-data', `Column ${column} holds "${text}", not a number.`, { file: table.file, line: index + 2, column: table.header.indexOf(column) + 1 })
  }
  return v
}
