/**
 * Result shapes of the emergence, calibration and trend-shape analyses (src/core/analysis), as they cross
 * every door (IPC, HTTP, CLI --json): plain JSON, no NaN, no Infinity. The renderer imports them from here;
 * the engine builds them. References: Wei et al. 2022 (arXiv 2206.07682), Schaeffer et al. 2023
 * (arXiv 2304.15004), Bhagia et al. 2024 (arXiv 2412.04403), Kadavath et al. 2022 (arXiv 2207.05221),
 * McKenzie et al. 2023 (arXiv 2306.09479), Wei et al. 2022 (arXiv 2211.02011).
 */

/** The six calibration measures that carry bootstrap intervals. */
export type StatName = 'accuracy' | 'mean_confidence' | 'ece' | 'mce' | 'brier' | 'nll'

export type XAxis = 'params' | 'tokens' | 'flops'

/** Two-sided interval; a null end is unbounded (outside the observed range or not identified). */
export type Interval = [number | null, number | null]

/** Where a size's standard error came from, best first. */
export type NoiseSource = 'items' | 'runs' | 'stderr' | 'binomial' | 'residual'

/** A fitted curve's summary: what a chart needs to redraw it and what a reader needs to judge it. */
export interface ModelFit {
  name: 'flat' | 'linear' | 'logistic'
  /** formula in words, with u = log10 x */
  formula: string
  parameters: Record<string, number>
  /** number of free parameters (without the noise scale) */
  k: number
  rss: number
  aic: number
  bic: number
  /** mean squared error on the left-out size, leaving one size out at a time (null with fewer than 4 sizes) */
  loo_mse: number | null
  /** the fitted curve sampled at 48 points across the observed range: [x, y] */
  curve: [number, number][]
}

/** One model size on a curve (several runs or shot counts at the same size are pooled). */
export interface SizePoint {
  x: number
  params: number
  models: string[]
  value: number
  stderr: number | null
  /** number of runs pooled at this size */
  runs: number
}

export interface ScaleBootstrap {
  resamples: number
  method: 'items' | 'runs' | 'stderr' | 'binomial' | 'residual'
  /** percentile interval of log10 x; a null end is unbounded (beyond the largest size) */
  log_interval: [number | null, number | null]
  /** replicates in which no size cleared the threshold */
  no_crossing: number
  /** replicates in which the smallest size already cleared it */
  below_range: number
}

/**
 * emergent: near chance below a scale, a jump above it; smooth: improves without a jump; flat: no change
 * beyond the margin; inverse: worsens with scale (as the trend-shape classifier finds on the same series).
 */
export type EmergenceKind = 'emergent' | 'smooth' | 'flat' | 'inverse'

/** Where a chance level came from, most trusted first. */
export type ChanceSource = 'option' | 'choices' | 'registry' | 'metric' | 'assumed' | 'none'

/** The chance level used and why (value null: no chance level; the baseline is then the smallest size's score). */
export interface ChanceLevel {
  value: number | null
  source: ChanceSource
  /** the task name matched in the registry, the choices count, the metric rule ... in plain English */
  detail: string
  /** paper or dataset behind a registry value */
  reference: string | null
}

/**
 * One sentence of a verdict or a warning: a stable key with its values (the renderer translates it) and the
 * English text (the CLI prints it).
 */
export interface EmergenceNote {
  key: string
  values: Record<string, string | number>
  text: string
}

export interface EmergenceEvidence {
  preferred_by_bic: 'flat' | 'linear' | 'logistic'
  /** BIC(linear) - BIC(logistic): > 0 favours the jump */
  delta_bic_linear_minus_logistic: number
  /** leave-one-size-out MSE of linear minus logistic: > 0 favours the jump (null with < 4 sizes) */
  delta_loo_linear_minus_logistic: number | null
  /** 10-90 % width of the logistic rise in decades of x (null when the logistic is flat) */
  transition_width_decades: number | null
  /** x at the logistic midpoint */
  transition_midpoint: number | null
  /** change of the best non-flat fit across the observed sizes, in metric units (signed: improvement > 0) */
  fitted_gain: number
  /** best observed gain over the baseline, in metric units */
  observed_gain: number
  /** the onset: the emergence scale itself (one definition: where the score first clears chance + margin) */
  transition_onset: number | null
  /** sizes below the onset (the emergence scale) */
  sizes_below_onset: number
  /** every size below the emergence scale is under its threshold (true of a first crossing; kept for readers) */
  near_chance_below: boolean
  noise: NoiseSource
  /** sizes at which differently named runs (seeds, or different models of one size) were pooled as repeats */
  pooled_runs: PooledRuns[]
  reason: string
  /** the verdict's reasons one by one (reason is their English text joined) */
  notes: EmergenceNote[]
  /** the trend-shape classifier on the same series (trend-shape.ts), stated beside the verdict */
  trend: { shape: TrendShape; reason: string } | null
  /** every size from the emergence scale on clears its threshold */
  stays_above: boolean
}

/** Differently named runs pooled at one size x. */
export interface PooledRuns {
  x: number
  models: string[]
}

export interface EmergenceResult {
  task: string
  family: string | null
  metric: string
  x: XAxis
  kind: EmergenceKind
  /**
   * x where the score first clears the threshold, interpolated linearly in log x between the bracket's two
   * sizes (a convention inside the bracket, not a measurement); null when no size does
   */
  emergence_scale: number | null
  /**
   * where the crossing can lie: the hull of the bracket and the bootstrap percentile interval (a jump
   * between two adjacent sizes cannot be placed more finely than those sizes); [null, smallest] when the
   * smallest size already clears the threshold; null when no size does
   */
  interval: Interval | null
  censored: 'none' | 'below' | 'above'
  /** the sizes that bracket the crossing */
  between: { lower: { x: number; models: string[] }; upper: { x: number; models: string[] } } | null
  /** the two adjacent sizes the crossing falls between (x of the last size below and the first above) */
  bracket: [number, number] | null
  /** number of sizes in the series */
  n: number
  chance: number | null
  /** the chance level used, with its source */
  chance_source: ChanceLevel
  /** shot counts were pooled as runs at each size (an explicit choice: poolShots / --pool-shots) */
  pooled_shots: boolean
  /** what was assumed, dropped or guessed for this series */
  warnings: EmergenceNote[]
  baseline: number
  margin: number
  higher_is_better: boolean
  shots: number[]
  points: (SizePoint & { threshold: number })[]
  fits: { flat: ModelFit; linear: ModelFit; logistic: ModelFit }
  evidence: EmergenceEvidence
  bootstrap: ScaleBootstrap | null
}

export type Binning = 'width' | 'mass'

export interface ReliabilityBin {
  /** confidence range of the bin: the bin edges (equal width) or the smallest and largest confidence in it (equal mass) */
  lower: number
  upper: number
  count: number
  mean_confidence: number | null
  accuracy: number | null
  /** accuracy - mean confidence (negative: over-confident) */
  gap: number | null
}

export type BootstrapEngine = 'exact' | 'blocked'

/** Where the pick's confidence came from: a confidence column (or per-option probabilities at import), or the declared two-choice reading max(p, 1 - p). */
export type ConfidenceSource = 'confidence' | 'two-choice'

export interface CalibrationResult {
  task: string
  model: string
  family: string | null
  params: number
  n: number
  /** null: some item has no `correct` (and the task was not declared two-choice) */
  accuracy: number | null
  /** null with ece: the pick's confidence is unknown */
  mean_confidence: number | null
  ece: number | null
  mce: number | null
  /** null only when neither the gold probability nor the pick is known */
  brier: number | null
  /** null: some item has no probability of the correct answer */
  nll: number | null
  binning: Binning
  bins: number
  /** empty when the pick's confidence is unknown */
  reliability: ReliabilityBin[]
  /** percentile intervals over items, per measure (only the measures that are available) */
  intervals: Partial<Record<StatName, Interval>> | null
  standard_errors: Partial<Record<StatName, number>> | null
  /** where the pick's confidence came from; null when it is unknown and ECE is not available */
  confidence_source: ConfidenceSource | null
  /** why ECE (and MCE, mean confidence, the reliability diagram) is not available; null when it is */
  ece_unavailable: string | null
  /** what the Brier score is on: 'gold' = mean (1 - p_correct)^2; 'pick' = top-label mean (confidence - correct)^2 */
  brier_on: 'gold' | 'pick' | null
  /** why other measures are missing, and what was assumed (e.g. the two-choice reading) */
  notes: string[]
  /** items without the pick's confidence, without correct, without the probability of the correct answer */
  missing: { confidence: number; correct: number; probability: number }
  bootstrap: { resamples: number; engine: BootstrapEngine; level: number; seed: number } | null
}

export type TrendShape = 'positive' | 'inverse' | 'u-shaped' | 'inverted-u' | 'flat' | 'insufficient'

export interface Estimate {
  estimate: number
  interval: Interval
}

export interface TrendEvidence {
  sizes: number
  noise: NoiseSource
  /** sizes at which differently named runs were pooled as repeats */
  pooled_runs: PooledRuns[]
  level: number
  tolerance: number
  /** max(1, chi^2 / df) of the line and the quadratic when standard errors are known, else null */
  overdispersion: { linear: number; quadratic: number } | null
  /** metric units per decade of x */
  slope: Estimate | null
  /** slope times the observed range in decades */
  total_change: Estimate | null
  /** metric units per decade squared */
  curvature: Estimate | null
  /** x at the quadratic's vertex; interval null ends: not bounded */
  vertex: { x: number | null; interval: Interval | null; inside_range: boolean; sizes_before: number; sizes_after: number } | null
  /** fitted change from the smallest size to the vertex and from the vertex to the largest size */
  arms: { before: number; after: number } | null
  two_lines: { before: Estimate; after: Estimate } | null
  reason: string
  /** the test the verdict rests on (null when there are too few sizes or no way to know the errors) */
  test: TrendTest | null
  /** consecutive sizes' differences in metric units and in units of their standard errors */
  steps: TrendStep[]
  /** where the per-size errors came from, or what was assumed when none was known */
  errors: string
}

/** Order-restricted likelihood-ratio tests (isotonic and unimodal regression weighted by 1 / se^2). */
export interface TrendTest {
  method: string
  /** 1 - level: a p-value below it counts as evidence */
  alpha: number
  /** common error estimated from the scatter when no per-size error was known, else null */
  sigma: number | null
  /** weighted residual sum of squares of each order-restricted fit (on the score: higher is better) */
  chi2: { flat: number; positive: number; inverse: number; u_shaped: number; inverted_u: number }
  /** flat against the better monotone fit */
  trend: { statistic: number; p_value: number; direction: 'positive' | 'inverse'; change: number }
  /** the better monotone fit against the better one-turn fit */
  turn: { statistic: number; p_value: number; shape: 'u-shaped' | 'inverted-u'; at: number; arms: { before: number; after: number } }
  simulations: number
  seed: number
}

export interface TrendStep {
  from: number
  to: number
  /** value at `to` minus value at `from`, metric units */
  difference: number
  se: number
  /** difference / se */
  z: number
}

export interface TrendResult {
  task: string
  family: string | null
  metric: string
  x: XAxis
  shape: TrendShape
  higher_is_better: boolean
  /** n: items behind the size's value when the evaluations say (summed over pooled runs), else null */
  points: (SizePoint & { n: number | null })[]
  evidence: TrendEvidence
  /** the shot count of this series (one series per shot count by default), null when the evaluations give none */
  shots?: number | null
  /** the shot counts read as repeats of one size, when pooling was asked for */
  pooled_shots?: number[] | null
}

export interface CalibrationScaleResult {
  task: string
  family: string | null
  models: {
    model: string
    params: number
    n: number
    accuracy: number | null
    mean_confidence: number | null
    ece: number | null
    mce: number | null
    brier: number | null
    nll: number | null
    intervals: Partial<Record<StatName, Interval>> | null
  }[]
  /** shape of each measure across sizes; null with a single model */
  trends: Record<'ece' | 'brier' | 'nll' | 'accuracy', TrendResult | null>
}

export type MetricVerdict = 'metric-induced' | 'in-the-models' | 'no-jump' | 'no-continuous-metric' | 'no-discontinuous-metric'

export interface MetricShape {
  metric: string
  continuous: boolean
  higher_is_better: boolean
  kind: EmergenceKind
  emergence_scale: number | null
  /** per size: x, raw value, and value scaled to [0, 1] with 1 = best */
  normalized: { x: number; value: number; normalized: number }[]
  evidence: EmergenceResult['evidence']
}

export interface MetricComparisonResult {
  task: string
  family: string | null
  x: XAxis
  metrics: MetricShape[]
  verdict: MetricVerdict
  explanation: string
  /** the shot count every metric was read at (null: pooled, or the data carry none) */
  shots: number | null
  /** every shot count was pooled as runs at each size (asked for) */
  pooled_shots: boolean
  /** the shot counts the task's evaluations have */
  shots_available: number[]
  /** shots was not given: the smallest shot count present was used (said in warnings) */
  shots_by_default: boolean
  /** what was assumed, in English (the view words it from the fields above) */
  warnings: string[]
}

export interface DynamicsPoint {
  checkpoint: number
  tokens: number | null
  value: number
  stderr: number | null
}

export interface DynamicsSeries {
  model: string
  family: string | null
  params: number
  points: DynamicsPoint[]
}

export interface TrainingDynamicsResult {
  task: string
  metric: string
  series: DynamicsSeries[]
}

export interface TaskLossLaw {
  form: 'N,D' | 'N'
  E: number
  A: number
  alpha: number
  B: number
  beta: number
  rss: number
  n: number
}

export interface AccuracyFromLoss {
  a: number
  k: number
  L0: number
  b: number
  rss: number
  n: number
}

export interface BacktestRow {
  model: string
  params: number
  tokens: number | null
  actual_loss: number
  predicted_loss: number
  actual_accuracy: number
  predicted_accuracy: number
  accuracy_from_actual_loss: number
  loss_error: number
  accuracy_error: number
}

export interface TwoStepResult {
  task: string
  family: string | null
  loss_metric: string
  accuracy_metric: string
  ladder: string[]
  held_out: string[]
  step1: TaskLossLaw & { points: { model: string; params: number; tokens: number | null; loss: number; fitted: number }[] }
  step2: AccuracyFromLoss & { points: { model: string; checkpoint: number | null; loss: number; accuracy: number; fitted: number }[] }
  backtest: BacktestRow[]
  predictions: { label: string; params: number; tokens: number | null; loss: number; accuracy: number }[]
  /** the step-2 sigmoid sampled across the loss range of the ladder and the predictions: [loss, accuracy] */
  curve: [number, number][]
}
