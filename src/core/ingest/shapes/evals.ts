/**
 * Evaluation tables: one row per (model, task, metric[, shots, checkpoint]) with a value and optionally its
 * standard error, the tokens seen at that checkpoint and the number of answer choices. Models become runs.
 */
import type { ShapeFactory } from './shape'

export const evalsShape: ShapeFactory = ({ plan, writer, cells }) => {
  const iValue = cells.index('value')
  let skipped = 0
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
      const runId = writer.run(model, writer.hasRun(model) ? undefined : cells.runValues(row))
      const stderr = cells.number(row, 'stderr')
      writer.evaluation(runId, {
        task,
        metric: cells.text(row, 'metric') ?? plan.metricFromFile ?? 'value',
        value,
        stderr: stderr ?? null,
        shots: cells.number(row, 'shots') ?? null,
        checkpoint: cells.checkpoint(row),
        tokens: cells.number(row, 'tokens') ?? null,
        choices: cells.number(row, 'choices') ?? null,
      })
    },
    finish: () => (skipped ? [`${skipped} evaluation rows without a value were skipped.`] : []),
  }
}
