/**
 * Reading typed values out of a row, with errors that say file, line, column, what was found and what to do.
 */
import { LabError } from '../../shared/errors'
import type { CsvRow } from './csv-tokenizer'
import { flagLabel, type ImportField, type RunField } from './fields'
import type { RunValues } from './import-writer'
import { cellPlace, quoteCell, type TextCell } from './census'
import type { ImportPlan } from './plan'
import { isMissingValue, parseBoolean, parseQuantity } from '../../shared/units'

const INTEGER_FIELDS = new Set<ImportField>(['experts', 'top_k', 'shots', 'choices', 'n'])

/** Cells left empty by a lenient import that are listed by place; the rest are counted. */
const LISTED_CELLS = 20

export class Cells {
  private readonly decimalComma: boolean
  /** the family label of the flag column (`deduped`), when there is one */
  readonly flagLabel: string | undefined
  /** result columns: with `lenient`, their cells that are not numbers are left empty (and listed) instead of refused */
  private readonly resultColumns: ReadonlySet<number>
  private readonly lenient: boolean
  private readonly leftEmpty: (TextCell & { header: string })[] = []
  private leftEmptyCount = 0

  constructor(
    private readonly plan: ImportPlan,
    opts: { resultColumns?: Iterable<number>; lenient?: boolean } = {},
  ) {
    this.decimalComma = plan.sniffed.decimalComma
    this.resultColumns = new Set(opts.resultColumns ?? [])
    this.lenient = opts.lenient === true
    const flag = plan.columns.family_flag
    this.flagLabel = flag !== undefined && flag >= 0 ? flagLabel(plan.header[flag]) : undefined
  }

  /** What a lenient import left empty, as one warning (each cell's place, capped). */
  warnings(): string[] {
    if (this.leftEmptyCount === 0) return []
    const n = this.leftEmptyCount
    const listed = this.leftEmpty.map((c) => `${quoteCell(c.text)} at ${cellPlace(this.plan.file, c)} (${JSON.stringify(c.header)})`).join(', ')
    const more = n > this.leftEmpty.length ? `; and ${n - this.leftEmpty.length} more` : ''
    return [`${n} cell${n === 1 ? '' : 's'} that ${n === 1 ? 'is' : 'are'} not a number ${n === 1 ? 'was' : 'were'} left empty (lenient import): ${listed}${more}.`]
  }

  index(field: ImportField): number {
    return this.plan.columns[field] ?? -1
  }

  error(row: CsvRow, column: number, message: string, hint?: string): LabError {
    return new LabError('import-value', message, { file: this.plan.file, ...row.locate(column), hint })
  }

  /** Trimmed text of a field, undefined when the field has no column or the cell is blank. */
  text(row: CsvRow, field: ImportField): string | undefined {
    const i = this.index(field)
    if (i < 0) return undefined
    const s = row.text(i).trim()
    return s === '' ? undefined : s
  }

  /** A number in column i (units such as 1.4B allowed); undefined for blank, NaN, None, inf cells. */
  numberAt(row: CsvRow, i: number, label: string): number | undefined {
    // fast path: plain numbers, the bulk of every step log, read from the bytes
    const fast = row.number(i)
    if (fast === fast) return fast
    const s = row.text(i)
    if (isMissingValue(s)) return undefined
    const n = parseQuantity(s, { decimalComma: this.decimalComma })
    if (n === undefined && this.lenient && this.resultColumns.has(i)) {
      if (this.leftEmpty.length < LISTED_CELLS) this.leftEmpty.push({ text: s.trim(), ...row.locate(i), header: this.plan.header[i] })
      this.leftEmptyCount++
      return undefined
    }
    if (n === undefined) {
      throw this.error(
        row,
        i,
        `${JSON.stringify(s.length > 40 ? s.slice(0, 40) + '...' : s)} in column ${JSON.stringify(this.plan.header[i])} (${label}) is not a number.`,
        (this.plan.sniffed.decimalComma ? 'Numbers in this file are read with a decimal comma (3,14); fix the cell' : 'Write numbers like 1.5, 2e-3, 70M or 1.4B; fix the cell or map another column') +
          (this.resultColumns.has(i) ? ', or import with --lenient to leave such cells empty; each one is then listed as a warning.' : '.'),
      )
    }
    return n
  }

  number(row: CsvRow, field: ImportField): number | undefined {
    const i = this.index(field)
    if (i < 0) return undefined
    const n = this.numberAt(row, i, field)
    if (n !== undefined && INTEGER_FIELDS.has(field) && !Number.isInteger(n)) {
      throw this.error(row, i, `${field} must be a whole number, not ${row.text(i).trim()}.`)
    }
    return n
  }

  /** A positive quantity (parameters, tokens, FLOPs, experts). */
  positive(row: CsvRow, field: ImportField): number | undefined {
    const n = this.number(row, field)
    if (n !== undefined && n <= 0) throw this.error(row, this.index(field), `${field} must be positive, not ${row.text(this.index(field)).trim()}.`)
    return n
  }

  /** A probability in [0, 1]. */
  probability(row: CsvRow, field: 'probability' | 'confidence'): number | null {
    const n = this.number(row, field)
    if (n === undefined) return null
    if (n < 0 || n > 1) throw this.error(row, this.index(field), `${field} ${row.text(this.index(field)).trim()} is outside [0, 1].`, 'Probabilities must be between 0 and 1 (not percentages).')
    return n
  }

  boolean(row: CsvRow, field: ImportField): boolean | null {
    const i = this.index(field)
    if (i < 0 || isMissingValue(row.text(i))) return null
    const b = parseBoolean(row.text(i))
    if (b === undefined) throw this.error(row, i, `${JSON.stringify(row.text(i).trim())} in column ${JSON.stringify(this.plan.header[i])} is not true/false or 1/0.`)
    return b
  }

  /** A checkpoint: a number when it is one (a step), else its text (a revision name). */
  checkpoint(row: CsvRow): number | string | null {
    const s = this.text(row, 'checkpoint')
    if (s === undefined) return null
    const n = parseQuantity(s, { decimalComma: this.decimalComma })
    return n !== undefined && !isMissingValue(s) ? n : s
  }

  /** The row's flag (deduped ...): null when the file has no flag column or the cell is blank. */
  flag(row: CsvRow): boolean | null {
    return this.flagLabel === undefined ? null : this.boolean(row, 'family_flag')
  }

  /**
   * The family, with the flag folded in: flagged rows get "<family>-deduped" (the family as it is when it
   * already says deduped) or "deduped" without a family; unflagged rows keep their family, or "standard".
   */
  family(row: CsvRow): string | undefined {
    const base = this.text(row, 'family')
    const flag = this.flag(row)
    const label = this.flagLabel
    if (flag === null || label === undefined) return base
    if (!flag) return base ?? 'standard'
    if (base === undefined) return label
    return base.toLowerCase().includes(label) ? base : `${base}-${label}`
  }

  /** The run-level fields a row carries (family, sizes, tags, notes, config). */
  runValues(row: CsvRow): RunValues {
    const v: RunValues = {}
    const family = this.family(row)
    if (family !== undefined) v.family = family
    const sizes: Exclude<RunField, 'name' | 'family'>[] = ['params', 'active_params', 'nonembedding_params', 'tokens', 'flops', 'experts', 'top_k']
    for (const f of sizes) {
      // in an evaluation table, tokens are per checkpoint, not the run's total
      if (this.plan.format === 'evals' && (f === 'tokens' || f === 'flops')) continue
      const n = this.positive(row, f)
      if (n !== undefined) v[f] = n
    }
    const tags = this.text(row, 'tags')
    if (tags !== undefined) v.tags = splitTags(tags)
    const notes = this.text(row, 'notes')
    if (notes !== undefined && !isMissingValue(notes)) v.notes = notes
    if (this.plan.configColumns.length || this.plan.tagColumns.length) {
      const config: Record<string, unknown> = {}
      for (const c of this.plan.configColumns) {
        const s = row.text(c.index).trim()
        if (s === undefined || s === '') continue
        const n = Number(s)
        config[c.key] = s !== '' && Number.isFinite(n) ? n : s
      }
      if (Object.keys(config).length) v.config = config
      const keyed: string[] = []
      for (const t of this.plan.tagColumns) {
        const s = row.text(t.index).trim()
        if (s) keyed.push(`${t.key}=${s}`)
      }
      if (keyed.length) v.tags = [...(v.tags ?? []), ...keyed]
    }
    return v
  }
}

/** "a, b; c" or a JSON-ish ["a", "b"] list into tags */
export function splitTags(text: string): string[] {
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[,;|]/)
    .map((t) => t.trim().replace(/^['"]|['"]$/g, '').trim())
    .filter((t) => t !== '')
}
