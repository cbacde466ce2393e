/**
 * Evaluation tables: rows of (model, task, metric[, shots, checkpoint]) with a value and optionally its
 * standard error, an item count n, the tokens seen at that checkpoint and the number of answer choices.
 * Models become runs (a yes/no flag such as `deduped` is part of the run: the same name with both values is
 * two runs). Rows that repeat a group, or rows with an item column, are items: each group is stored once, as
 * the mean with n and a standard error (see item-mean.ts). Groups are accumulated while streaming and
 * written at the end; a model whose run fields differ between rows is refused with both line numbers.
 */
import { LabError } from '../../../shared/errors'
import { metricHigherIsBetter, metricIsContinuous } from '../../analysis/metric-semantics'
import type { Cells } from '../cells'
import type { CsvRow } from '../csv-tokenizer'
import type { RunValues } from '../import-writer'
import { ItemMean, binomialStderr } from '../item-mean'
import type { ShapeFactory } from './shape'
import { EvalRuns } from './eval-runs'

interface Group {
  runKey: string
  task: string
  metric: string
  shots: number | null
  checkpoint: number | string | null
  tokens: number | null
  tokensLine: number
  choices: number | null
  choicesMixed: boolean
  stderr: number | null
  n: number | null
  line: number
  scores: ItemMean
  /** item id -> line, when the file has an item column */
  items?: Map<string, number>
}

const fmt = (k: number): string => k.toLocaleString('en-US')

/** An accuracy-like value: a proportion, for which n gives a binomial standard error. */
function isProportion(metric: string, value: number): boolean {
  return !metricIsContinuous(metric) && metricHigherIsBetter(metric) && value >= 0 && value <= 1
}

export const evalsShape: ShapeFactory = ({ plan, writer, cells }) => {
  const iValue = cells.index('value')
  const itemColumn = cells.index('item') >= 0
  const runs = new EvalRuns(cells)
  const groups = new Map<string, Group>()
  let skipped = 0
  let items = 0

  const refuse = (row: CsvRow, field: 'n' | 'tokens' | 'item' | 'value', message: string, hint: string): LabError =>
    cells.error(row, cells.index(field) >= 0 ? cells.index(field) : iValue, message, hint)

  const addToGroup = (row: CsvRow, g: Group, values: { n?: number; tokens: number | null; choices: number | null }): void => {
    if (g.n !== null || values.n !== undefined) {
      throw refuse(
        row,
        'n',
        `Lines ${g.line} and ${row.line} are the same evaluation (model, task, metric, shots, checkpoint) and both carry an item count n: already-aggregated rows cannot be items of one group.`,
        'Keep one row per group, or give the rows a shots / checkpoint / metric that tells them apart.',
      )
    }
    if (values.tokens !== null && g.tokens !== null && values.tokens !== g.tokens) {
      throw refuse(
        row,
        'tokens',
        `Lines ${g.tokensLine} and ${row.line} are the same evaluation (model, task, metric, shots, checkpoint) but say different tokens (${g.tokens} and ${values.tokens}): they cannot be items of one checkpoint.`,
        'Give each checkpoint its own checkpoint value, or correct the tokens.',
      )
    }
    if (g.tokens === null && values.tokens !== null) {
      g.tokens = values.tokens
      g.tokensLine = row.line
    }
    if (values.choices !== g.choices) g.choicesMixed = true
  }

  const addItem = (row: CsvRow, g: Group): void => {
    const id = cells.text(row, 'item')
    if (id === undefined) throw refuse(row, 'item', 'The item id is empty.', 'Every row of a per-item table needs the id of its item.')
    const seen = g.items!.get(id)
    if (seen !== undefined) {
      throw refuse(
        row,
        'item',
        `Item ${JSON.stringify(id)} appears twice in the same evaluation (model, task, metric, shots, checkpoint): lines ${seen} and ${row.line}.`,
        'Each item is scored once per model, task, metric, shots and checkpoint; remove the repeated row or tell the rows apart.',
      )
    }
    g.items!.set(id, row.line)
  }

  return {
    row(row) {
      const model = cells.text(row, 'model')
      if (model === undefined) throw cells.error(row, cells.index('model'), 'The model name is empty.', 'Every evaluation row needs the model it evaluated.')
      const task = cells.text(row, 'task')
      if (task === undefined) throw cells.error(row, cells.index('task'), 'The task name is empty.')
      const value = cells.numberAt(row, iValue, 'value')
      if (value === undefined) {
        skipped++
        return
      }
      const runKey = runs.check(row, model)
      const metric = cells.text(row, 'metric') ?? plan.metricFromFile ?? 'value'
      const shots = cells.number(row, 'shots') ?? null
      const checkpoint = cells.checkpoint(row)
      const key = `${runKey}\u0001${task}\u0001${metric}\u0001${shots ?? ''}\u0001${typeof checkpoint}:${checkpoint ?? ''}`
      const n = cells.positive(row, 'n')
      const tokens = cells.number(row, 'tokens') ?? null
      const choices = cells.number(row, 'choices') ?? null
      let g = groups.get(key)
      if (g) addToGroup(row, g, { n, tokens, choices })
      else {
        g = {
          runKey,
          task,
          metric,
          shots,
          checkpoint,
          tokens,
          tokensLine: row.line,
          choices,
          choicesMixed: false,
          stderr: cells.number(row, 'stderr') ?? null,
          n: n ?? null,
          line: row.line,
          scores: new ItemMean(),
        }
        if (itemColumn) g.items = new Map()
        groups.set(key, g)
      }
      if (itemColumn) addItem(row, g)
      g.scores.add(value)
    },

    finish() {
      const warnings: string[] = []
      const runIds = new Map<string, number>()
      const names = runs.names()
      for (const [key, r] of runs.entries()) runIds.set(key, writer.run(names.get(key)!, r.values as RunValues))
      let itemGroups = 0
      let stderrIgnored = 0
      let binomial = 0
      let mixedChoices = 0
      for (const g of groups.values()) {
        const aggregated = itemColumn || g.scores.count > 1
        const r = g.scores.result()
        let stderr = g.stderr
        let n = g.n
        if (aggregated) {
          items += r.n
          itemGroups++
          if (g.stderr !== null && r.n > 1) stderrIgnored++
          stderr = r.stderr
          n = r.n
        } else if (stderr === null && n !== null && isProportion(g.metric, r.value)) {
          stderr = binomialStderr(r.value, n)
          binomial++
        }
        if (g.choicesMixed) mixedChoices++
        writer.evaluation(runIds.get(g.runKey)!, {
          task: g.task,
          metric: g.metric,
          value: r.value,
          stderr,
          n,
          shots: g.shots,
          checkpoint: g.checkpoint,
          tokens: g.tokens,
          choices: g.choicesMixed ? null : g.choices,
        })
      }
      if (itemGroups) {
        const why = itemColumn ? ` (rows are items: column ${JSON.stringify(plan.header[cells.index('item')])})` : ''
        warnings.push(
          `${fmt(items)} evaluation rows were items of ${fmt(itemGroups)} group${itemGroups === 1 ? '' : 's'} (model, task, metric, shots, checkpoint)${why}: stored as means with n and a standard error (binomial sqrt(p(1-p)/n) when every score is 0 or 1, else s/sqrt(n)).`,
        )
      }
      if (stderrIgnored) warnings.push(`The ${JSON.stringify(plan.header[cells.index('stderr')])} column of the rows in ${fmt(stderrIgnored)} aggregated group${stderrIgnored === 1 ? '' : 's'} was not used: their standard error comes from the spread of the items.`)
      if (binomial) warnings.push(`${fmt(binomial)} evaluation row${binomial === 1 ? '' : 's'} had an item count n and no standard error: the binomial sqrt(p(1-p)/n) was stored.`)
      if (mixedChoices) warnings.push(`${fmt(mixedChoices)} group${mixedChoices === 1 ? '' : 's'} had items with different numbers of choices: their choices were left empty, so no chance level comes from them.`)
      warnings.push(...runs.warnings())
      if (skipped) warnings.push(`${skipped} evaluation rows without a value were skipped.`)
      return warnings
    },

    items: () => items,
  }
}
