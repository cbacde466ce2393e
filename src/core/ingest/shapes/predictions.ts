/**
 * Per-example prediction tables for calibration, in one of two layouts:
 *   per item    model, task, item, the probability given to the correct answer and / or the confidence in
 *               the chosen answer, and whether the model was right (stored as given);
 *   per option  model, task, item, option, probability[, gold | is_gold]: one row per answer option (a long
 *               item x option table). Per item the lab stores the gold option's probability, the pick =
 *               argmax over the options (the first listed among tied options), its confidence = that
 *               largest probability, and correct = (pick is gold). The gold option is named by a `gold`
 *               column (the same on each of the item's rows) or marked by an `is_gold` flag (without either,
 *               a per-row `correct` flag is read as is_gold). Probabilities must be normalised over the
 *               item's options (sum within 1e-3 of 1); otherwise the import is refused at the item's row.
 */
import { LabError } from '../../../shared/errors'
import type { Cells } from '../cells'
import type { CsvRow } from '../csv-tokenizer'
import type { ImportWriter } from '../import-writer'
import type { ShapeFactory, ShapeHandler } from './shape'

/** Largest |sum of an item's option probabilities - 1| accepted (rounding in printed probabilities). */
export const OPTION_SUM_TOLERANCE = 1e-3

export const predictionsShape: ShapeFactory = (ctx) => (ctx.cells.index('option') >= 0 ? perOption(ctx.writer, ctx.cells, ctx.plan.file) : perItem(ctx.writer, ctx.cells))

function required(cells: Cells, row: CsvRow): { model: string; task: string; item: string } {
  const model = cells.text(row, 'model')
  if (model === undefined) throw cells.error(row, cells.index('model'), 'The model name is empty.', 'Every prediction row needs the model that made it.')
  const task = cells.text(row, 'task')
  if (task === undefined) throw cells.error(row, cells.index('task'), 'The task name is empty.')
  const item = cells.text(row, 'item')
  if (item === undefined) throw cells.error(row, cells.index('item'), 'The item is empty.', 'Every prediction row needs the id of its example.')
  return { model, task, item }
}

function perItem(writer: ImportWriter, cells: Cells): ShapeHandler {
  return {
    row(row) {
      const { model, task, item } = required(cells, row)
      const probability = cells.probability(row, 'probability')
      const confidence = cells.probability(row, 'confidence')
      if (probability === null && confidence === null) return
      const runId = writer.run(model, writer.hasRun(model) ? undefined : cells.runValues(row))
      writer.prediction(runId, { task, item, probability, confidence, correct: cells.boolean(row, 'correct') })
    },
  }
}

interface OptionRow {
  option: string
  probability: number
  /** null when the file names the gold option in a `gold` column */
  isGold: boolean | null
  gold: string | undefined
  line: number
  column: number
  /** column of the probability cell */
  pColumn: number
}

interface Item {
  runId: number
  task: string
  item: string
  options: OptionRow[]
}

function perOption(writer: ImportWriter, cells: Cells, file: string): ShapeHandler {
  const flag = cells.index('is_gold') >= 0 ? 'is_gold' : cells.index('gold') < 0 && cells.index('correct') >= 0 ? 'correct' : null
  if (flag === null && cells.index('gold') < 0)
    throw new LabError('import-value', 'A per-option prediction file needs the gold option: a `gold` column naming it, or an `is_gold` column marking it (1 / 0).', {
      file,
      line: 1,
      column: 1,
      hint: 'Add the column, or map one with --map gold=COLUMN or --map is_gold=COLUMN.',
    })
  const items = new Map<string, Item>()
  const fail = (o: { line: number; column: number }, message: string, hint: string): LabError => new LabError('import-value', message, { file, line: o.line, column: o.column, hint })
  return {
    row(row) {
      const { model, task, item } = required(cells, row)
      const option = cells.text(row, 'option')
      if (option === undefined) throw cells.error(row, cells.index('option'), 'The option is empty.', 'Every row of a per-option file names its answer option.')
      const probability = cells.probability(row, 'probability')
      if (probability === null) throw cells.error(row, cells.index('probability'), `The probability of option "${option}" is empty.`, 'Give every option its probability (normalised over the item\'s options).')
      const runId = writer.run(model, writer.hasRun(model) ? undefined : cells.runValues(row))
      const key = JSON.stringify([runId, task, item])
      let entry = items.get(key)
      if (!entry) items.set(key, (entry = { runId, task, item, options: [] }))
      const where = row.locate(cells.index('option'))
      if (entry.options.some((o) => o.option === option))
        throw fail(where, `Option "${option}" of item "${item}" (model "${model}", task "${task}") appears twice.`, 'Give each option of an item one row.')
      const isGold = flag === null ? null : cells.boolean(row, flag)
      if (flag !== null && isGold === null) throw cells.error(row, cells.index(flag), `The ${flag} flag of option "${option}" is empty.`, 'Mark the gold option 1 and the others 0.')
      const pColumn = row.locate(cells.index('probability')).column
      entry.options.push({ option, probability, isGold, gold: cells.text(row, 'gold'), line: where.line, column: where.column, pColumn })
    },
    finish() {
      let ties = 0
      for (const it of items.values()) {
        const first = it.options[0]
        const label = `item "${it.item}" of task "${it.task}"`
        if (it.options.length < 2) throw fail(first, `${label} has only one option.`, 'A per-option file lists every answer option of an item (at least 2).')
        const sum = it.options.reduce((s, o) => s + o.probability, 0)
        if (Math.abs(sum - 1) > OPTION_SUM_TOLERANCE)
          throw fail({ line: first.line, column: first.pColumn }, `The option probabilities of ${label} sum to ${Number(sum.toPrecision(6))}, not 1.`, 'Normalise them over the item\'s options (a softmax of the option log-likelihoods).')
        let gold: OptionRow | undefined
        if (flag !== null) {
          const marked = it.options.filter((o) => o.isGold)
          if (marked.length !== 1) throw fail(first, `${label} has ${marked.length} options marked gold; exactly one must be.`, 'Mark the correct option 1 and the others 0.')
          gold = marked[0]
        } else {
          const named = new Set(it.options.map((o) => o.gold))
          if (named.size !== 1 || first.gold === undefined) throw fail(first, `The gold column of ${label} is ${first.gold === undefined ? 'empty' : 'not the same on every option row'}.`, 'Repeat the gold option on each of the item\'s rows.')
          gold = it.options.find((o) => o.option === first.gold)
          if (!gold) throw fail(first, `The gold option "${first.gold}" of ${label} is not one of its options (${it.options.map((o) => o.option).join(', ')}).`, 'Name the gold option exactly as in the option column.')
        }
        let pick = first
        for (const o of it.options) if (o.probability > pick.probability) pick = o
        if (it.options.filter((o) => o.probability === pick.probability).length > 1) ties++
        writer.prediction(it.runId, { task: it.task, item: it.item, probability: gold.probability, confidence: pick.probability, correct: pick === gold })
      }
      const out = [`${items.size} items were read from per-option rows: the gold option's probability, the pick (the most probable option), its confidence and whether it is the gold one.`]
      if (ties) out.push(`${ties} item${ties === 1 ? ' has' : 's have'} a tie for the largest probability: the pick is the first listed of the tied options.`)
      return out
    },
  }
}
