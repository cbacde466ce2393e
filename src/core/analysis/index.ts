/**
 * Emergence, calibration and trend-shape analyses (issue 4): the public API of src/core/analysis.
 * Every function takes plain inputs (EvalPoint, PredictionRow), throws LabError on bad input, and returns
 * plain JSON (no NaN, no Infinity). Long ones take ProgressOptions (onProgress, signal) last.
 */
export type { EvalPoint, PredictionRow, XAxis, Interval, ModelFit, SizePoint, NoiseSource } from './types'

export { analyzeEmergence } from './emergence'
export type { EmergenceOptions, EmergenceResult, EmergenceKind, EmergenceEvidence } from './emergence'
export { DEFAULT_EMERGENCE_MARGIN } from './emergence-scale'
export type { ScaleBootstrap } from './emergence-scale'

export { metricComparison } from './metric-comparison'
export type { MetricComparisonOptions, MetricComparisonResult, MetricShape, MetricVerdict } from './metric-comparison'

export { twoStepPrediction } from './two-step-prediction'
export type { TwoStepOptions, TwoStepResult, BacktestRow } from './two-step-prediction'
export { fitTaskLoss, predictTaskLoss } from './task-loss-law'
export type { TaskLossLaw } from './task-loss-law'
export { fitAccuracyFromLoss, predictAccuracy } from './accuracy-from-loss'
export type { AccuracyFromLoss } from './accuracy-from-loss'

export { trainingDynamics } from './training-dynamics'
export type { TrainingDynamicsOptions, TrainingDynamicsResult, DynamicsSeries, DynamicsPoint } from './training-dynamics'

export { analyzeCalibration, calibrateGroups, checkCalibrationOptions } from './calibration'
export type { CalibrationOptions, CalibrationResult } from './calibration'
export { calibrationVsScale } from './calibration-scale'
export type { CalibrationScaleResult, CalibrationScaleOptions } from './calibration-scale'
export { analyzeCalibrationParallel, calibrateGroupsParallel } from './calibration-parallel'
export type { Binning, ReliabilityBin, CalibrationStats } from './reliability'
export { groupPredictions, fromColumns } from './calibration-data'
export type { CalibrationGroup } from './calibration-data'

export { classifyTrend } from './trend-shape'
export type { TrendOptions, TrendResult, TrendShape, TrendEvidence, Estimate } from './trend-shape'

export { evalPointsFromPredictions, pickOf, PREDICTION_METRICS } from './prediction-metrics'
export type { PredictionMetric } from './prediction-metrics'
export { metricHigherIsBetter, metricIsContinuous } from './metric-semantics'
export { resolveChance, knownTask, KNOWN_TASKS } from './emergence-chance'
export type { KnownTask, ResolvedChance } from './emergence-chance'
export { validateEvalPoints, validatePredictionRows } from './validate'
