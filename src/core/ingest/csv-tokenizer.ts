/**
 * A byte-level CSV tokenizer (RFC 4180 plus what real exports do): any one-byte delimiter, fields quoted with
 * `"` that may hold delimiters, doubled quotes and newlines, LF / CRLF / CR line ends, blank lines skipped.
 * Bytes arrive in chunks; an unfinished row is carried over to the next chunk, so memory is bounded by the
 * longest row, never by the file. Every row knows the 1-based line and column where each field starts.
 * The input is checked as it goes: NUL bytes and invalid UTF-8 stop it with their location.
 */
import { isUtf8 } from 'node:buffer'
import { LabError } from '../../shared/errors'
import { CsvRow, ESCAPED, NON_ASCII, QUOTED, locateIn } from './csv-row'
import { completeUtf8Prefix, firstInvalidUtf8 } from './utf8'

export { CsvRow, locateIn, type Location } from './csv-row'

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d

/** A row longer than this is refused rather than buffered without end. */
export const MAX_ROW_BYTES = 16 * 1024 * 1024

export type RowHandler = (row: CsvRow) => boolean | void

export class CsvTokenizer {
  private pending: Buffer | null = null
  private line = 1
  private rowIndex = 0
  private stopped = false
  private readonly row = new CsvRow()

  /**
   * @param delimiter one byte, e.g. ',' ';' '\t'
   * @param file shown in errors
   */
  constructor(
    private readonly delimiter: string,
    private readonly file: string,
    /** where the bytes start in the file: the 1-based line and the row index (for an import that resumes mid-file) */
    start?: { line: number; rowIndex: number },
  ) {
    if (start) {
      this.line = start.line
      this.rowIndex = start.rowIndex
    }
    if (Buffer.byteLength(delimiter) !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new Error(`unusable delimiter ${JSON.stringify(delimiter)}`)
    }
  }

  get isStopped(): boolean {
    return this.stopped
  }

  /** Bytes of an unfinished last row held back, waiting for more input (or end()). */
  get pendingBytes(): number {
    return this.pending?.length ?? 0
  }

  /** The 1-based line the next row starts on. */
  get nextLine(): number {
    return this.line
  }

  /** Feed the next chunk; rows completed by it go to onRow (return false from onRow to stop). */
  write(chunk: Buffer, onRow: RowHandler): void {
    if (this.stopped) return
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk
    this.pending = null
    this.check(buf, false)
    const used = this.parse(buf, false, onRow)
    if (!this.stopped && used < buf.length) {
      if (buf.length - used > MAX_ROW_BYTES) {
        throw new LabError('import-row-too-long', `A row longer than ${MAX_ROW_BYTES / 1048576} MB starts here.`, {
          file: this.file,
          ...locateIn(buf, 0, used, this.line),
          hint: 'Look for a quote that is never closed, or a file that is not CSV.',
        })
      }
      this.pending = Buffer.from(buf.subarray(used))
    }
  }

  /** The file ended: finish the last row. */
  end(onRow: RowHandler): void {
    if (this.stopped || !this.pending) return
    const buf = this.pending
    this.pending = null
    this.check(buf, true)
    this.parse(buf, true, onRow)
  }

  /** NUL bytes and invalid UTF-8 mean a binary or wrongly encoded file: refuse it with the place. */
  private check(buf: Buffer, final: boolean): void {
    const nul = buf.indexOf(0)
    if (nul !== -1) {
      throw new LabError('import-binary', 'The file holds binary data (a NUL byte), so it is not a CSV text file.', {
        file: this.file,
        ...locateIn(buf, 0, nul, this.line),
        hint: 'Export the data as CSV (UTF-8) and import that file.',
      })
    }
    const end = final ? buf.length : completeUtf8Prefix(buf)
    if (!isUtf8(buf.subarray(0, end))) {
      const bad = firstInvalidUtf8(buf, end)
      throw new LabError('import-encoding', 'The file is not valid UTF-8 text here.', {
        file: this.file,
        ...locateIn(buf, 0, bad, this.line),
        hint: 'Save the file as CSV UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and import it again.',
      })
    }
  }

  private parse(buf: Buffer, final: boolean, onRow: RowHandler): number {
    const d = this.delimiter.charCodeAt(0)
    const len = buf.length
    const row = this.row
    const starts = row.starts
    const ends = row.ends
    const flags = row.flags
    let pos = 0
    while (pos < len) {
      const rowStart = pos
      let lines = 0
      let n = 0
      for (;;) {
        const fieldStart = pos
        if (pos < len && buf[pos] === QUOTE) {
          pos++
          let flag = QUOTED
          let hi = 0
          let closed = false
          while (pos < len) {
            const b = buf[pos]
            if (b === QUOTE) {
              if (pos + 1 < len) {
                if (buf[pos + 1] === QUOTE) {
                  flag |= ESCAPED
                  pos += 2
                  continue
                }
              } else if (!final) break
              closed = true
              pos++
              break
            }
            if (b === LF) lines++
            hi |= b
            pos++
          }
          if (!closed) {
            if (!final) return rowStart
            throw new LabError('import-unclosed-quote', 'A quoted field is never closed: the file ends inside it.', {
              file: this.file,
              ...locateIn(buf, rowStart, fieldStart, this.line),
              hint: 'Close the quote, or double any quote inside a quoted field ("").',
            })
          }
          starts[n] = fieldStart + 1
          ends[n] = pos - 1
          flags[n] = hi >= 0x80 ? flag | NON_ASCII : flag
          if (pos < len) {
            const b = buf[pos]
            if (b !== d && b !== LF && b !== CR) {
              throw new LabError('import-quote', `Unexpected ${describeByte(b)} after the closing quote of a field.`, {
                file: this.file,
                ...locateIn(buf, rowStart, pos, this.line),
                hint: 'A quote inside a quoted field must be doubled (""); a field that is quoted must end at its closing quote.',
              })
            }
          }
        } else {
          let hi = 0
          while (pos < len) {
            const b = buf[pos]
            if (b === d || b === LF || b === CR) break
            hi |= b
            pos++
          }
          if (pos >= len && !final) return rowStart
          starts[n] = fieldStart
          ends[n] = pos
          flags[n] = hi >= 0x80 ? NON_ASCII : 0
        }
        n++
        if (pos >= len) break
        const b = buf[pos]
        if (b === d) {
          pos++
          continue
        }
        if (b === CR) {
          if (pos + 1 < len) pos += buf[pos + 1] === LF ? 2 : 1
          else if (final) pos++
          else return rowStart
        } else pos++
        break
      }
      const rowLine = this.line
      this.line += lines + 1
      if (n === 1 && flags[0] === 0 && ends[0] === starts[0]) continue
      row.reset()
      row.count = n
      row.line = rowLine
      row.index = this.rowIndex++
      row.buf = buf
      row.rowStart = rowStart
      row.rowEnd = pos
      if (onRow(row) === false) {
        this.stopped = true
        return pos
      }
    }
    return pos
  }
}

function describeByte(b: number): string {
  return b >= 0x20 && b < 0x7f ? `'${String.fromCharCode(b)}'` : `byte 0x${b.toString(16).padStart(2, '0')}`
}

