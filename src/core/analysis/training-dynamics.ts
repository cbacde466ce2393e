/**
 * Training dynamics: one task's metric over the checkpoints of each model size (Biderman et al. 2023,
 * "Pythia", arXiv 2304.01373, release 154 checkpoints per model; the lab's demo uses 27). The series are
 * shaped for a chart: one line per model, sorted by size, points sorted by step.
 */
import type { DynamicsPoint, DynamicsSeries, TrainingDynamicsResult } from '../../shared/api/analysis-results'
export type { DynamicsPoint, DynamicsSeries, TrainingDynamicsResult }
import { LabError } from '../../shared/errors'
import type { EvalPoint } from './types'
import { groupBy } from './size-series'
import { mean, sampleSd } from '../numeric/stats'
import { validateEvalPoints } from './validate'

export interface TrainingDynamicsOptions {
  task: string
  metric?: string
  family?: string
  /** keep one shot count; by default several shot counts at the same checkpoint are averaged */
  shots?: number
}

export function trainingDynamics(points: readonly EvalPoint[], opts: TrainingDynamicsOptions): TrainingDynamicsResult[] {
  validateEvalPoints(points)
  const chosen = points.filter(
    (p) =>
      p.task === opts.task &&
      (opts.metric === undefined || p.metric === opts.metric) &&
      (opts.family === undefined || p.family === opts.family) &&
      (opts.shots === undefined || p.shots === opts.shots),
  )
  if (chosen.length === 0) throw new LabError('no-evaluations', `No evaluations of task "${opts.task}"${opts.metric ? ` with metric "${opts.metric}"` : ''}.`, { hint: 'Check the task and metric names.' })
  const out: TrainingDynamicsResult[] = []
  for (const [, byMetric] of groupBy(chosen, (p) => p.metric)) {
    const series: DynamicsSeries[] = []
    for (const [, list] of groupBy(byMetric, (p) => p.model)) {
      const withStep = list.filter((p) => p.checkpoint !== undefined)
      if (withStep.length === 0) continue
      const pts: DynamicsPoint[] = []
      for (const [, at] of groupBy(withStep, (p) => String(p.checkpoint))) {
        const values = at.map((p) => p.value)
        const se = at.length > 1 ? sampleSd(values) / Math.sqrt(at.length) : at[0].stderr && at[0].stderr > 0 ? at[0].stderr : null
        pts.push({ checkpoint: at[0].checkpoint as number, tokens: at[0].tokens ?? null, value: mean(values), stderr: se })
      }
      pts.sort((a, b) => a.checkpoint - b.checkpoint)
      series.push({ model: list[0].model, family: list[0].family ?? null, params: list[0].params, points: pts })
    }
    if (series.length === 0) continue
    series.sort((a, b) => a.params - b.params || a.model.localeCompare(b.model))
    out.push({ task: opts.task, metric: byMetric[0].metric, series })
  }
  if (out.length === 0)
    throw new LabError('no-checkpoints', `Task "${opts.task}" has no evaluations at intermediate checkpoints.`, {
      hint: 'Import evaluations with a step (checkpoint) column to see training dynamics.',
    })
  return out
}
