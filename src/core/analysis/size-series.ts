/**
 * Turn evaluation points into one value per model size: keep the chosen checkpoint (by default each
 * model's last), optionally one shot count, and pool what remains at the same size (seeds, shot counts)
 * as runs. Each size's standard error comes from, in order: the spread of its runs (sd / sqrt(k)), the
 * point's own standard error, a binomial sqrt(p~ (1 - p~) / n) with p~ = (p n + 0.5) / (n + 1) for a
 * proportion with a known item count, or nothing (the analyses then use the residual scatter). Sizes where
 * differently named runs were pooled are listed (`pooled`), so that evidence can say so: two models of one
 * size (plain and deduplicated, say) are not repeats of one model unless the caller means them to be.
 */
import type { PooledRuns } from '../../shared/api/analysis-results'
import type { EvalPoint, NoiseSource, SizePoint, XAxis } from './types'
import { validateXValues, xValue } from './validate'
import { mean, sampleSd } from '../numeric/stats'

export interface SeriesOptions {
  x?: XAxis
  /** 'final' (default): each model's latest checkpoint; a number: exactly that step */
  checkpoint?: number | 'final'
  /** keep only this shot count (default: pool every shot count as runs) */
  shots?: number
  /** whether values are proportions (for the binomial standard error) */
  proportion?: boolean
}

export interface SizeSeries {
  points: SizePoint[]
  /** weakest noise source over the sizes; 'residual' when some size has none */
  noise: NoiseSource
  /** shot counts pooled */
  shots: number[]
  /** sizes at which differently named runs were pooled as repeats of one size */
  pooled: PooledRuns[]
}

export type { PooledRuns }

/** Group key helper: the same series for (task, family, metric). */
export function seriesKey(p: { task: string; family?: string; metric?: string }): string {
  return JSON.stringify([p.task, p.family ?? '', p.metric ?? ''])
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const it of items) {
    const k = key(it)
    const list = out.get(k)
    if (list) list.push(it)
    else out.set(k, [it])
  }
  return out
}

/** Keep each model's chosen checkpoint (absent checkpoint = the final model). */
export function selectCheckpoint(points: readonly EvalPoint[], checkpoint: number | 'final' = 'final'): EvalPoint[] {
  if (checkpoint !== 'final') return points.filter((p) => p.checkpoint === checkpoint)
  const last = new Map<string, number>()
  for (const p of points) {
    const c = p.checkpoint ?? Infinity
    last.set(p.model, Math.max(last.get(p.model) ?? -Infinity, c))
  }
  return points.filter((p) => (p.checkpoint ?? Infinity) === last.get(p.model))
}

const NOISE_ORDER: NoiseSource[] = ['items', 'runs', 'stderr', 'binomial', 'residual']

export function buildSizeSeries(points: readonly EvalPoint[], opts: SeriesOptions = {}): SizeSeries {
  const x = opts.x ?? 'params'
  let selected = selectCheckpoint(points, opts.checkpoint ?? 'final')
  if (opts.shots !== undefined) selected = selected.filter((p) => p.shots === opts.shots)
  validateXValues(selected, x)
  const bySize = groupBy(selected, (p) => String(xValue(p, x)))
  const out: SizePoint[] = []
  let worst = 0
  for (const group of bySize.values()) {
    const values = group.map((p) => p.value)
    const value = mean(values)
    let stderr: number | null = null
    let source: NoiseSource = 'residual'
    if (group.length >= 2) {
      const known = group.map((p) => p.stderr ?? 0)
      const within = Math.sqrt(known.reduce((s, v) => s + v * v, 0)) / group.length
      stderr = Math.max(sampleSd(values) / Math.sqrt(group.length), within)
      source = 'runs'
    } else if ((group[0].stderr ?? 0) > 0) {
      stderr = group[0].stderr ?? null
      source = 'stderr'
    } else if (opts.proportion && group[0].n !== undefined && group[0].n > 0) {
      const n = group[0].n
      const p = (value * n + 0.5) / (n + 1)
      stderr = Math.sqrt((p * (1 - p)) / n)
      source = 'binomial'
    }
    if (!(stderr !== null && stderr > 0)) {
      stderr = null
      source = 'residual'
    }
    worst = Math.max(worst, NOISE_ORDER.indexOf(source))
    const xv = xValue(group[0], x) as number
    out.push({ x: xv, params: group[0].params, models: [...new Set(group.map((p) => p.model))].sort(), value, stderr, runs: group.length })
  }
  out.sort((a, b) => a.x - b.x)
  const shots = [...new Set(selected.map((p) => p.shots).filter((s): s is number => s !== undefined))].sort((a, b) => a - b)
  const pooled = out.filter((p) => p.models.length > 1).map((p) => ({ x: p.x, models: p.models }))
  return { points: out, noise: out.length ? NOISE_ORDER[worst] : 'residual', shots, pooled }
}

/** Values of all runs per size, in the order of `series.points` (for a bootstrap over runs). */
export function runsPerSize(points: readonly EvalPoint[], series: SizePoint[], opts: SeriesOptions = {}): number[][] {
  const x = opts.x ?? 'params'
  let selected = selectCheckpoint(points, opts.checkpoint ?? 'final')
  if (opts.shots !== undefined) selected = selected.filter((p) => p.shots === opts.shots)
  return series.map((s) => selected.filter((p) => xValue(p, x) === s.x).map((p) => p.value))
}
