/** Public API of the scaling-law fitting engine (see fit-runner.ts for the entry points). */
export type { ScalingPoint, LawName, Estimator, FitOptions, FitResult, BacktestResult, BacktestRow, PredictionBand } from './types'
export { LAW_NAMES } from './types'
export { runFit, bootstrapFit, predictLoss, CI_LEVEL, type BootstrapFitOptions } from './fit-runner'
export { lawModel, presetModel, type LawModel, type LossQuery } from './law-model'
export { PRESETS, getPreset, PF_DAY_FLOPS, type Preset, type PresetName, type ChinchillaPreset, type KaplanPreset } from './presets'
export {
  chinchillaAllocation,
  chinchillaExponents,
  numericAllocation,
  allocationExponents,
  gopherVsChinchilla,
  CHINCHILLA_BUDGET,
  GOPHER,
  CHINCHILLA_MODEL,
  type Allocation,
  type GopherChinchillaComparison,
  type ModelAtBudget,
} from './allocation'
export { inferenceAwareAllocation, inferenceAwareAtBudget, type InferenceAllocation } from './inference-allocation'
export { dataConstrainedAllocation, dataConstrainedLoss, effectiveRepeated, MUENNIGHOFF_R_D_STAR, MUENNIGHOFF_R_N_STAR, type DataConstrainedAllocation } from './data-constrained'
export { denseVsRouted, moeParameterCounts, routedLoss, trainingFlopsPerToken, inferenceFlopsPerToken, type DenseVsRoutedRow, type MoeShape, type RoutedLawParams } from './moe'
export { chinchillaLoss, type ChinchillaParams, CHINCHILLA_PARAM_NAMES } from './chinchilla-law'
export { groupByCompute, DEFAULT_ISOFLOP_TOLERANCE, type ComputeGroup } from './compute-groups'
export type { IsoflopGroup } from './isoflop'
export type { EnvelopeLevel } from './envelope'
export { backtest } from './backtest'
export { bandCurve, bandGrid } from './bootstrap'
