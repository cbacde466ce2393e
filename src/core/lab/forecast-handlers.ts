/**
 * Forecast channels (issue 13): triage and two-step forecast of a downstream task on the project's ladder
 * (src/core/analysis/ladder-forecast.ts). The forecast is a job (its bootstrap refits take seconds) computed on the
 * analysis-quick worker thread with progress and cancel; the per-task table answers directly from the same worker.
 * This thread only reads the catalog.
 */
import type { ForecastTaskRow, LabHandlers, LadderForecastResult } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { runInWorker } from '../jobs/run-in-worker'
import { evalPointsFromCatalog } from '../analysis/from-catalog'
import type { QuickAnalysisInput } from '../analysis/analysis-jobs'
import type { EvalPoint } from '../analysis/types'
import type { LabContext } from './lab-context'

type ForecastHandlers = Pick<LabHandlers, 'forecastTask' | 'forecastTable'>

function evaluations(ctx: LabContext, projectId: number, metrics: string[], task?: string): EvalPoint[] {
  if (!ctx.catalog.getProject(projectId)) throw new LabError('unknown-project', `No project with id ${projectId}.`)
  const rows = metrics.flatMap((metric) => ctx.catalog.listEvaluations({ projectId, task, metric }))
  if (rows.length === 0)
    throw new LabError('no-evaluations', `No evaluations${task ? ` of "${task}"` : ''} with metric ${metrics.map((m) => `"${m}"`).join(' or ')} in this project.`, {
      hint: 'Import the ladder\'s task loss and accuracy per checkpoint (scaling-lab import --format evals).',
    })
  return evalPointsFromCatalog(rows)
}

export function forecastHandlers(ctx: LabContext): ForecastHandlers {
  return {
    forecastTask: async ({ projectId, task, lossMetric, accuracyMetric, targetParams, targetTokens, targetLabel, runs, resamples, seed }) => {
      const points = evaluations(ctx, projectId, [lossMetric, accuracyMetric], task)
      const input: QuickAnalysisInput = {
        analysis: 'ladder-forecast',
        points,
        opts: { task, lossMetric, accuracyMetric, runs, resamples, seed, target: { params: targetParams, tokens: targetTokens, label: targetLabel } },
      }
      const jobId = ctx.jobs.start('forecast', `Forecast of ${task}`, (progress) => runInWorker<LadderForecastResult>('analysis-quick', input, progress))
      return { jobId }
    },

    forecastTable: async ({ projectId, lossMetric, accuracyMetric, targetParams, runs }) => {
      const points = evaluations(ctx, projectId, [lossMetric, accuracyMetric])
      const input: QuickAnalysisInput = { analysis: 'forecast-table', points, opts: { lossMetric, accuracyMetric, targetParams, runs } }
      return runInWorker<ForecastTaskRow[]>('analysis-quick', input)
    },
  }
}
