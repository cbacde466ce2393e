/** A data table as RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold , " CR or LF. */
export interface DataTable {
  columns: string[]
  rows: (string | number | boolean | null | undefined)[][]
}

export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  const s = String(v)
  // a leading = + - @ would be run as a formula by spreadsheets: prefix a quote for text cells only
  const safe = /^[=+\-@]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function toCsv(table: DataTable): string {
  const lines = [table.columns.map(csvField).join(',')]
  for (const row of table.rows) lines.push(row.map(csvField).join(','))
  return lines.join('\r\n') + '\r\n'
}
