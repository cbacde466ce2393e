/**
 * Per-example prediction tables for calibration: model, task, item, the probability given to the correct
 * answer and / or the confidence in the chosen answer, and whether the model was right.
 */
import type { ShapeFactory } from './shape'

export const predictionsShape: ShapeFactory = ({ writer, cells }) => {
  return {
    row(row) {
      const model = cells.text(row, 'model')
      if (model === undefined) throw cells.error(row, cells.index('model'), 'The model name is empty.', 'Every prediction row needs the model that made it.')
      const task = cells.text(row, 'task')
      if (task === undefined) throw cells.error(row, cells.index('task'), 'The task name is empty.')
      const item = cells.text(row, 'item')
      if (item === undefined) throw cells.error(row, cells.index('item'), 'The item is empty.', 'Every prediction row needs the id of its example.')
      const probability = cells.probability(row, 'probability')
      const confidence = cells.probability(row, 'confidence')
      if (probability === null && confidence === null) return
      const runId = writer.run(model, writer.hasRun(model) ? undefined : cells.runValues(row))
      writer.prediction(runId, { task, item, probability, confidence, correct: cells.boolean(row, 'correct') })
    },
  }
}
