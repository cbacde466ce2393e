/**
 * A booktabs LaTeX table (\toprule / \midrule / \bottomrule) from a data table; text is escaped for LaTeX.
 * Fit results with intervals are written by the caller as strings such as "0.348 [0.318, 0.378]".
 */
import type { DataTable } from './csv'

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
}

export function latexEscape(s: string): string {
  return s.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c])
}

export function toLatexTable(table: DataTable, opts: { caption?: string; label?: string } = {}): string {
  const align = table.columns.map((_, i) => (table.rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined) ? 'r' : 'l')).join('')
  const cell = (v: DataTable['rows'][number][number]): string => (v === null || v === undefined ? '--' : typeof v === 'number' ? String(v) : latexEscape(String(v)))
  const lines = [
    '\\begin{table}[t]',
    '\\centering',
    `\\begin{tabular}{${align}}`,
    '\\toprule',
    `${table.columns.map((c) => latexEscape(c)).join(' & ')} \\\\`,
    '\\midrule',
    ...table.rows.map((r) => `${r.map(cell).join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
  ]
  if (opts.caption) lines.push(`\\caption{${latexEscape(opts.caption)}}`)
  if (opts.label) lines.push(`\\label{${opts.label.replace(/[^\w:.-]/g, '')}}`)
  lines.push('\\end{table}')
  return lines.join('\n') + '\n'
}
