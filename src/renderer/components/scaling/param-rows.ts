/**
 * The parameter table of a fit: value, bootstrap standard error and percentile interval of every parameter and
 * derived quantity, formatted in the field's units (N_opt 70B, D_opt 1.4T, C_c 2.3e8 FLOPs), and the same rows as
 * a booktabs LaTeX table with intervals for papers.
 */
import type { FitResultInfo } from '../../../shared/api'
import { formatQuantity, type QuantityKind } from '../../format/units'
import type { DataTable } from '../../export/csv'
import { toLatexTable } from '../../export/latex'

export interface ParamRow {
  name: string
  kind: 'param' | 'derived'
  value: number
  se: number | null
  lo: number | null
  hi: number | null
  unit: QuantityKind
}

/** Which unit a named quantity carries: counts of parameters or tokens, FLOPs, or a plain number. */
export function quantityKindOf(name: string): QuantityKind {
  if (/^(N_c|N_opt)$/.test(name)) return 'params'
  if (/^(D_c|D_opt)$/.test(name)) return 'tokens'
  if (/^C_c$/.test(name)) return 'flops'
  return 'metric'
}

export function paramRows(fit: FitResultInfo): ParamRow[] {
  const row = (name: string, value: number, kind: ParamRow['kind']): ParamRow => ({
    name,
    kind,
    value,
    se: fit.se?.[name] ?? null,
    lo: fit.ci?.[name]?.[0] ?? null,
    hi: fit.ci?.[name]?.[1] ?? null,
    unit: quantityKindOf(name),
  })
  const params = Object.entries(fit.params).map(([k, v]) => row(k, v, 'param'))
  const derived = Object.entries(fit.derived)
    .filter(([k]) => !(k in fit.params))
    .map(([k, v]) => row(k, v, 'derived'))
  return [...params, ...derived]
}

export function formatParam(r: Pick<ParamRow, 'unit'>, v: number | null): string {
  return v === null ? '—' : formatQuantity(r.unit, v)
}

/** The rows as a LaTeX table: "value [lo, hi]" and the standard error, with the fit named in the caption. */
export function paramsLatex(fit: FitResultInfo, caption: string, label: string): string {
  const rows = paramRows(fit)
  const level = typeof fit.diagnostics?.ci_level === 'number' ? fit.diagnostics.ci_level : 0.95
  const table: DataTable = {
    columns: ['Parameter', 'Estimate', fit.ci ? `${Math.round(level * 100)}% interval` : 'Interval', 'SE'],
    rows: rows.map((r) => [r.name, formatParam(r, r.value), r.lo === null || r.hi === null ? '--' : `[${formatParam(r, r.lo)}, ${formatParam(r, r.hi)}]`, r.se === null ? '--' : formatParam(r, r.se)]),
  }
  return toLatexTable(table, { caption, label })
}

/** The points behind the Scaling chart as CSV rows, with the fit's prediction and whether each was excluded. */
export function pointsTable(points: readonly { run: string; family: string | null; params: number; tokens: number; flops: number; loss: number; runId: number }[], excluded: readonly number[], predicted?: (p: { params: number; tokens: number; flops: number }) => number | null): DataTable {
  return {
    columns: ['run', 'family', 'params', 'tokens', 'flops', 'loss', 'excluded', ...(predicted ? ['predicted'] : [])],
    rows: points.map((p) => [p.run, p.family, p.params, p.tokens, p.flops, p.loss, excluded.includes(p.runId), ...(predicted ? [predicted(p)] : [])]),
  }
}
