/**
 * The analysis channels (issue 4): emergence, the metric question, training dynamics, two-step prediction,
 * calibration and trend shape, over a project's task evaluations and per-example predictions. Long ones
 * (emergence and calibration, with their bootstraps) start a job whose result arrives with its 'done' event.
 * Result shapes: ./analysis-results.
 */
import { z } from 'zod'
import { channel } from './channel'
import type {
  CalibrationResult,
  CalibrationScaleResult,
  MetricComparisonResult,
  TrainingDynamicsResult,
  TrendResult,
  TwoStepResult,
} from './analysis-results'

export * from './analysis-results'

/** A task of a project, with what the analyses can use. */
export interface AnalysisTask {
  task: string
  metrics: string[]
  evaluations: number
  predictions: number
  runs: number
  families: string[]
  /** the file names of the imports the task's evaluations and predictions came from (where the numbers come from) */
  sources: string[]
}

/** The result of an analyzeCalibration job. */
export interface CalibrationReport {
  results: CalibrationResult[]
  scale: CalibrationScaleResult[]
}

const id = z.number().int().positive()
const label = z.string().trim().min(1).max(200)
const xAxis = z.enum(['params', 'tokens', 'flops'])
const seed = z.number().int().min(0).max(2 ** 31 - 1)
const checkpoint = z.union([z.literal('final'), z.number().int().min(0).max(1e12)])
const shots = z.number().int().min(0).max(1000)

export const analysisChannels = {
  /** tasks of a project with their metrics, counts and families */
  analysisTasks: channel<AnalysisTask[]>()(z.object({ projectId: id }).strict()),
  /** starts a job; result: EmergenceResult[] (one per task, family, metric and, unless pooled, shot count) */
  analyzeEmergence: channel<{ jobId: string }>()(
    z
      .object({
        projectId: id,
        task: label.optional(),
        metric: label.optional(),
        family: label.optional(),
        x: xAxis.optional(),
        margin: z.number().min(0).max(1e6).optional(),
        chance: z.number().min(-1e6).max(1e6).optional(),
        checkpoint: checkpoint.optional(),
        shots: shots.optional(),
        /** pool every shot count as runs at each size (default: one series per shot count) */
        poolShots: z.boolean().default(false),
        seed: seed.default(0),
        /** resamples behind the emergence scale's interval */
        bootstrap: z.number().int().min(0).max(10000).default(1000),
      })
      .strict(),
  ),
  /** the metric question (Schaeffer et al. 2023) for one task, at one shot count (default: the smallest, said) */
  compareMetrics: channel<MetricComparisonResult>()(
    z
      .object({
        projectId: id,
        task: label,
        family: label.optional(),
        metrics: z.array(label).min(2).max(20).optional(),
        x: xAxis.optional(),
        shots: shots.optional(),
        /** pool every shot count as runs at each size */
        poolShots: z.boolean().optional(),
      })
      .strict(),
  ),
  trainingDynamics: channel<TrainingDynamicsResult[]>()(
    z.object({ projectId: id, task: label, metric: label.optional(), family: label.optional(), shots: shots.optional() }).strict(),
  ),
  twoStepPrediction: channel<TwoStepResult>()(
    z
      .object({
        projectId: id,
        task: label,
        lossMetric: label,
        accuracyMetric: label,
        family: label.optional(),
        shots: shots.optional(),
        holdout: z.number().int().min(0).max(100).optional(),
        targets: z
          .array(z.object({ params: z.number().positive().max(1e15), tokens: z.number().positive().max(1e18).optional(), label: z.string().max(100).optional() }).strict())
          .max(20)
          .optional(),
      })
      .strict(),
  ),
  /** starts a job; result: CalibrationReport */
  analyzeCalibration: channel<{ jobId: string }>()(
    z
      .object({
        projectId: id,
        task: label.optional(),
        model: label.optional(),
        bins: z.number().int().min(1).max(1000).default(10),
        binning: z.enum(['width', 'mass']).default('width'),
        bootstrap: z.number().int().min(0).max(10000).default(1000),
        seed: seed.default(0),
        /** answer options per item; 2 declares a two-choice task (the pick's confidence is then max(p, 1 - p)) */
        choices: z.literal(2).optional(),
      })
      .strict(),
  ),
  analyzeTrend: channel<TrendResult[]>()(
    z
      .object({
        projectId: id,
        task: label.optional(),
        family: label.optional(),
        metric: label.optional(),
        checkpoint: checkpoint.optional(),
        shots: shots.optional(),
        /** read every shot count as repeats of one size (default: one series per shot count) */
        poolShots: z.boolean().optional(),
        tolerance: z.number().min(0).max(1e6).optional(),
      })
      .strict(),
  ),
}
