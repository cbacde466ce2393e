/**
 * A column's type is decided by the whole column, not by its first rows. The census reads every data row
 * once and counts, per column, the cells that are numbers, missing values (blank, NaN, None, inf) and text,
 * keeping where the first text cells are. `judgeColumn` then applies the rule below; a column that holds
 * both numbers and text is never typed silently: it is either a numeric column whose bad cells are refused
 * (or, leniently, left empty and listed), or a text column with a warning that names its first text cell.
 *
 * The rule. Let N be the column's numbers and T its text cells (missing values count for neither).
 *  - T = 0, N > 0: numbers.           - N = 0: text (T > 0) or empty.
 *  - both: numbers with T bad cells when the text cells are a small minority, T < N and T <= max(1, N / 10), and
 *    every one of them holds a digit (a mistyped number: 0.3O, 1.2.3, 3,4 in a decimal-point file);
 *    otherwise text (words such as "auto" or "adam" mark a genuine config column).
 */
import type { ProgressOptions } from '../jobs/cancelled'
import { readCsvFile } from './read-csv-file'
import type { Sniffed } from './sniff'
import { isMissingValue, parseQuantity } from '../../shared/units'

/** Text cells whose place is kept per column (enough for the message and the lenient list). */
const KEEP_TEXTS = 20

export interface TextCell {
  text: string
  line: number
  /** 1-based character column; 0 when unknown (a census of sample rows) */
  column: number
}

export interface ColumnCensus {
  numbers: number
  missing: number
  texts: number
  /** text cells that hold at least one digit */
  digitTexts: number
  /** the first text cells, in file order */
  firstTexts: TextCell[]
}

export interface Census {
  columns: ColumnCensus[]
  /** data rows read */
  rows: number
  /** false when only the first maxBytes were read (a preview of a large file) */
  complete: boolean
}

export type ColumnKind = 'numeric' | 'text' | 'empty'

export interface ColumnJudgement {
  kind: ColumnKind
  /** text cells of a numeric column: refused, or left empty with --lenient */
  bad: number
}

const DIGIT = /\d/

function emptyColumn(): ColumnCensus {
  return { numbers: 0, missing: 0, texts: 0, digitTexts: 0, firstTexts: [] }
}

function count(c: ColumnCensus, text: string, decimalComma: boolean, where: () => { line: number; column: number }): void {
  if (isMissingValue(text)) {
    c.missing++
    return
  }
  if (parseQuantity(text, { decimalComma }) !== undefined) {
    c.numbers++
    return
  }
  c.texts++
  if (DIGIT.test(text)) c.digitTexts++
  if (c.firstTexts.length < KEEP_TEXTS) c.firstTexts.push({ text: text.trim(), ...where() })
}

/** Read every data row of the file (or its first maxBytes) and count each column's cells. */
export async function censusFile(path: string, sniffed: Sniffed, file: string, opts: ProgressOptions & { maxBytes?: number } = {}): Promise<Census> {
  const width = sniffed.header.length
  const columns = Array.from({ length: width }, emptyColumn)
  const decimalComma = sniffed.decimalComma
  let rows = 0
  const result = await readCsvFile(
    path,
    { delimiter: sniffed.delimiter, file, startOffset: sniffed.startOffset, maxBytes: opts.maxBytes, signal: opts.signal, onChunk: (read, total) => opts.onProgress?.(total ? read / total : 1, 'Reading column types') },
    (row) => {
      if (row.index === 0) return
      rows++
      const n = Math.min(width, row.count)
      for (let i = 0; i < n; i++) {
        const c = columns[i]
        // plain numbers are read from the bytes without making a string
        const fast = row.number(i)
        if (fast === fast) c.numbers++
        else count(c, row.text(i), decimalComma, () => row.locate(i))
      }
      for (let i = n; i < width; i++) columns[i].missing++
    },
  )
  return { columns, rows, complete: result.complete }
}

/** The same counts over the sniffed sample rows (line known, column not): for a plan made without a census. */
export function censusSample(sniffed: Sniffed): Census {
  const width = sniffed.header.length
  const columns = Array.from({ length: width }, emptyColumn)
  sniffed.sampleRows.forEach((r, k) => {
    for (let i = 0; i < width; i++) count(columns[i], r[i] ?? '', sniffed.decimalComma, () => ({ line: sniffed.sampleLines[k] ?? 0, column: 0 }))
  })
  return { columns, rows: sniffed.sampleRows.length, complete: false }
}

export function judgeColumn(c: ColumnCensus): ColumnJudgement {
  if (c.numbers === 0) return { kind: c.texts ? 'text' : 'empty', bad: 0 }
  if (c.texts === 0) return { kind: 'numeric', bad: 0 }
  const fewTypos = c.texts < c.numbers && c.texts <= Math.max(1, Math.floor(c.numbers / 10)) && c.digitTexts === c.texts
  return fewTypos ? { kind: 'numeric', bad: c.texts } : { kind: 'text', bad: 0 }
}

/** FILE:LINE:COLUMN of a text cell (FILE:LINE when the column is not known). */
export function cellPlace(file: string, cell: TextCell): string {
  return cell.column > 0 ? `${file}:${cell.line}:${cell.column}` : `${file}:${cell.line}`
}

export function quoteCell(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text)
}
