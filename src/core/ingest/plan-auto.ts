/**
 * Automatic mapping rules that need more than a header name: run fields nested under `config.` / `model.` /
 * `data.` ... prefixes (W&B runs tables, MLflow exports), a bare `n` column that counts items rather than
 * parameters, a 0/1 flag such as `deduped` that is part of the model family, and the warning when a runs
 * table has no parameter or token column.
 */
import { ALIASES, RUN_FIELDS, findColumn, flagLabel, nestedAliases, normalizeHeader, stripNesting, type ImportField } from './fields'
import type { ShapeFormat } from './formats'
import { isMissingValue, parseBoolean, parseQuantity } from '../../shared/units'

type Columns = Partial<Record<ImportField, number>>

/** Run fields not found under their own names, looked up again with the nesting prefixes stripped. */
export function autoNested(fields: readonly ImportField[], normalized: readonly string[], columns: Columns, taken: Set<number>): void {
  const stripped = normalized.map((h) => {
    const s = stripNesting(h)
    // only headers that had a prefix: the plain ones were tried already
    return s === h ? '\u0000' : s
  })
  for (const f of RUN_FIELDS) {
    if (f === 'name' || !fields.includes(f) || columns[f] !== undefined) continue
    const i = findColumn(stripped, nestedAliases(f), taken)
    if (i !== -1) {
      columns[f] = i
      taken.add(i)
    }
  }
}

/** Largest item count a bare `n` column may hold; a parameter count is far larger. */
const MAX_ITEMS = 1e6

/**
 * The item count of already-aggregated evaluation rows: `n_examples`, `num_samples`, ... or a bare `n`
 * whose sampled cells are whole numbers below a million (a bare `n` of 70M, 1.4e9 is a parameter count).
 */
export function autoItemCount(normalized: readonly string[], sample: readonly string[][], decimalComma: boolean, columns: Columns, taken: Set<number>): void {
  if (columns.n !== undefined) return
  const i = findColumn(normalized, ALIASES.n, taken)
  if (i === -1) return
  if (normalized[i] === 'n') {
    const counts = sample.map((r) => r[i] ?? '').filter((c) => !isMissingValue(c))
    const looksLikeCount = counts.every((c) => {
      const v = parseQuantity(c, { decimalComma })
      return v !== undefined && Number.isInteger(v) && v > 0 && v < MAX_ITEMS && /^\s*\d+\s*$/.test(c)
    })
    if (!looksLikeCount) return
  }
  columns.n = i
  taken.add(i)
}

/**
 * A yes/no column such as `deduped` becomes part of the family (see Cells.family): flagged rows get the
 * family "<family>-deduped", or "deduped" without a family column; the others keep their family, or
 * "standard". A column named like a flag whose sampled cells are not yes/no is left alone, with a warning.
 */
export function autoFamilyFlag(fields: readonly ImportField[], header: readonly string[], normalized: readonly string[], sample: readonly string[][], columns: Columns, taken: Set<number>, warnings: string[]): void {
  if (!fields.includes('family_flag')) return
  if (columns.family_flag === undefined) {
    const stripped = normalized.map(stripNesting)
    const i = findColumn(stripped, ALIASES.family_flag, taken)
    if (i === -1) return
    const cells = sample.map((r) => r[i] ?? '').filter((c) => !isMissingValue(c))
    if (!cells.every((c) => parseBoolean(c) !== undefined)) {
      warnings.push(`Column ${JSON.stringify(header[i])} looks like a flag but holds values other than yes/no, true/false or 1/0: it is not used as part of the family. Map it with --map family_flag=${header[i]} if it is one.`)
      return
    }
    columns.family_flag = i
    taken.add(i)
  }
  const i = columns.family_flag
  if (i < 0) return
  const label = flagLabel(header[i])
  const base = columns.family !== undefined && columns.family >= 0 ? `the family in ${JSON.stringify(header[columns.family])}` : undefined
  warnings.push(
    base
      ? `Column ${JSON.stringify(header[i])} is part of the family: rows where it is true get ${base} with "-${label}" appended (unless the family already says ${label}); the others keep their family. A model name used with both values becomes two runs.`
      : `Column ${JSON.stringify(header[i])} is part of the family (there is no family column): rows where it is true get family "${label}", the others "standard". A model name used with both values becomes two runs.`,
  )
}

const RUN_TABLES: readonly ShapeFormat[] = ['summary', 'wandb-runs', 'mlflow']

/** A runs table without parameters or tokens: which fields are missing, which columns might hold them, how to map. */
export function missingRunSizes(format: ShapeFormat, header: readonly string[], columns: Columns, taken: ReadonlySet<number>): string[] {
  if (!RUN_TABLES.includes(format)) return []
  const has = (f: ImportField): boolean => columns[f] !== undefined && columns[f]! >= 0
  const missing: string[] = []
  if (!has('params') && !has('active_params')) missing.push('params')
  if (!has('tokens') && !has('flops')) missing.push('tokens (or flops)')
  if (missing.length === 0) return []
  const candidates = header.filter((h, i) => !taken.has(i) && /param|token|flop|size/i.test(normalizeHeader(h)))
  const maps = missing.map((m) => `--map ${m.split(' ')[0]}=COLUMN`).join(' ')
  return [
    `No column was recognised for ${missing.join(' or ')}: the runs are stored without ${missing.length === 2 ? 'them' : 'it'}, and scaling fits leave such runs out. ` +
      `Map ${missing.length === 2 ? 'them' : 'it'} with ${maps} (in the import dialog: the column mapping)` +
      (candidates.length ? `; columns that might hold ${missing.length === 2 ? 'them' : 'it'}: ${candidates.map((c) => JSON.stringify(c)).join(', ')}.` : '.'),
  ]
}
