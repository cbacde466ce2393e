/**
 * The metric question (Schaeffer et al. 2023, "Are Emergent Abilities of Large Language Models a
 * Mirage?", arXiv 2304.15004): discontinuous metrics such as exact match can make smooth improvement look
 * sudden, while continuous ones (log-likelihood, Brier score, token edit distance) of the same models
 * scale smoothly. For one task, every metric is analysed as in emergence.ts and the shapes are compared:
 *   metric-induced   a discontinuous metric looks emergent and every continuous one is smooth or flat
 *   in-the-models    a discontinuous metric and a continuous one both look emergent
 *   no-jump          no discontinuous metric looks emergent
 *   no-continuous-metric / no-discontinuous-metric   only one side is available
 * Each metric's curve is also given min-max normalised (0 = worst size, 1 = best) so all fit one chart.
 * Shot counts: every metric is read at one shot count (the one asked for; by default the smallest present,
 * said in the result's warnings) unless pooling is asked for, as in emergence.ts.
 */
import type { MetricVerdict, MetricShape, MetricComparisonResult } from '../../shared/api/analysis-results'
export type { MetricVerdict, MetricShape, MetricComparisonResult }
import { LabError } from '../../shared/errors'
import type { ProgressOptions } from '../jobs/cancelled'
import type { EvalPoint, PredictionRow, XAxis } from './types'
import { analyzeEmergence, type EmergenceKind, type EmergenceResult } from './emergence'
import { metricIsContinuous } from './metric-semantics'
import { evalPointsFromPredictions } from './prediction-metrics'

export interface MetricComparisonOptions {
  task: string
  family?: string
  /** metrics to compare (default: every metric the task has) */
  metrics?: string[]
  x?: XAxis
  /** margin per metric (default 0.05 each, in the metric's units) */
  margins?: Record<string, number>
  seed?: number
  bootstrap?: number
  /** per-example predictions: adds accuracy, log_likelihood and brier computed from them */
  predictions?: readonly PredictionRow[]
  /** compare at this shot count (default: the smallest one present, announced in the warnings) */
  shots?: number
  /** pool every shot count as runs at each size */
  poolShots?: boolean
}

interface ShotChoice {
  /** the shot count each metric is read at (undefined: pooled, or the data carry none) */
  shots: number | undefined
  available: number[]
  byDefault: boolean
  warnings: string[]
}

/** Which shot count the comparison reads: the one asked for, every one pooled, or the smallest present (said). */
function chooseShots(pool: readonly EvalPoint[], opts: MetricComparisonOptions): ShotChoice {
  const available = [...new Set(pool.map((p) => p.shots).filter((s): s is number => s !== undefined))].sort((a, b) => a - b)
  if (opts.poolShots) {
    const warnings = available.length > 1 ? [`Shot counts ${available.join(', ')} pooled as runs at each size (asked for with pool shots).`] : []
    return { shots: undefined, available, byDefault: false, warnings }
  }
  if (opts.shots !== undefined) {
    if (available.length > 0 && !available.includes(opts.shots))
      throw new LabError('no-evaluations', `Task "${opts.task}" has no ${opts.shots}-shot evaluations (shot counts: ${available.join(', ')}).`, {
        hint: `Choose one of the shot counts ${available.join(', ')}, or pool them.`,
      })
    return { shots: opts.shots, available, byDefault: false, warnings: [] }
  }
  if (available.length <= 1) return { shots: available[0], available, byDefault: false, warnings: [] }
  return {
    shots: available[0],
    available,
    byDefault: true,
    warnings: [`Shot counts ${available.join(', ')} present: compared at ${available[0]}-shot (the smallest); choose another shot count or pool them.`],
  }
}

export function metricComparison(points: readonly EvalPoint[], opts: MetricComparisonOptions, progress: ProgressOptions = {}): MetricComparisonResult {
  const x = opts.x ?? 'params'
  let pool: EvalPoint[] = points.filter((p) => p.task === opts.task && (opts.family === undefined || p.family === opts.family))
  const rows = opts.predictions?.filter((r) => r.task === opts.task && (opts.family === undefined || r.family === opts.family))
  if (rows && rows.length > 0) {
    const derived = evalPointsFromPredictions(rows)
    const have = new Set(pool.map((p) => p.metric))
    pool = [...pool, ...derived.filter((p) => !have.has(p.metric))]
  }
  const metrics = opts.metrics ?? [...new Set(pool.map((p) => p.metric))].sort()
  if (metrics.length < 2)
    throw new LabError('too-few-metrics', `Task "${opts.task}" has ${metrics.length === 0 ? 'no metric' : `only the metric "${metrics[0]}"`}; the metric question needs two.`, {
      hint: 'Import a continuous metric too (log-likelihood, Brier score, edit distance) or per-example predictions.',
    })
  const choice = chooseShots(pool, opts)
  const shapes: MetricShape[] = metrics.map((metric, i) => {
    // a metric without shot counts (one derived from predictions, say) is read as it is
    const hasShots = choice.shots !== undefined && pool.some((p) => p.metric === metric && p.shots !== undefined)
    const res = analyzeEmergence(
      pool,
      {
        task: opts.task,
        metric,
        family: opts.family,
        x,
        margin: opts.margins?.[metric],
        seed: opts.seed,
        bootstrap: opts.bootstrap ?? 0,
        predictions: rows,
        shots: hasShots ? choice.shots : undefined,
        poolShots: opts.poolShots ?? false,
      },
      { signal: progress.signal, onProgress: progress.onProgress && ((f, m) => progress.onProgress?.((i + f) / metrics.length, m)) },
    )
    if (res.length !== 1) {
      // emergence gives one series per family and, unless pooled, per shot count
      const shots = [...new Set(res.flatMap((r) => r.shots))]
      if (new Set(res.map((r) => r.family)).size === 1 && shots.length > 1)
        throw new LabError('ambiguous-shots', `Task "${opts.task}" has shot counts ${shots.join(', ')} for metric "${metric}": one series each.`, {
          hint: 'The metric question compares one series per metric: import one shot count, or analyse the shot counts in the emergence analysis.',
        })
      throw new LabError('ambiguous-family', `Task "${opts.task}" has ${res.length} families for metric "${metric}".`, { hint: 'Choose one family for the comparison.' })
    }
    const r = res[0]
    const oriented = r.points.map((p) => (r.higher_is_better ? p.value : -p.value))
    const lo = Math.min(...oriented)
    const hi = Math.max(...oriented)
    return {
      metric,
      continuous: metricIsContinuous(metric),
      higher_is_better: r.higher_is_better,
      kind: r.kind,
      emergence_scale: r.emergence_scale,
      normalized: r.points.map((p, j) => ({ x: p.x, value: p.value, normalized: hi > lo ? (oriented[j] - lo) / (hi - lo) : 0 })),
      evidence: r.evidence,
    }
  })
  const discrete = shapes.filter((s) => !s.continuous)
  const continuous = shapes.filter((s) => s.continuous)
  const list = (ss: MetricShape[]): string => ss.map((s) => `${s.metric} (${s.kind})`).join(', ')
  let verdict: MetricVerdict
  let explanation: string
  if (continuous.length === 0) {
    verdict = 'no-continuous-metric'
    explanation = `Only discontinuous metrics: ${list(discrete)}. Import a continuous metric to tell a jump in the models from one in the metric.`
  } else if (discrete.length === 0) {
    verdict = 'no-discontinuous-metric'
    explanation = `Only continuous metrics: ${list(continuous)}.`
  } else if (!discrete.some((s) => s.kind === 'emergent')) {
    verdict = 'no-jump'
    explanation = `No discontinuous metric looks emergent: ${list(discrete)}; continuous: ${list(continuous)}.`
  } else if (continuous.some((s) => s.kind === 'emergent')) {
    verdict = 'in-the-models'
    explanation = `The jump shows on continuous metrics too (${list(continuous)}), so it is not only an effect of the metric.`
  } else {
    verdict = 'metric-induced'
    explanation = `${list(discrete.filter((s) => s.kind === 'emergent'))} looks emergent but the continuous metrics change smoothly (${list(continuous)}): the jump is in the metric (Schaeffer et al. 2023).`
  }
  return {
    task: opts.task,
    family: opts.family ?? null,
    x,
    metrics: shapes,
    verdict,
    explanation,
    shots: choice.shots ?? null,
    pooled_shots: !!opts.poolShots && choice.available.length > 1,
    shots_available: choice.available,
    shots_by_default: choice.byDefault,
    warnings: choice.warnings,
  }
}
