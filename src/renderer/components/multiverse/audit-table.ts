/** The robustness audit as a table (CSV export) and a booktabs LaTeX table: one row per specification, its choices and quantities. */
import { CHOICE_DIMENSIONS, type MultiverseResult } from '../../../shared/api/multiverse'
import type { DataTable } from '../../export/csv'
import { toLatexTable } from '../../export/latex'

const QUANTITIES = ['a', 'b', 'tokens_per_param', 'loss_at_budget'] as const

export function auditTable(r: MultiverseResult): DataTable {
  return {
    columns: ['id', ...CHOICE_DIMENSIONS, 'n_points', ...QUANTITIES, 'converged'],
    rows: r.specs.map((s) => [s.id, ...CHOICE_DIMENSIONS.map((d) => s.choices[d]), s.n_points, ...QUANTITIES.map((q) => s[q]), s.converged ? 'yes' : 'no']),
  }
}

const sig = (v: number | null): number | null => (v === null ? null : Number(v.toPrecision(4)))

export function auditLatex(r: MultiverseResult, caption: string): string {
  const t = auditTable(r)
  const rows = t.rows.map((row) => row.map((v) => (typeof v === 'number' ? sig(v) : v)))
  return toLatexTable({ columns: t.columns, rows }, { caption, label: 'tab:robustness-audit' })
}
