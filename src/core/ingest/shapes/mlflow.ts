/**
 * MLflow's search_runs export (mlflow.search_runs(...).to_csv()): run_id, experiment_id, status, start_time,
 * end_time, metrics.* (the latest value of each metric: summary metrics here), params.* (config; sizes such
 * as params.n_params feed the run fields), tags.* (run tags key=value; tags.mlflow.runName names the run).
 */
import type { ShapeFactory } from './shape'
import { UniqueNames, flagVariant } from './shape'
import { findColumn, normalizeHeader } from '../fields'

export const mlflowShape: ShapeFactory = ({ plan, writer, cells }) => {
  const names = new UniqueNames()
  const iRunId = findColumn(plan.header.map(normalizeHeader), ['run_id'])
  return {
    row(row) {
      const raw = cells.text(row, 'name') ?? (iRunId >= 0 ? row.text(iRunId).trim() : '')
      if (raw === '') throw cells.error(row, cells.index('name'), 'The run has neither a name (tags.mlflow.runName) nor a run_id.')
      const runId = writer.run(names.take(raw, flagVariant(cells, row)), cells.runValues(row))
      for (const m of plan.metricColumns) {
        const v = cells.numberAt(row, m.index, 'metric')
        if (v !== undefined) writer.summary(runId, m.metric, v)
      }
    },
    finish: () => names.warning(),
  }
}
