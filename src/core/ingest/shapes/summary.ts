/** One row per run: run fields plus any number of metric columns, stored as the run's summary metrics. */
import type { ShapeFactory } from './shape'
import { UniqueNames, flagVariant } from './shape'

export const summaryShape: ShapeFactory = ({ plan, writer, cells }) => {
  const names = new UniqueNames()
  return {
    row(row) {
      const name = names.take(cells.text(row, 'name') ?? `${plan.runFromFile}-${row.index}`, flagVariant(cells, row))
      const runId = writer.run(name, cells.runValues(row))
      for (const m of plan.metricColumns) {
        const v = cells.numberAt(row, m.index, 'metric')
        if (v !== undefined) writer.summary(runId, m.metric, v)
      }
    },
    finish: () => names.warning(),
  }
}
