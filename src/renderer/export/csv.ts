/** A data table as RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold , " CR or LF. */
export interface DataTable {
  columns: string[]
  rows: (string | number | boolean | null | undefined)[][]
}

/**
 * A text cell that starts with = + - @, a tab or a carriage return is read as a formula by spreadsheets (OWASP,
 * CSV injection): a quote in front keeps it text. A plain decimal number written as text ('-1.5') is left as it is.
 */
const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  const s = String(v)
  const safe = FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function toCsv(table: DataTable): string {
  const lines = [table.columns.map(csvField).join(',')]
  for (const row of table.rows) lines.push(row.map(csvField).join(','))
  return lines.join('\r\n') + '\r\n'
}
