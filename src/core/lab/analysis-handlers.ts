/**
 * Analysis channels (issue 4) on top of the catalog and src/core/analysis. Emergence and calibration run
 * as jobs on worker threads (their bootstraps take seconds on large data) and are stored as fits with
 * their selection, options, seed, code version and duration. The others answer directly but are computed in workers
 * too (trend shapes: analysis-trend; metric comparison, training dynamics, two-step prediction: analysis-quick), so
 * this thread only reads the catalog and routes. A stored analysis changes no run or project and no view lists stored
 * analyses, so no event announces it (the job's own event says it is done).
 */
import type { AnalysisTask, CalibrationReport, EmergenceResult, LabHandlers } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { runInWorker } from '../jobs/run-in-worker'
import {
  calibrateGroupsParallel,
  calibrationVsScale,
  groupPredictions,
  validatePredictionRows,
} from '../analysis'
import { evalPointsFromCatalog, predictionRowsFromCatalog } from '../analysis/from-catalog'
import { PREDICTION_METRICS } from '../analysis/prediction-metrics'
import type { EvalPoint } from '../analysis/types'
import type { TrendResult } from '../analysis/trend-shape'
import type { EmergenceJobInput, QuickAnalysisInput, QuickAnalysisResult, TrendJobInput } from '../analysis/analysis-jobs'
import type { MetricComparisonResult, TrainingDynamicsResult, TwoStepResult } from '../analysis'
import { appVersion } from './app-version'
import type { LabContext } from './lab-context'

type AnalysisHandlers = Pick<
  LabHandlers,
  'analysisTasks' | 'analyzeEmergence' | 'compareMetrics' | 'trainingDynamics' | 'twoStepPrediction' | 'analyzeCalibration' | 'analyzeTrend'
>

function requireProject(ctx: LabContext, projectId: number): void {
  if (!ctx.catalog.getProject(projectId)) throw new LabError('unknown-project', `No project with id ${projectId}.`)
}

function evaluations(ctx: LabContext, projectId: number, task?: string, metric?: string): EvalPoint[] {
  requireProject(ctx, projectId)
  const rows = ctx.catalog.listEvaluations({ projectId, task, metric })
  if (rows.length === 0)
    throw new LabError('no-evaluations', `No task evaluations${task ? ` for "${task}"` : ''}${metric ? ` with metric "${metric}"` : ''} in this project.`, {
      hint: 'Import an evaluation table (scaling-lab import --format evals).',
    })
  return evalPointsFromCatalog(rows)
}

/** An analysis that answers its channel directly, computed in the analysis-quick worker. */
function quick<T extends QuickAnalysisResult>(input: QuickAnalysisInput): Promise<T> {
  return runInWorker<T>('analysis-quick', input)
}

export function analysisHandlers(ctx: LabContext): AnalysisHandlers {
  return {
    analysisTasks: async ({ projectId }) => {
      requireProject(ctx, projectId)
      const families = new Map<string, Set<string>>()
      for (const e of ctx.catalog.listEvaluations({ projectId })) {
        const set = families.get(e.task) ?? new Set<string>()
        if (e.family) set.add(e.family)
        families.set(e.task, set)
      }
      return ctx.catalog.listTasks(projectId).map(
        (t): AnalysisTask => ({ ...t, families: [...(families.get(t.task) ?? [])].sort() }),
      )
    },

    analyzeEmergence: async ({ projectId, task, metric, family, x, margin, chance, checkpoint, shots, poolShots, seed, bootstrap }) => {
      requireProject(ctx, projectId)
      // seed, bootstrap and poolShots default in the channel's schema (one home for the app and the CLI)
      const opts = { task, metric, family, x, margin, chance, checkpoint, shots, poolShots, seed, bootstrap }
      const usesItems = task !== undefined && (metric === undefined || (PREDICTION_METRICS as readonly string[]).includes(metric))
      const predictions = usesItems ? predictionRowsFromCatalog(ctx.catalog.listPredictions({ projectId, task })) : []
      // a task known only from per-example predictions is analysed on accuracy, log-likelihood and Brier score (the
      // worker derives those points from the predictions)
      const evalRows = ctx.catalog.listEvaluations({ projectId, task, metric })
      const points = evalRows.length ? evalPointsFromCatalog(evalRows) : predictions.length ? undefined : evaluations(ctx, projectId, task, metric)
      const jobId = ctx.jobs.start('emergence', `Emergence${task ? ` of ${task}` : ''}`, async (progress) => {
        const started = Date.now()
        const input: EmergenceJobInput = { points, opts, predictions: predictions.length ? predictions : undefined }
        const result = await runInWorker<EmergenceResult[]>('analysis-emergence', input, progress)
        ctx.catalog.saveFit({
          projectId,
          kind: 'emergence',
          selection: { task: task ?? null, metric: metric ?? null, family: family ?? null, x: x ?? 'params', checkpoint: checkpoint ?? 'final', shots: shots ?? null, pool_shots: opts.poolShots },
          options: { margin: margin ?? null, chance: chance ?? null, bootstrap: opts.bootstrap },
          seed: opts.seed,
          result,
          codeVersion: appVersion(),
          durationMs: Date.now() - started,
        })
        return result
      })
      return { jobId }
    },

    compareMetrics: async ({ projectId, task, family, metrics, x, shots, poolShots }) => {
      requireProject(ctx, projectId)
      const points = evalPointsFromCatalog(ctx.catalog.listEvaluations({ projectId, task }))
      const predictions = predictionRowsFromCatalog(ctx.catalog.listPredictions({ projectId, task }))
      const opts = { task, family, metrics, x, shots, poolShots: poolShots ?? false, predictions: predictions.length ? predictions : undefined }
      return quick<MetricComparisonResult>({ analysis: 'compare-metrics', points, opts })
    },

    trainingDynamics: async ({ projectId, task, metric, family, shots }) =>
      quick<TrainingDynamicsResult[]>({ analysis: 'training-dynamics', points: evaluations(ctx, projectId, task, metric), opts: { task, metric, family, shots } }),

    twoStepPrediction: async ({ projectId, task, lossMetric, accuracyMetric, family, shots, holdout, targets }) =>
      quick<TwoStepResult>({ analysis: 'two-step-prediction', points: evaluations(ctx, projectId, task), opts: { task, lossMetric, accuracyMetric, family, shots, holdout, targets } }),

    analyzeCalibration: async ({ projectId, task, model, bins, binning, bootstrap, seed, choices }) => {
      requireProject(ctx, projectId)
      const rows = predictionRowsFromCatalog(ctx.catalog.listPredictions({ projectId, task, model }))
      if (rows.length === 0)
        throw new LabError('no-predictions', `No per-example predictions${task ? ` for "${task}"` : ''}${model ? ` of "${model}"` : ''} in this project.`, {
          hint: 'Import them with scaling-lab import --format predictions.',
        })
      validatePredictionRows(rows)
      // bins, binning, bootstrap and seed default in the channel's schema
      const opts = { bins, binning, bootstrap, seed, choices }
      const groups = groupPredictions(rows, choices)
      const jobId = ctx.jobs.start('calibration', `Calibration${task ? ` of ${task}` : ''}`, async (progress) => {
        const started = Date.now()
        const results = await calibrateGroupsParallel(groups, opts, progress)
        const report: CalibrationReport = { results, scale: calibrationVsScale(results) }
        ctx.catalog.saveFit({
          projectId,
          kind: 'calibration',
          selection: { task: task ?? null, model: model ?? null },
          options: { bins: opts.bins, binning: opts.binning, bootstrap: opts.bootstrap, choices: choices ?? null },
          seed: opts.seed,
          result: report,
          codeVersion: appVersion(),
          durationMs: Date.now() - started,
        })
        return report
      })
      return { jobId }
    },

    analyzeTrend: async ({ projectId, task, family, metric, checkpoint, shots, poolShots, tolerance }) => {
      const input: TrendJobInput = { points: evaluations(ctx, projectId, task, metric), opts: { task, family, metric, checkpoint, shots, poolShots, tolerance } }
      return runInWorker<TrendResult[]>('analysis-trend', input)
    },
  }
}
