/**
 * One row of a CSV file as byte ranges into the chunk being parsed: fields are decoded only when asked for,
 * numbers can be read straight from the bytes, and every field knows its 1-based line and column.
 */

const LF = 0x0a
const CR = 0x0d

export interface Location {
  line: number
  column: number
}

/** field flags */
export const QUOTED = 1
export const ESCAPED = 2
export const NON_ASCII = 4

/** 10^0 .. 10^22: every one is exact in a double, the condition of the fast number path below */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`))

/**
 * One parsed row. Fields are decoded only when asked for (`text`, `number`, `fields`), so a step log's
 * numbers never become strings. The object is reused for the next row: copy what you keep.
 */
export class CsvRow {
  count = 0
  /** 1-based line on which the row starts */
  line = 0
  /** rows before this one (the header is row 0) */
  index = 0
  buf: Buffer = Buffer.alloc(0)
  rowStart = 0
  rowEnd = 0
  /** per field: content start and end (inside quotes), flags */
  readonly starts: number[] = []
  readonly ends: number[] = []
  readonly flags: number[] = []
  private decoded: string[] = []
  private decodedFor = -1
  private generation = 0

  /** @internal the tokenizer moved on to a new row */
  reset(): void {
    this.generation++
  }

  /** The field's text (quotes removed, doubled quotes undone); '' past the end of the row. */
  text(i: number): string {
    if (i >= this.count) return ''
    const f = this.flags[i]
    let s = decode(this.buf, this.starts[i], this.ends[i], f & NON_ASCII)
    if (f & ESCAPED) s = s.replaceAll('""', '"')
    return s
  }

  /** All fields as text (decoded once per row). */
  get fields(): string[] {
    if (this.decodedFor !== this.generation) {
      const out = this.decoded
      out.length = this.count
      for (let i = 0; i < this.count; i++) out[i] = this.text(i)
      this.decodedFor = this.generation
    }
    return this.decoded
  }

  /**
   * The field as a plain decimal number (-12, 3.25, 1.5e-3) read straight from the bytes, or NaN when it is
   * anything else (blank, quoted, units, more than 15 digits): the caller then reads the text. With at most
   * 15 significant digits and a power of ten up to 1e22, one IEEE multiplication or division is correctly
   * rounded (Clinger 1990, "How to read floating point numbers accurately"), so this equals Number(text).
   */
  number(i: number): number {
    if (i >= this.count || this.flags[i] !== 0) return NaN
    const buf = this.buf
    let p = this.starts[i]
    const e = this.ends[i]
    if (p >= e) return NaN
    let negative = false
    let b = buf[p]
    if (b === 0x2d) {
      negative = true
      p++
    } else if (b === 0x2b) p++
    let mantissa = 0
    let digits = 0
    let fraction = 0
    while (p < e && (b = buf[p] - 0x30) >= 0 && b <= 9) {
      mantissa = mantissa * 10 + b
      digits++
      p++
    }
    if (p < e && buf[p] === 0x2e) {
      p++
      while (p < e && (b = buf[p] - 0x30) >= 0 && b <= 9) {
        mantissa = mantissa * 10 + b
        digits++
        fraction++
        p++
      }
    }
    if (digits === 0 || digits > 15) return NaN
    let exponent = -fraction
    if (p < e && (buf[p] | 0x20) === 0x65) {
      p++
      let expNegative = false
      if (p < e && (buf[p] === 0x2d || buf[p] === 0x2b)) expNegative = buf[p++] === 0x2d
      let exp = 0
      let expDigits = 0
      while (p < e && (b = buf[p] - 0x30) >= 0 && b <= 9 && expDigits < 4) {
        exp = exp * 10 + b
        expDigits++
        p++
      }
      if (expDigits === 0) return NaN
      exponent += expNegative ? -exp : exp
    }
    if (p !== e || exponent > 22 || exponent < -22) return NaN
    const v = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent]
    return negative ? -v : v
  }

  /** Whether field i holds exactly the text s (compared byte by byte for ASCII, without decoding). */
  is(i: number, s: string): boolean {
    if (i >= this.count) return false
    const f = this.flags[i]
    if (f & (ESCAPED | NON_ASCII)) return this.text(i) === s
    const start = this.starts[i]
    const n = this.ends[i] - start
    if (n !== s.length) return false
    const buf = this.buf
    for (let k = 0; k < n; k++) if (buf[start + k] !== s.charCodeAt(k)) return false
    return true
  }

  /** 1-based line and column (in characters) where field i starts; i = count points just past the row. */
  locate(i: number): Location {
    const at = i < this.count ? this.starts[i] - (this.flags[i] & QUOTED) : this.lastFieldEnd()
    return locateIn(this.buf, this.rowStart, at, this.line)
  }

  private lastFieldEnd(): number {
    let e = this.rowEnd
    while (e > this.rowStart && (this.buf[e - 1] === 0x0a || this.buf[e - 1] === 0x0d)) e--
    return e
  }
}

/** Line and column of byte `offset`, counting from `from` which sits at the start of line `line`. */
export function locateIn(buf: Buffer, from: number, offset: number, line: number): Location {
  let lineStart = from
  for (let p = from; p < offset; p++) {
    const b = buf[p]
    if (b === LF || (b === CR && buf[p + 1] !== LF)) {
      line++
      lineStart = p + 1
    }
  }
  let column = 1
  for (let p = lineStart; p < offset; p++) if ((buf[p] & 0xc0) !== 0x80) column++
  return { line, column }
}

/** Node's Buffer has fast slice-to-string methods that skip toString's argument handling. */
interface FastSlices {
  latin1Slice(start: number, end: number): string
  utf8Slice(start: number, end: number): string
}
const hasFastSlices = typeof (Buffer.prototype as unknown as Partial<FastSlices>).latin1Slice === 'function'

export function decode(buf: Buffer, start: number, end: number, nonAscii: number): string {
  if (end <= start) return ''
  if (!hasFastSlices) return buf.toString(nonAscii ? 'utf8' : 'latin1', start, end)
  const fast = buf as unknown as FastSlices
  return nonAscii ? fast.utf8Slice(start, end) : fast.latin1Slice(start, end)
}

