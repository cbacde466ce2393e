/**
 * The runs of an evaluation table. A run is a model name, or (model, flag) when the file has a flag column
 * such as `deduped`: the same name with both values is two runs, the flagged one named "<model>-deduped".
 * Every row of a run must agree on the run's fields (family, parameters, experts ...): a row that says
 * otherwise is refused with its line and the line that first said the other value.
 */
import type { Cells } from '../cells'
import type { CsvRow } from '../csv-tokenizer'
import type { RunField } from '../fields'
import type { RunValues } from '../import-writer'

type CheckedField = Extract<RunField, 'family' | 'params' | 'active_params' | 'nonembedding_params' | 'experts' | 'top_k'>
const CHECKED: readonly CheckedField[] = ['family', 'params', 'active_params', 'nonembedding_params', 'experts', 'top_k']

interface EvalRun {
  model: string
  /** the flag's value; null when the file has no flag column */
  flag: boolean | null
  values: RunValues
  /** line on which each field was first given */
  lines: Partial<Record<CheckedField, number>>
  /** the raw run cells of the last row checked: an identical row needs no parsing */
  lastCells: string
}

export class EvalRuns {
  private readonly runs = new Map<string, EvalRun>()
  private readonly renamed: string[] = []
  /** columns of the run fields (and the flag), whose raw text tells rows of one run apart cheaply */
  private readonly runColumns: number[]

  constructor(private readonly cells: Cells) {
    this.runColumns = [...CHECKED, 'family_flag' as const].map((f) => cells.index(f)).filter((i) => i >= 0)
  }

  /** The run key of a row, after checking its run fields against the run's earlier rows. */
  check(row: CsvRow, model: string): string {
    const flag = this.cells.flagLabel === undefined ? null : (this.cells.flag(row) ?? false)
    const key = flag === null ? model : `${model}\u0000${flag ? 1 : 0}`
    const raw = this.runColumns.map((i) => row.text(i)).join('\u0000')
    let run = this.runs.get(key)
    if (!run) {
      run = { model, flag, values: {}, lines: {}, lastCells: '\u0001' }
      this.runs.set(key, run)
    }
    if (raw === run.lastCells) return key
    run.lastCells = raw
    const values = this.cells.runValues(row)
    for (const f of CHECKED) {
      const v = values[f]
      if (v === undefined || v === null) continue
      const had = run.values[f]
      if (had === undefined || had === null) {
        run.values[f] = v as never
        run.lines[f] = row.line
      } else if (had !== v) {
        throw this.conflict(row, model, f, had, v, run.lines[f]!)
      }
    }
    return key
  }

  private conflict(row: CsvRow, model: string, field: CheckedField, had: string | number, now: string | number, firstLine: number) {
    const column = field === 'family' && this.cells.index('family') < 0 ? this.cells.index('family_flag') : this.cells.index(field)
    return this.cells.error(
      row,
      column,
      `Model ${JSON.stringify(model)} has ${field} ${JSON.stringify(now)} on line ${row.line} but ${JSON.stringify(had)} on line ${firstLine}: rows of one model must describe one run, so these rows cannot be items or checkpoints of one model.`,
      `If they are different models, give them different names (or a family column); otherwise correct ${field} on line ${firstLine} or ${row.line}.`,
    )
  }

  entries(): IterableIterator<[string, EvalRun]> {
    return this.runs.entries()
  }

  /** Run name per key: a model seen with both flag values gets "-<flag>" on its flagged run; names stay unique. */
  names(): Map<string, string> {
    const flags = new Map<string, Set<boolean>>()
    for (const r of this.runs.values()) if (r.flag !== null) (flags.get(r.model) ?? flags.set(r.model, new Set()).get(r.model)!).add(r.flag)
    const label = this.cells.flagLabel ?? 'flag'
    const used = new Set<string>()
    const out = new Map<string, string>()
    for (const [key, r] of this.runs) {
      let name = r.model
      if (r.flag !== null && flags.get(r.model)!.size > 1) {
        name = r.flag ? (r.model.toLowerCase().endsWith(label) ? r.model : `${r.model}-${label}`) : r.model
      }
      for (let k = 2; used.has(name); k++) name = `${r.model}${r.flag ? `-${label}` : ''} #${k}`
      if (name !== r.model) this.renamed.push(`${r.model} (${label} ${r.flag ? 'true' : 'false'}) -> ${name}`)
      used.add(name)
      out.set(key, name)
    }
    return out
  }

  warnings(): string[] {
    if (!this.renamed.length) return []
    const shown = this.renamed.slice(0, 5).join(', ')
    return [`Models named alike with different ${this.cells.flagLabel ?? 'flag'} values are different runs, named apart: ${shown}${this.renamed.length > 5 ? `, ... (${this.renamed.length} in all)` : ''}.`]
  }
}
