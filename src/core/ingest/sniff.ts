/**
 * Look at the start of a file and decide how to read it: refuse what is not CSV text (empty, binary, a
 * spreadsheet or archive, UTF-16), note a UTF-8 byte-order mark and CRLF line ends, choose the delimiter
 * (comma, semicolon or tab: the one that splits the header and the first rows into the same number of
 * fields, most fields winning) and whether numbers use a decimal comma (3,14 in a ';' or tab file, "3,14"
 * inside quotes in a comma file).
 */
import { open } from 'node:fs/promises'
import { LabError } from '../../shared/errors'
import { QUOTED } from './csv-row'
import { CsvTokenizer, type CsvRow } from './csv-tokenizer'

export const DELIMITERS = [',', ';', '\t'] as const
export type Delimiter = (typeof DELIMITERS)[number]

export interface Dialect {
  delimiter: Delimiter
  decimalComma: boolean
  hasBom: boolean
  crlf: boolean
  /** bytes to skip (the BOM) */
  startOffset: number
}

export interface Sniffed extends Dialect {
  size: number
  header: string[]
  /** first data rows, as text */
  sampleRows: string[][]
  /** 1-based line of each sample row */
  sampleLines: number[]
  /** where the header row starts, and the 1-based character column of each header cell */
  headerLine: number
  headerColumns: number[]
}

const SNIFF_BYTES = 1024 * 1024
const SAMPLE_ROWS = 500

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx or .ods spreadsheet is one)' },
  { bytes: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) workbook' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
]

export async function readHead(path: string, bytes = SNIFF_BYTES): Promise<{ head: Buffer; size: number }> {
  const handle = await open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new LabError('import-open', `Cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}.`, { file: path })
  })
  try {
    const { size } = await handle.stat()
    const head = Buffer.alloc(Math.min(size, bytes))
    let got = 0
    while (got < head.length) {
      const { bytesRead } = await handle.read(head, got, head.length - got, got)
      if (bytesRead === 0) break
      got += bytesRead
    }
    return { head: head.subarray(0, got), size }
  } finally {
    await handle.close()
  }
}

export async function sniffFile(path: string, file: string): Promise<Sniffed> {
  const { head, size } = await readHead(path)
  return sniffBytes(head, size, file)
}

export function sniffBytes(head: Buffer, size: number, file: string): Sniffed {
  refuseNonText(head, file)
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
  const startOffset = hasBom ? 3 : 0
  const body = head.subarray(startOffset)
  if (body.toString('latin1').trim() === '') {
    throw new LabError('import-empty', size === 0 ? 'The file is empty.' : 'The file holds no data, only blank space.', {
      file,
      line: 1,
      column: 1,
      hint: 'Choose a CSV file with a header row and at least one data row.',
    })
  }
  const whole = size === head.length
  const delimiter = chooseDelimiter(body, whole, file)
  const rows: string[][] = []
  const lines: number[] = []
  const quoted: boolean[][] = []
  let headerColumns: number[] = []
  const tokenizer = new CsvTokenizer(delimiter, file)
  const take = (): ((row: CsvRow) => boolean) => (row) => {
    if (rows.length === 0) headerColumns = Array.from({ length: row.count }, (_, i) => row.locate(i).column)
    rows.push(row.fields.slice(0, row.count))
    quoted.push(row.flags.slice(0, row.count).map((f) => (f & QUOTED) !== 0))
    lines.push(row.line)
    return rows.length <= SAMPLE_ROWS
  }
  tokenizer.write(body, take())
  if (whole) tokenizer.end(take())
  if (rows.length === 0) {
    throw new LabError('import-empty', 'The file holds no complete row.', { file, line: 1, column: 1, hint: 'Choose a CSV file with a header row and at least one data row.' })
  }
  const header = rows[0].map((h) => h.trim())
  const sampleRows = rows.slice(1)
  return {
    delimiter,
    decimalComma: delimiter === ',' ? quotesDecimalComma(sampleRows, quoted.slice(1)) : usesDecimalComma(sampleRows),
    hasBom,
    crlf: body.includes('\r\n'),
    startOffset,
    size,
    header,
    sampleRows,
    sampleLines: lines.slice(1),
    headerLine: lines[0],
    headerColumns,
  }
}

function refuseNonText(head: Buffer, file: string): void {
  for (const m of MAGIC) {
    if (m.bytes.every((b, i) => head[i] === b)) {
      throw new LabError('import-binary', `This is ${m.what}, not a CSV text file.`, { file, line: 1, column: 1, hint: 'Export or save the data as CSV (UTF-8) and import that file.' })
    }
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new LabError('import-encoding', 'The file is UTF-16 text; Scaling Lab reads UTF-8.', { file, line: 1, column: 1, hint: 'Save it as CSV UTF-8 and import it again.' })
  }
}

/** Field counts of the first rows under each delimiter; the delimiter that gives a steady count > 1 wins. */
function chooseDelimiter(body: Buffer, whole: boolean, file: string): Delimiter {
  let best: Delimiter = ','
  let bestScore = 0
  for (const d of DELIMITERS) {
    const counts: number[] = []
    try {
      const t = new CsvTokenizer(d, file)
      const onRow = (row: { count: number }): boolean => {
        counts.push(row.count)
        return counts.length < 50
      }
      t.write(body, onRow)
      if (whole) t.end(onRow)
    } catch {
      // a quoting error under this delimiter: it is the wrong one (or the file is broken; the import will say where)
    }
    if (counts.length === 0 || counts[0] < 2) continue
    const steady = counts.filter((c) => c === counts[0]).length / counts.length
    const score = steady * 1000 + counts[0]
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

const DECIMAL_COMMA = /^[+-]?\d+,\d+(?:[eE][+-]?\d+)?$/
const DECIMAL_POINT = /^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/

function usesDecimalComma(rows: string[][]): boolean {
  let commas = 0
  let points = 0
  for (const r of rows) {
    for (const cell of r) {
      const c = cell.trim()
      if (DECIMAL_COMMA.test(c)) commas++
      else if (DECIMAL_POINT.test(c)) points++
    }
  }
  return commas > 0 && commas >= points
}

/** 3,4 or 0,125 or 12,5e-3: a decimal comma that cannot be a thousands separator (which has 3 digits after it) */
const UNAMBIGUOUS_DECIMAL_COMMA = /^[+-]?(?:0,\d+|\d+,(?:\d{1,2}|\d{4,}))(?:[eE][+-]?\d+)?$/
/** 1,234.5: a thousands comma with a decimal point */
const THOUSANDS_AND_POINT = /^[+-]?\d{1,3}(?:,\d{3})+\.\d+$/

/**
 * In a comma-delimited file a decimal comma can only appear inside quotes ("3,4"): such a file uses the
 * decimal comma when its quoted numbers say so unambiguously and decimal points are not more common.
 */
function quotesDecimalComma(rows: string[][], quoted: boolean[][]): boolean {
  let commas = 0
  let points = 0
  rows.forEach((r, k) => {
    r.forEach((cell, i) => {
      const c = cell.trim()
      if (quoted[k]?.[i] && UNAMBIGUOUS_DECIMAL_COMMA.test(c)) commas++
      else if (DECIMAL_POINT.test(c) || THOUSANDS_AND_POINT.test(c)) points++
    })
  })
  return commas > 0 && commas >= points
}
