/** What every shape handler gets and gives: rows in, catalog writes out through the ImportWriter. */
import type { Cells } from '../cells'
import type { CsvRow } from '../csv-tokenizer'
import type { ImportWriter } from '../import-writer'
import type { ImportPlan } from '../plan'

export interface ShapeContext {
  plan: ImportPlan
  writer: ImportWriter
  cells: Cells
}

export interface ShapeHandler {
  /** one data row (the header is not passed) */
  row(row: CsvRow): void
  /** after the last row; may add warnings */
  finish?(): string[] | void
  /** rows that were aggregated as items of a group (evaluation tables), known after finish */
  items?(): number
}

export type ShapeFactory = (ctx: ShapeContext) => ShapeHandler

/** The name variant of a row with a flag column: its label when set (`deduped`), else `standard`. */
export function flagVariant(cells: Cells, row: CsvRow): string | undefined {
  if (cells.flagLabel === undefined) return undefined
  return cells.flag(row) ? cells.flagLabel : 'standard'
}

/**
 * Run names in a one-row-per-run table must be unique within the file; a repeated name gets a suffix
 * (`400M #2`) so that two runs of the same size are not merged. A row with a flag (`deduped`) whose name
 * repeats is named after its flag first (`pythia-70m-deduped`, `pythia-70m-standard`).
 */
export class UniqueNames {
  private readonly seen = new Map<string, number>()
  readonly renamed: string[] = []

  take(name: string, variant?: string): string {
    const n = (this.seen.get(name) ?? 0) + 1
    this.seen.set(name, n)
    if (n === 1) return name
    const named = variant === undefined ? undefined : `${name}-${variant}`
    const unique = named !== undefined && !this.seen.has(named) ? named : `${name} #${n}`
    this.seen.set(unique, 1)
    if (this.renamed.length < 5) this.renamed.push(`${name} -> ${unique}`)
    return unique
  }

  warning(): string[] {
    return this.renamed.length ? [`Repeated run names were made unique: ${this.renamed.join(', ')}${this.renamed.length === 5 ? ', ...' : ''}.`] : []
  }
}
