/**
 * Shape of a task's trend across a family's sizes (McKenzie et al. 2023, "Inverse Scaling: When Bigger
 * Isn't Better", arXiv 2306.09479; Wei et al. 2022, "Inverse scaling can become U-shaped",
 * arXiv 2211.02011). With u = log10 N and the score oriented so that higher is better:
 *   line       y = a + b u               slope b with interval (weighted least squares)
 *   quadratic  y = a + b u + c u^2       curvature c with interval; vertex u* = -b / (2c) with Fieller's
 *                                        interval (Fieller 1954), bounded only when c is significant
 *   two lines  separate lines on the sizes up to and from the size nearest u* (Simonsohn 2018, "Two
 *              lines: a valid alternative to the invalid testing of U-shaped relationships")
 * Noise: standard errors of the sizes (runs, given stderr, or binomial from accuracy and item count), or,
 * with per-example predictions, a paired bootstrap over items; without any, equal errors estimated from the
 * scatter around a quadratic (trend-order-test.ts), and the evidence says so.
 * The verdict rests on order-restricted likelihood-ratio tests (trend-order-test.ts: isotonic regression for
 * monotone fits, unimodal regression for one turn, weights 1 / se^2, parametric-bootstrap p-values), at
 * alpha = 1 - level, with the tolerance (default 0.03 in metric units) as the smallest change that matters:
 *   insufficient  fewer than 4 sizes (the Inverse Scaling Prize judged on four), or no way to know the noise;
 *   u-shaped / inverted-u  the one-turn fit beats the best monotone fit (turn p < alpha) and both of its
 *                 arms change the score by at least the tolerance (down then up on the score: u-shaped);
 *   flat          the change of the best monotone fit is below the tolerance and the interval of the
 *                 linear change across the sizes (weighted least squares, inflated by its misfit) lies
 *                 within +-tolerance;
 *   positive / inverse  the monotone fit beats the flat one (trend p < alpha): improves / worsens with scale;
 *   insufficient  otherwise (noise as large as any change).
 * The line, quadratic, vertex (Fieller 1954) and two lines (Simonsohn 2018) are reported as description.
 * Evidence: the test statistics and p-values, every fit's chi^2, and the per-step differences in units of
 * their errors.
 */
import type { TrendShape, Estimate, TrendEvidence, TrendResult } from '../../shared/api/analysis-results'
export type { TrendShape, Estimate, TrendEvidence, TrendResult }
import { LabError } from '../../shared/errors'
import { seededRandom } from '../random'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import type { EvalPoint, Interval, NoiseSource, PredictionRow, SizePoint, XAxis } from './types'
import { polynomialDesign, weightedLeastSquares } from '../numeric/least-squares'
import { metricHigherIsBetter, metricIsProportion } from './metric-semantics'
import { itemTable, PREDICTION_METRICS, type PredictionMetric } from './prediction-metrics'
import { buildSizeSeries, groupBy, selectCheckpoint, seriesKey } from './size-series'
import { orderTest } from './trend-order-test'
import { decideTrend, describeErrors, itemCounts, trendSteps } from './trend-verdict'
import { normalQuantile, studentTQuantile } from '../numeric/distributions'
import { percentileInterval } from '../numeric/stats'
import { validateEvalPoints, validatePredictionRows } from './validate'

export interface TrendOptions {
  task?: string
  family?: string
  metric?: string
  x?: XAxis
  checkpoint?: number | 'final'
  shots?: number
  /** read every shot count of a series as repeats of one size (default false: one series per shot count) */
  poolShots?: boolean
  higherIsBetter?: boolean
  /** smallest change that matters, in metric units (default 0.03) */
  tolerance?: number
  level?: number
  /** fewer sizes than this: insufficient (default 4) */
  minSizes?: number
  /** per-example predictions for a paired bootstrap over items (metrics accuracy, log_likelihood, brier) */
  predictions?: readonly PredictionRow[]
  bootstrap?: number
  seed?: number
  /** parametric-bootstrap draws for the p-values of the order tests (default 4000) */
  simulations?: number
}

interface Fit {
  beta: number[]
  cov: number[][]
  q: number
  overdispersion: number | null
  /** factor from (X^T W X)^-1 to the covariance: the overdispersion, or the residual variance */
  scale: number
}

/** Weighted polynomial fit with the covariance scaled for the noise model and the interval quantile. */
function polyFit(uc: number[], y: number[], se: (number | null)[], degree: number, level: number): Fit | null {
  const n = uc.length
  const known = se.every((v) => v !== null && v > 0)
  const w = known ? se.map((v) => 1 / (v as number) ** 2) : undefined
  const fit = weightedLeastSquares(polynomialDesign(uc, degree), y, w)
  if (!fit) return null
  const df = n - degree - 1
  const alpha = (1 - level) / 2
  if (known) {
    const phi = df > 0 ? Math.max(1, fit.weightedRss / df) : 1
    const q = phi > 1 ? studentTQuantile(1 - alpha, df) : normalQuantile(1 - alpha)
    return { beta: fit.beta, cov: fit.xtwxInverse.map((r) => r.map((v) => v * phi)), q, overdispersion: phi, scale: phi }
  }
  if (df <= 0) return null
  const s2 = fit.rss / df
  return { beta: fit.beta, cov: fit.xtwxInverse.map((r) => r.map((v) => v * s2)), q: studentTQuantile(1 - alpha, df), overdispersion: null, scale: s2 }
}

function ci(est: number, sd: number, q: number): Interval {
  return [est - q * sd, est + q * sd]
}

/** Fieller interval for rho = b / c; null when c is not significant (unbounded set). */
function fieller(b: number, c: number, vbb: number, vbc: number, vcc: number, q: number): [number, number] | null {
  const q2 = q * q
  const A = c * c - q2 * vcc
  if (A <= 0) return null
  const B = b * c - q2 * vbc
  const C = b * b - q2 * vbb
  const disc = Math.max(0, B * B - A * C)
  return [(B - Math.sqrt(disc)) / A, (B + Math.sqrt(disc)) / A]
}

export function classifyTrend(points: readonly EvalPoint[], opts: TrendOptions = {}, progress: ProgressOptions = {}): TrendResult[] {
  validateEvalPoints(points)
  if (opts.predictions) validatePredictionRows(opts.predictions)
  const chosen = points.filter(
    (p) => (opts.task === undefined || p.task === opts.task) && (opts.metric === undefined || p.metric === opts.metric) && (opts.family === undefined || p.family === opts.family),
  )
  if (chosen.length === 0)
    throw new LabError('no-evaluations', `No evaluations${opts.task ? ` for task "${opts.task}"` : ''}${opts.family ? ` in family "${opts.family}"` : ''}.`, {
      hint: 'Import task evaluations first, or check the task and family names.',
    })
  // shots are not repeats: one series per shot count unless pooling is asked for (as in the emergence analysis)
  const perShots = opts.shots === undefined && !opts.poolShots
  const key = (p: EvalPoint): string => (perShots ? `${seriesKey(p)}\u0000${p.shots ?? ''}` : seriesKey(p))
  const groups = [...groupBy(chosen, key).values()].sort(
    (a, b) =>
      a[0].task.localeCompare(b[0].task) ||
      (a[0].family ?? '').localeCompare(b[0].family ?? '') ||
      a[0].metric.localeCompare(b[0].metric) ||
      (a[0].shots ?? -1) - (b[0].shots ?? -1),
  )
  const results = groups.map((g, i) => {
    throwIfCancelled(progress.signal)
    progress.onProgress?.(i / groups.length, g[0].task)
    return withShots(classifyOne(g, perShots && g[0].shots !== undefined ? { ...opts, shots: g[0].shots } : opts), g, perShots)
  })
  // one size only, everywhere: nothing to classify is an input error, not an answer
  if (results.every((r) => r.points.length <= 1))
    throw new LabError('too-few-sizes', `Trend of ${results.length === 1 ? `"${results[0].task}"` : 'every selected task'}: only one model size; a trend across scale needs at least 4 sizes.`, {
      hint: 'Import evaluations of more model sizes of the family, or choose another task or family.',
    })
  return results
}

/** The shot count the series was read at, or the counts pooled in it (several: read as repeats of one size). */
function withShots(r: TrendResult, group: readonly EvalPoint[], perShots: boolean): TrendResult {
  const counts = [...new Set(group.map((p) => p.shots).filter((k): k is number => k !== undefined))].sort((a, b) => a - b)
  const pooled = !perShots && counts.length > 1 ? counts : null
  return { ...r, shots: perShots || counts.length === 1 ? (counts[0] ?? null) : null, pooled_shots: pooled }
}

/** One series by size with its settings: what every step of classifyOne reads. */
interface TrendSeries {
  base: Pick<TrendResult, 'task' | 'family' | 'metric' | 'x' | 'higher_is_better' | 'points'>
  series: ReturnType<typeof buildSizeSeries>
  pts: (SizePoint & { n: number | null })[]
  dir: number
  level: number
  tol: number
  n: number
  /** log10 sizes, their mean, and centred */
  u: number[]
  uMean: number
  uc: number[]
  y: number[]
}

/** Per-size standard errors and, with per-example predictions, the item bootstrap's replicates. */
interface TrendNoise {
  se: (number | null)[]
  noise: NoiseSource
  replicates: number[][] | null
  items: number | null
}

/** A slope on each side of the size nearest the vertex. */
interface TwoLines {
  before: number
  after: number
  ivBefore: Interval
  ivAfter: Interval
}

/** Intervals of slope, curvature, vertex and the two lines: analytic, or from the item bootstrap. */
interface ShapeIntervals {
  slopeIv: Interval
  curvIv: Interval
  vertexIv: Interval | null
  twoBefore: Interval | null
  twoAfter: Interval | null
}

function classifyOne(group: EvalPoint[], opts: TrendOptions): TrendResult {
  const t = trendSeries(group, opts)
  const minSizes = Math.max(4, opts.minSizes ?? 4)
  if (t.n < minSizes) return insufficient(t, t.series.noise, null, `Only ${t.n} size${t.n === 1 ? '' : 's'}; a shape needs at least ${minSizes}.`)
  const nz = trendNoise(t, group, opts)
  const lin = polyFit(t.uc, t.y, nz.se, 1, t.level)
  const quad = polyFit(t.uc, t.y, nz.se, 2, t.level)
  if (!lin || !quad) return insufficient(t, nz.noise, nz.items, 'The sizes do not determine a line and a quadratic (too few distinct sizes or no residual degrees of freedom).')
  const { u, uMean, n } = t
  const range = u[n - 1] - u[0]
  const slopeEst = lin.beta[1]
  const curvEst = quad.beta[2]
  const vertexU = curvEst !== 0 ? uMean - quad.beta[1] / (2 * curvEst) : null
  const split = vertexU === null ? -1 : nearestSize(u, vertexU)
  const two = split >= 0 ? twoLines(t, nz.se, quad, t.y, split) : null
  const analytic = analyticIntervals(lin, quad, uMean, two)
  const iv = nz.replicates ? bootstrapIntervals(t, nz, nz.replicates, quad, two ? split : -1, analytic) : analytic

  const qAt = (uu: number): number => quad.beta[0] + quad.beta[1] * (uu - uMean) + quad.beta[2] * (uu - uMean) ** 2
  const inside = vertexU !== null && vertexU > u[0] && vertexU < u[n - 1]
  const sizesBefore = vertexU === null ? 0 : u.filter((v) => v < vertexU).length
  const sizesAfter = vertexU === null ? 0 : u.filter((v) => v > vertexU).length
  const arms = vertexU !== null && inside ? { before: qAt(vertexU) - qAt(u[0]), after: qAt(u[n - 1]) - qAt(vertexU) } : null
  const totalIv: Interval = [iv.slopeIv[0] === null ? null : iv.slopeIv[0] * range, iv.slopeIv[1] === null ? null : iv.slopeIv[1] * range]

  // Decide on the order tests, on the score scale (dir * metric).
  const { se, noise, replicates, items } = nz
  const known = se.every((v) => v !== null && v > 0)
  const seed = opts.seed ?? 0
  const simulations = opts.simulations ?? 4000
  const test = orderTest({ u: t.uc, s: t.y.map((v) => t.dir * v), se: known ? (se as number[]) : null, simulations, rng: seededRandom(seed + 104729) })
  const errors = describeErrors(noise, t.pts, test?.sigma ?? null, items)
  if (!test) return insufficient(t, noise, items, `${sameScore(t.y)}No per-size errors are known and the sizes leave no scatter to estimate one: the noise is unknown. Give per-size errors (stderr or item counts) to test the shape. ${errors}`)
  const steps = trendSteps(t.pts, t.y, test.se, replicates)
  const verdict = decideTrend(test, { dir: t.dir, tol: t.tol, level: t.level, xs: t.pts.map((p) => p.x), totalIv, steps, simulations, seed })

  const pow = (v: number | null): number | null => (v === null || Math.abs(v) > 300 ? null : Number((10 ** v).toPrecision(12)))
  return {
    ...t.base,
    points: t.pts.map((p, i) => ({ ...p, stderr: se[i] })),
    shape: verdict.shape,
    evidence: {
      sizes: n,
      noise,
      pooled_runs: t.series.pooled,
      level: t.level,
      tolerance: t.tol,
      overdispersion: lin.overdispersion !== null && quad.overdispersion !== null ? { linear: lin.overdispersion, quadratic: quad.overdispersion } : null,
      slope: { estimate: slopeEst, interval: iv.slopeIv },
      total_change: { estimate: slopeEst * range, interval: totalIv },
      curvature: { estimate: curvEst, interval: iv.curvIv },
      vertex:
        vertexU === null
          ? null
          : { x: pow(vertexU), interval: iv.vertexIv ? [pow(iv.vertexIv[0]), pow(iv.vertexIv[1])] : null, inside_range: inside, sizes_before: sizesBefore, sizes_after: sizesAfter },
      arms,
      two_lines: two && iv.twoBefore && iv.twoAfter ? { before: { estimate: two.before, interval: iv.twoBefore }, after: { estimate: two.after, interval: iv.twoAfter } } : null,
      reason: `${verdict.reason} ${errors}`,
      test: verdict.test,
      steps,
      errors,
    },
  }
}

/** Says so when every size has exactly the same score (a floor, a ceiling, or a copied value), else nothing. */
function sameScore(y: readonly number[]): string {
  return y.every((v) => v === y[0]) ? `Every size scores exactly ${y[0]}. ` : ''
}

/** The series by size (with item counts), the options that shape the verdict, and log10 sizes. */
function trendSeries(group: EvalPoint[], opts: TrendOptions): TrendSeries {
  const { task, metric } = group[0]
  const family = group[0].family ?? null
  const x = opts.x ?? 'params'
  const higher = opts.higherIsBetter ?? metricHigherIsBetter(metric)
  const series = buildSizeSeries(group, { x, checkpoint: opts.checkpoint, shots: opts.shots, proportion: metricIsProportion(group, metric) })
  const sizeCounts = itemCounts(group, series.points, opts)
  const pts = series.points.map((p, i) => ({ ...p, n: sizeCounts[i] }))
  const n = pts.length
  const u = pts.map((p) => Math.log10(p.x))
  const uMean = u.reduce((s, v) => s + v, 0) / n
  return {
    base: { task, family, metric, x, higher_is_better: higher, points: pts },
    series,
    pts,
    dir: higher ? 1 : -1,
    level: opts.level ?? 0.95,
    tol: opts.tolerance ?? 0.03,
    n,
    u,
    uMean,
    uc: u.map((v) => v - uMean),
    y: pts.map((p) => p.value),
  }
}

/** No shape claimed, with the reason. */
function insufficient(t: TrendSeries, noise: NoiseSource, items: number | null, reason: string): TrendResult {
  return {
    ...t.base,
    shape: 'insufficient',
    evidence: {
      sizes: t.n,
      noise,
      pooled_runs: t.series.pooled,
      level: t.level,
      tolerance: t.tol,
      overdispersion: null,
      slope: null,
      total_change: null,
      curvature: null,
      vertex: null,
      arms: null,
      two_lines: null,
      reason,
      test: null,
      steps: [],
      errors: describeErrors(noise, t.pts, null, items),
    },
  }
}

/** The series' own standard errors, or, with per-example predictions for every size, a paired bootstrap over items. */
function trendNoise(t: TrendSeries, group: EvalPoint[], opts: TrendOptions): TrendNoise {
  const { task, metric } = group[0]
  const own: TrendNoise = { se: t.pts.map((p) => p.stderr), noise: t.series.noise, replicates: null, items: null }
  const rows = opts.predictions?.filter((r) => r.task === task && (opts.family === undefined || r.family === opts.family))
  if (!rows || rows.length === 0 || !(PREDICTION_METRICS as readonly string[]).includes(metric)) return own
  const table = itemTable(rows, task, metric as PredictionMetric)
  const perSize = t.pts.map((p) => table.contributions.filter((_, m) => p.models.includes(table.models[m].model)))
  const m = table.items.length
  if (!(m > 1 && perSize.every((r) => r.length > 0))) return own
  const replicates = itemReplicates(perSize, m, opts)
  const se = t.pts.map((_, i) => {
    const vals = replicates.map((r) => r[i])
    const mu = vals.reduce((s, v) => s + v, 0) / vals.length
    return Math.sqrt(vals.reduce((s, v) => s + (v - mu) ** 2, 0) / Math.max(1, vals.length - 1))
  })
  t.pts.forEach((p) => (p.n = m))
  return { se, noise: 'items', replicates, items: m }
}

/** Per-size means over items drawn with replacement, the same draw at every size (seeded). */
function itemReplicates(perSize: Float64Array[][], m: number, opts: TrendOptions): number[][] {
  const rng = seededRandom(opts.seed ?? 0)
  const resamples = opts.bootstrap ?? 1000
  const draw = new Int32Array(m)
  const replicates: number[][] = []
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < m; j++) draw[j] = rng.int(m)
    replicates.push(
      perSize.map((list) => {
        let tot = 0
        for (const row of list) for (let j = 0; j < m; j++) tot += row[draw[j]]
        return tot / (m * list.length)
      }),
    )
  }
  return replicates
}

/** Index of the size nearest u0 (the first of equals). */
function nearestSize(u: number[], u0: number): number {
  let best = Infinity
  let split = -1
  u.forEach((v, i) => {
    if (Math.abs(v - u0) < best) {
      best = Math.abs(v - u0)
      split = i
    }
  })
  return split
}

/** Two lines split at the size nearest the vertex (that size in both); the quadratic's noise model serves both sides. */
function twoLines(t: TrendSeries, se: (number | null)[], quad: Fit, values: number[], split: number): TwoLines | null {
  const left = t.u.map((_, i) => i).filter((i) => i <= split)
  const right = t.u.map((_, i) => i).filter((i) => i >= split)
  if (left.length < 2 || right.length < 2) return null
  const sideFit = (idx: number[]): { est: number; sd: number } | null => {
    const known = se.every((v) => v !== null && v > 0)
    const fit = weightedLeastSquares(
      polynomialDesign(
        idx.map((i) => t.uc[i]),
        1,
      ),
      idx.map((i) => values[i]),
      known ? idx.map((i) => 1 / (se[i] as number) ** 2) : undefined,
    )
    if (!fit) return null
    return { est: fit.beta[1], sd: Math.sqrt(fit.xtwxInverse[1][1] * quad.scale) }
  }
  const l = sideFit(left)
  const r = sideFit(right)
  if (!l || !r) return null
  return { before: l.est, after: r.est, ivBefore: ci(l.est, l.sd, quad.q), ivAfter: ci(r.est, r.sd, quad.q) }
}

/** Wald intervals of slope and curvature, Fieller's for the vertex. */
function analyticIntervals(lin: Fit, quad: Fit, uMean: number, two: TwoLines | null): ShapeIntervals {
  const f = fieller(quad.beta[1], quad.beta[2], quad.cov[1][1], quad.cov[1][2], quad.cov[2][2], quad.q)
  return {
    slopeIv: ci(lin.beta[1], Math.sqrt(lin.cov[1][1]), lin.q),
    curvIv: ci(quad.beta[2], Math.sqrt(quad.cov[2][2]), quad.q),
    vertexIv: f ? [uMean - f[1] / 2, uMean - f[0] / 2] : null,
    twoBefore: two ? two.ivBefore : null,
    twoAfter: two ? two.ivAfter : null,
  }
}

/** Percentile intervals over the item bootstrap's replicates (they replace the analytic ones; the two lines' stay when too few replicates give them). */
function bootstrapIntervals(t: TrendSeries, nz: TrendNoise, replicates: number[][], quad: Fit, split: number, analytic: ShapeIntervals): ShapeIntervals {
  const { uc, uMean, level } = t
  const curvEst = quad.beta[2]
  const slopes: number[] = []
  const curvs: number[] = []
  const vertices: number[] = []
  const befores: number[] = []
  const afters: number[] = []
  let flipped = 0
  for (const rep of replicates) {
    const l = weightedLeastSquares(polynomialDesign(uc, 1), rep)
    const q = weightedLeastSquares(polynomialDesign(uc, 2), rep)
    if (!l || !q) continue
    slopes.push(l.beta[1])
    curvs.push(q.beta[2])
    if (Math.sign(q.beta[2]) !== Math.sign(curvEst) || q.beta[2] === 0) flipped++
    else vertices.push(uMean - q.beta[1] / (2 * q.beta[2]))
    if (split >= 0) {
      const tl = twoLines(t, nz.se, quad, rep, split)
      if (tl) {
        befores.push(tl.before)
        afters.push(tl.after)
      }
    }
  }
  const tail = (1 - level) / 2
  const two = split >= 0 && befores.length > 1
  return {
    slopeIv: percentileInterval(slopes, level),
    curvIv: percentileInterval(curvs, level),
    vertexIv: flipped > tail * replicates.length || vertices.length === 0 ? null : percentileInterval(vertices, level),
    twoBefore: two ? percentileInterval(befores, level) : analytic.twoBefore,
    twoAfter: two ? percentileInterval(afters, level) : analytic.twoAfter,
  }
}
