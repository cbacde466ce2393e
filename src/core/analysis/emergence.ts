/**
 * Emergence: does a task's score improve smoothly with scale or jump (Wei et al. 2022, "Emergent
 * Abilities of Large Language Models", arXiv 2206.07682)? Per task, family, metric and shot count:
 *   1. one score per size (size-series.ts), u = log10 x, oriented so higher is better; one series per
 *      shot count unless pooling is asked for (poolShots: shot counts then count as runs at each size);
 *   2. the chance level and its source (emergence-chance.ts): option, choices column, registry of known
 *      benchmarks, generation metric, or an announced assumption;
 *   3. flat, linear-in-u and logistic-in-u fits (emergence-fits.ts), compared by BIC and by
 *      leave-one-size-out error;
 *   4. the emergence scale: where the score first clears chance + max(margin, 2 se) (emergence-scale.ts),
 *      the bracket of adjacent sizes around it and an interval no narrower than that bracket;
 *   5. the verdict (emergence-verdict.ts): flat, emergent or smooth, reconciled with the trend-shape
 *      classifier on the same series (trend-shape.ts) so the two never contradict (inverse there is
 *      inverse here), both stated in the evidence.
 */
import type { EmergenceKind, EmergenceEvidence, EmergenceNote, EmergenceResult, TrendShape } from '../../shared/api/analysis-results'
export type { EmergenceKind, EmergenceEvidence, EmergenceResult }
import { LabError } from '../../shared/errors'
import { seededRandom, type Random } from '../random'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import type { EvalPoint, Interval, ModelFit, NoiseSource, PredictionRow, SizePoint, XAxis } from './types'
import { fitFlat, fitLinear, fitLogistic, informationCriteria, leaveOneSizeOut, spreadOf, type CurveFit, type LogisticOptions } from './emergence-fits'
import { bootstrapCrossing, DEFAULT_EMERGENCE_MARGIN, findCrossing, type ScaleBootstrap } from './emergence-scale'
import { resolveChance } from './emergence-chance'
import { emergenceVerdict, note, reconcileWithTrend, verdictText } from './emergence-verdict'
import { metricHigherIsBetter, metricIsProportion } from './metric-semantics'
import { classifyTrend } from './trend-shape'
import { itemTable, PREDICTION_METRICS, type PredictionMetric } from './prediction-metrics'
import { buildSizeSeries, groupBy, runsPerSize, seriesKey } from './size-series'
import { requireSizes, validateEvalPoints, validatePredictionRows } from './validate'

export interface EmergenceOptions {
  task?: string
  metric?: string
  family?: string
  x?: XAxis
  /** minimum gain over chance, in metric units (default 0.05); the threshold is chance + max(margin, 2 se) */
  margin?: number
  /** chance level; default: choices column, registry of known tasks, generation metric, else assumed 0 with a warning (emergence-chance.ts) */
  chance?: number
  higherIsBetter?: boolean
  checkpoint?: number | 'final'
  /** keep only this shot count */
  shots?: number
  /** pool every shot count as runs at each size (default: one series per shot count) */
  poolShots?: boolean
  seed?: number
  /** bootstrap resamples for the emergence-scale interval (default 1000; 0 = none) */
  bootstrap?: number
  level?: number
  /** widest 10-90 % rise, in decades of x, still called a jump (default 2) */
  maxTransitionWidth?: number
  /** per-example predictions: the interval is then a bootstrap over items (metrics accuracy, log_likelihood, brier) */
  predictions?: readonly PredictionRow[]
}

const CURVE_POINTS = 48

function describeFit(fit: CurveFit, u: number[], s: number[], dir: number, loo: number | null): ModelFit {
  const { aic, bic } = informationCriteria(fit.rss, u.length, fit.k, spreadOf(s))
  const lo = Math.min(...u)
  const hi = Math.max(...u)
  const curve: [number, number][] = []
  for (let i = 0; i < CURVE_POINTS; i++) {
    const uu = lo + ((hi - lo) * i) / (CURVE_POINTS - 1)
    curve.push([10 ** uu, dir * fit.predict(uu)])
  }
  let parameters: Record<string, number>
  let formula: string
  if (fit.name === 'flat') {
    parameters = { level: dir * fit.params.level }
    formula = 'y = level'
  } else if (fit.name === 'linear') {
    parameters = { intercept: dir * fit.params.intercept, slope_per_decade: dir * fit.params.slope }
    formula = 'y = intercept + slope_per_decade * log10(x)'
  } else {
    parameters = {
      floor: dir * fit.params.floor,
      ceiling: dir * fit.params.ceiling,
      steepness_per_decade: fit.params.slope,
      midpoint: 10 ** fit.params.midpoint,
      log10_midpoint: fit.params.midpoint,
    }
    formula = 'y = floor + (ceiling - floor) / (1 + exp(-steepness_per_decade * (log10(x) - log10_midpoint)))'
  }
  return { name: fit.name, formula, parameters, k: fit.k, rss: fit.rss, aic, bic, loo_mse: loo, curve }
}

interface Prepared {
  task: string
  family: string | null
  metric: string
  /** the series' shot count when series are split by shots */
  shots: number | undefined
  points: EvalPoint[]
}

/** Series key: task, family, metric and, unless shots are pooled or one count is chosen, the shot count. */
function groupKey(p: EvalPoint, byShots: boolean): string {
  return byShots ? JSON.stringify([seriesKey(p), p.shots ?? null]) : seriesKey(p)
}

function selectGroups(points: readonly EvalPoint[], opts: EmergenceOptions): Prepared[] {
  const chosen = points.filter(
    (p) => (opts.task === undefined || p.task === opts.task) && (opts.metric === undefined || p.metric === opts.metric) && (opts.family === undefined || p.family === opts.family),
  )
  if (chosen.length === 0) {
    const what = [opts.task && `task "${opts.task}"`, opts.metric && `metric "${opts.metric}"`, opts.family && `family "${opts.family}"`].filter(Boolean).join(', ')
    throw new LabError('no-evaluations', `No evaluations${what ? ` for ${what}` : ''}.`, { hint: 'Import task evaluations first, or check the task, metric and family names.' })
  }
  const byShots = !opts.poolShots && opts.shots === undefined
  return [...groupBy(chosen, (p) => groupKey(p, byShots)).values()]
    .map((list) => ({ task: list[0].task, family: list[0].family ?? null, metric: list[0].metric, shots: byShots ? list[0].shots : opts.shots, points: list }))
    .sort(
      (a, b) =>
        a.task.localeCompare(b.task) || (a.family ?? '').localeCompare(b.family ?? '') || a.metric.localeCompare(b.metric) || (a.shots ?? -1) - (b.shots ?? -1),
    )
}

/** Analyse every (task, family, metric) series that matches the options (those with fewer than 3 sizes are left out unless none has more). */
export function analyzeEmergence(points: readonly EvalPoint[], opts: EmergenceOptions = {}, progress: ProgressOptions = {}): EmergenceResult[] {
  const x = opts.x ?? 'params'
  validateEvalPoints(points)
  if (opts.predictions) validatePredictionRows(opts.predictions)
  const groups = selectGroups(points, opts)
  // A series with too few sizes is left out when others can be analysed; alone, it is an error.
  const results: EmergenceResult[] = []
  let firstError: LabError | null = null
  const leftOut: EmergenceNote[] = []
  groups.forEach((g, i) => {
    try {
      results.push(
        analyzeOneSeries(g, opts, {
          signal: progress.signal,
          onProgress: progress.onProgress && ((f, m) => progress.onProgress?.((i + f) / groups.length, m)),
        }),
      )
    } catch (e) {
      if (!(e instanceof LabError && e.code === 'too-few-sizes')) throw e
      firstError ??= e
      leftOut.push(note('seriesLeftOut', { reason: e.message }, `Left out: ${e.message}`))
    }
  })
  if (results.length === 0 && firstError) throw firstError
  // what was left out is said on every series that was analysed
  for (const r of results) r.warnings.push(...leftOut)
  return results
}

type CurveName = 'flat' | 'linear' | 'logistic'

/** One series read off the evaluations: sizes, oriented scores (higher is better) and the chance level. */
interface SeriesData {
  x: XAxis
  higher: boolean
  /** +1 when higher is better, else -1: scores are dir * value */
  dir: number
  proportion: boolean
  seriesOpts: Parameters<typeof buildSizeSeries>[1]
  series: ReturnType<typeof buildSizeSeries>
  margin: number
  maxWidth: number
  resolved: ReturnType<typeof resolveChance>
  chance: number | undefined
  warnings: EmergenceNote[]
  /** log10 sizes */
  u: number[]
  /** scores */
  s: number[]
  n: number
}

/** Per-item contributions at each size (for standard errors and the item bootstrap). */
interface ItemData {
  sizeRows: Float64Array[][]
  count: number
}

/** The three curves, their leave-one-size-out errors, and the one BIC prefers. */
interface CurveFits {
  curves: Record<CurveName, CurveFit>
  loo: Record<CurveName, number | null>
  fits: Record<CurveName, ModelFit>
  byBic: CurveName
}

function analyzeOneSeries(g: Prepared, opts: EmergenceOptions, progress: ProgressOptions): EmergenceResult {
  throwIfCancelled(progress.signal)
  const d = readSeries(g, opts)
  const { dir, chance, margin, series, u, s, n } = d
  const items = itemData(g, opts, series)
  const se = series.points.map((p) => p.stderr)
  const noise: NoiseSource = items ? 'items' : series.noise
  if (items) itemStandardErrors(items, se)

  const baseline = chance !== undefined ? dir * chance : s[0]
  const observedGain = Math.max(...s.map((v) => v - baseline))
  const threshold = s.map((_, i) => baseline + Math.max(margin, 2 * (se[i] ?? 0)))
  const cf = fitCurves(d, progress)
  const { curves, loo, fits, byBic } = cf
  const bestShape = fits.logistic.bic < fits.linear.bic ? curves.logistic : curves.linear
  const fittedGain = bestShape.predict(u[n - 1]) - bestShape.predict(u[0])
  const k = curves.logistic.params.slope
  const width = k > 0 ? (2 * Math.log(9)) / k : Infinity
  const mid = curves.logistic.params.midpoint
  const crossing = findCrossing(u, s, threshold)
  // one definition of the onset: the emergence scale (the first size-interpolated clearing of the threshold)
  const sizesBelow = crossing.between ? crossing.between[1] : 0
  const nearChanceBelow = u.every((uu, i) => crossing.u === null || uu >= crossing.u || s[i] < threshold[i])
  const staysAbove = crossing.between !== null && s.every((v, i) => i < crossing.between![1] || v >= threshold[i])
  const bracket: [number, number] | null = crossing.between ? [series.points[crossing.between[0]].x, series.points[crossing.between[1]].x] : null
  const deltaBic = fits.linear.bic - fits.logistic.bic
  const deltaLoo = loo.linear !== null && loo.logistic !== null ? loo.linear - loo.logistic : null
  const scale = crossing.u === null ? null : pow10(crossing.u)

  const trend = trendOfSeries(g, opts, d.x, d.higher)
  const verdict = reconcileWithTrend(
    emergenceVerdict({ byBic, fittedGain, margin, deltaBic, deltaLoo, width, maxWidth: d.maxWidth, sizesBelow, censored: crossing.censored, bracket, scale, staysAbove, n }),
    trend,
  )
  const chanceNotes = d.warnings.filter((w) => w.key === 'chanceUnknown')
  const kind: EmergenceKind = verdict.kind
  const notes = [...verdict.notes, ...chanceNotes]
  const reason = verdictText(verdict.notes) + (chanceNotes.length ? ` ${chanceNotes.map((w) => w.text).join(' ')}` : '')
  const bootstrap = bootstrapOnset(g, opts, d, items, se, cf, threshold, progress)

  const points = series.points.map((p, i) => ({ ...p, stderr: se[i], threshold: dir * threshold[i] }))
  return {
    task: g.task,
    family: g.family,
    metric: g.metric,
    x: d.x,
    kind,
    emergence_scale: scale,
    interval: scaleInterval(crossing.censored, bracket, series.points[0].x, bootstrap),
    censored: crossing.censored,
    between: crossing.between
      ? {
          lower: { x: series.points[crossing.between[0]].x, models: series.points[crossing.between[0]].models },
          upper: { x: series.points[crossing.between[1]].x, models: series.points[crossing.between[1]].models },
        }
      : null,
    bracket,
    n,
    chance: chance ?? null,
    chance_source: d.resolved.chance,
    baseline: dir * baseline,
    margin,
    higher_is_better: d.higher,
    shots: series.shots,
    pooled_shots: series.shots.length > 1,
    warnings: d.warnings,
    points,
    fits,
    evidence: {
      preferred_by_bic: byBic,
      delta_bic_linear_minus_logistic: deltaBic,
      delta_loo_linear_minus_logistic: deltaLoo,
      transition_width_decades: Number.isFinite(width) ? width : null,
      transition_midpoint: Math.abs(mid) < 300 ? pow10(mid) : null,
      transition_onset: scale,
      sizes_below_onset: sizesBelow,
      fitted_gain: fittedGain,
      observed_gain: observedGain,
      near_chance_below: nearChanceBelow,
      noise,
      pooled_runs: series.pooled,
      reason,
      notes,
      trend,
      stays_above: staysAbove,
    },
    bootstrap,
  }
}

/** The series by size, its orientation, margin and chance level; refuses fewer than 3 sizes and a bad margin. */
function readSeries(g: Prepared, opts: EmergenceOptions): SeriesData {
  const x = opts.x ?? 'params'
  const higher = opts.higherIsBetter ?? metricHigherIsBetter(g.metric)
  const dir = higher ? 1 : -1
  const proportion = metricIsProportion(g.points, g.metric)
  const seriesOpts = { x, checkpoint: opts.checkpoint, shots: g.shots, proportion }
  const series = buildSizeSeries(g.points, seriesOpts)
  const label = `Emergence of "${g.task}" (${g.metric}${g.family ? `, ${g.family}` : ''}${g.shots !== undefined ? `, ${g.shots}-shot` : ''})`
  requireSizes(series.points.length, 3, label)
  const margin = opts.margin ?? DEFAULT_EMERGENCE_MARGIN
  if (!(margin >= 0 && Number.isFinite(margin))) throw new LabError('invalid-option', `margin must be a number >= 0, got ${String(opts.margin)}.`)
  const resolved = resolveChance(g.points, g.task, g.metric, opts.chance)
  const warnings: EmergenceNote[] = [...resolved.warnings]
  if (series.shots.length > 1)
    warnings.push(note('shotsPooled', { shots: series.shots.join(', ') }, `Shot counts ${series.shots.join(', ')} pooled as runs at each size (asked for with pool shots).`))
  const u = series.points.map((p) => Math.log10(p.x))
  const s = series.points.map((p) => dir * p.value)
  return {
    x,
    higher,
    dir,
    proportion,
    seriesOpts,
    series,
    margin,
    maxWidth: opts.maxTransitionWidth ?? 2,
    resolved,
    chance: resolved.chance.value ?? undefined,
    warnings,
    u,
    s,
    n: u.length,
  }
}

/** Item-level data, when present for every size, give both the standard errors and the bootstrap. */
function itemData(g: Prepared, opts: EmergenceOptions, series: SeriesData['series']): ItemData | null {
  const predictions = opts.predictions?.filter((r) => r.task === g.task && (opts.family === undefined || r.family === opts.family))
  if (!predictions || predictions.length === 0 || !(PREDICTION_METRICS as readonly string[]).includes(g.metric)) return null
  const table = itemTable(predictions, g.task, g.metric as PredictionMetric)
  const sizeRows = series.points.map((p) => table.contributions.filter((_, m) => p.models.includes(table.models[m].model)))
  return table.items.length > 1 && sizeRows.every((rows) => rows.length > 0) ? { sizeRows, count: table.items.length } : null
}

/** Standard error of each size's mean over items: sd of the per-item means / sqrt(items). */
function itemStandardErrors(items: ItemData, se: (number | null)[]): void {
  items.sizeRows.forEach((rows, i) => {
    const per = new Float64Array(items.count)
    for (const r of rows) for (let j = 0; j < per.length; j++) per[j] += r[j] / rows.length
    let m = 0
    for (const v of per) m += v
    m /= per.length
    let v2 = 0
    for (const v of per) v2 += (v - m) ** 2
    se[i] = Math.sqrt(v2 / (per.length - 1) / per.length)
  })
}

/** Flat, linear and logistic curves in log10 size, with leave-one-size-out errors and BIC. */
function fitCurves(d: SeriesData, progress: ProgressOptions): CurveFits {
  const { u, s, dir, chance, proportion } = d
  const logisticOpts: LogisticOptions = {
    floor: chance !== undefined ? dir * chance : undefined,
    ceilingMax: proportion ? (dir > 0 ? 1 : 0) : undefined,
  }
  const fitters = {
    flat: (uu: number[], ss: number[]) => fitFlat(uu, ss),
    linear: (uu: number[], ss: number[]) => fitLinear(uu, ss),
    logistic: (uu: number[], ss: number[]) => fitLogistic(uu, ss, logisticOpts),
  }
  const curves = { flat: fitters.flat(u, s), linear: fitters.linear(u, s), logistic: fitters.logistic(u, s) }
  throwIfCancelled(progress.signal)
  const loo = {
    flat: leaveOneSizeOut(u, s, fitters.flat),
    linear: leaveOneSizeOut(u, s, fitters.linear),
    logistic: leaveOneSizeOut(u, s, fitters.logistic),
  }
  const fits = {
    flat: describeFit(curves.flat, u, s, dir, loo.flat),
    linear: describeFit(curves.linear, u, s, dir, loo.linear),
    logistic: describeFit(curves.logistic, u, s, dir, loo.logistic),
  }
  const byBic = (['flat', 'linear', 'logistic'] as const).reduce((best, name) => (fits[name].bic < fits[best].bic ? name : best), 'flat' as CurveName)
  return { curves, loo, fits, byBic }
}

/** Bootstrap of the crossing (none with 0 resamples), resampling what the noise is known from. */
function bootstrapOnset(
  g: Prepared,
  opts: EmergenceOptions,
  d: SeriesData,
  items: ItemData | null,
  se: (number | null)[],
  cf: CurveFits,
  threshold: number[],
  progress: ProgressOptions,
): ScaleBootstrap | null {
  const resamples = opts.bootstrap ?? 1000
  if (!(Number.isInteger(resamples) && resamples >= 0)) throw new LabError('invalid-option', `bootstrap must be a whole number >= 0, got ${String(opts.bootstrap)}.`)
  if (resamples === 0) return null
  const rng = seededRandom(opts.seed ?? 0)
  const { replicate, method } = chooseReplicate(g, d, items, se, cf)
  return bootstrapCrossing(d.u, threshold, replicate, rng, resamples, method, opts.level ?? 0.95, progress)
}

interface Replicator {
  replicate: (r: Random) => ArrayLike<number>
  method: ScaleBootstrap['method']
}

/** Items when known, else runs (two or more per size), else the standard errors, else residuals of the BIC choice. */
function chooseReplicate(g: Prepared, d: SeriesData, items: ItemData | null, se: (number | null)[], cf: CurveFits): Replicator {
  const { dir, s, series } = d
  const runs = runsPerSize(g.points, series.points, d.seriesOpts)
  if (items) return itemReplicate(items, dir)
  if (runs.every((r) => r.length >= 2)) {
    return {
      method: 'runs',
      replicate: (r) =>
        runs.map((vals) => {
          let tot = 0
          for (let j = 0; j < vals.length; j++) tot += vals[r.int(vals.length)]
          return (dir * tot) / vals.length
        }),
    }
  }
  if (se.every((v) => v !== null)) {
    return {
      method: series.noise === 'binomial' ? 'binomial' : series.noise === 'runs' ? 'runs' : 'stderr',
      replicate: (r) => s.map((v, i) => v + (se[i] as number) * r.normal()),
    }
  }
  return residualReplicate(d, cf.curves[cf.byBic])
}

/** Items drawn with replacement, the same draw at every size (paired). */
function itemReplicate(it: ItemData, dir: number): Replicator {
  const draw = new Int32Array(it.count)
  return {
    method: 'items',
    replicate: (r) => {
      for (let j = 0; j < it.count; j++) draw[j] = r.int(it.count)
      return it.sizeRows.map((rows) => {
        let tot = 0
        for (const row of rows) for (let j = 0; j < it.count; j++) tot += row[draw[j]]
        return (dir * tot) / (it.count * rows.length)
      })
    },
  }
}

/** Residuals of the chosen curve, inflated for its parameters, resampled onto its fitted values. */
function residualReplicate(d: SeriesData, chosen: CurveFit): Replicator {
  const { u, s, n, dir, proportion } = d
  const fitted = u.map((uu) => chosen.predict(uu))
  const inflate = Math.sqrt(n / Math.max(1, n - chosen.k))
  // proportions: quasi-binomial Pearson residuals, so noise near 0 or 1 stays small (McCullagh & Nelder 1989)
  const scale = fitted.map((f) => (proportion ? Math.sqrt(Math.max(dir * f * (1 - dir * f), 0.01 * 0.99)) : 1))
  const resid = s.map((v, i) => ((v - fitted[i]) / scale[i]) * inflate)
  return { method: 'residual', replicate: (r) => fitted.map((f, i) => f + scale[i] * resid[r.int(n)]) }
}

/**
 * Where the crossing can lie. Between two adjacent sizes the data cannot place it more finely than those
 * sizes (only a size inside the bracket could), so the interval is the hull of the bracket and the bootstrap
 * percentile interval; below the smallest size: [unbounded, smallest]; no crossing: none.
 */
export function scaleInterval(censored: 'none' | 'below' | 'above', bracket: [number, number] | null, smallest: number, boot: ScaleBootstrap | null): Interval | null {
  if (censored === 'above') return null
  if (censored === 'below' || !bracket) return [null, smallest]
  const lo = boot ? nullablePow(boot.log_interval[0]) : null
  const hi = boot ? nullablePow(boot.log_interval[1]) : null
  // a null bootstrap end means replicates without a crossing: the upper end is then beyond the largest size
  const upper = boot && hi === null ? null : Math.max(hi ?? bracket[1], bracket[1])
  return [Math.min(lo ?? bracket[0], bracket[0]), upper]
}

/** The trend-shape classifier on exactly this series (same task, family, metric, shots, checkpoint, axis). */
function trendOfSeries(g: Prepared, opts: EmergenceOptions, x: XAxis, higher: boolean): { shape: TrendShape; reason: string } | null {
  try {
    const [t] = classifyTrend(g.points, {
      task: g.task,
      metric: g.metric,
      x,
      checkpoint: opts.checkpoint,
      shots: g.shots,
      higherIsBetter: higher,
      predictions: opts.predictions?.filter((r) => r.task === g.task && (opts.family === undefined || r.family === opts.family)),
      // the classifier's own default when the emergence bootstrap is off (0 resamples would leave it no intervals)
      bootstrap: opts.bootstrap || undefined,
      seed: opts.seed,
    })
    return t ? { shape: t.shape, reason: t.evidence.reason } : null
  } catch (e) {
    if (e instanceof LabError) return null
    throw e
  }
}

/** 10^u rounded to 12 significant digits, so a size read back from its logarithm prints as itself. */
function pow10(u: number): number {
  return Number((10 ** u).toPrecision(12))
}

function nullablePow(v: number | null): number | null {
  return v === null ? null : pow10(v)
}
