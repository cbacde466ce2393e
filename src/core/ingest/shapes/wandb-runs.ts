/**
 * W&B's runs-table export: Name, State, Notes, User, Tags, Created, Runtime, Sweep, then config and summary
 * columns side by side. Result-like columns (loss, accuracy, anything with a slash such as eval/loss) become
 * summary metrics; hyperparameters and run metadata go to the run's config; Tags is a comma-separated list.
 */
import type { ShapeFactory } from './shape'
import { UniqueNames, flagVariant } from './shape'

export const wandbRunsShape: ShapeFactory = ({ plan, writer, cells }) => {
  const names = new UniqueNames()
  return {
    row(row) {
      const raw = cells.text(row, 'name')
      if (raw === undefined) throw cells.error(row, cells.index('name'), 'The run name is empty.', 'Every W&B run has a Name; check the export.')
      const runId = writer.run(names.take(raw, flagVariant(cells, row)), cells.runValues(row))
      for (const m of plan.metricColumns) {
        const v = cells.numberAt(row, m.index, 'metric')
        if (v !== undefined) writer.summary(runId, m.metric, v)
      }
    },
    finish: () => names.warning(),
  }
}
