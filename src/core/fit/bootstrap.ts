/**
 * Nonparametric bootstrap over runs (Efron & Tibshirani 1993, "An Introduction to the Bootstrap", chapters 6 and 13):
 * resample the n runs with replacement, refit, and summarise each parameter and derived quantity by its standard
 * error (sample standard deviation over resamples) and percentile interval; prediction bands are percentiles of the
 * resampled curves at each grid point.
 *
 * Resample k draws its indices from its own PRNG seeded by (seed, k), so any split of 0..B-1 into index ranges
 * (spread over worker threads) gives exactly the same resamples. Approach-3 resamples are fitted from the full-data
 * optimum (as Besiroglu et al. 2024, arXiv 2404.10102, start theirs from a fixed point) with case weights (the
 * multiplicities), and L-BFGS starts with curvature pairs from the full data (curvatureNear), computed the same way in
 * every range.
 */
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { seededRandom } from '../random'
import { chinchillaData, weightedChinchillaData } from './chinchilla-objective'
import { curvatureNear } from './chinchilla-grid'
import { deriveContext, deriveQuantities, fitLaw, type LawFit } from './fit-laws'
import { lawModel } from './law-model'
import { percentileIntervalSorted, sampleSd } from '../numeric/stats'
import type { FitOptions, LawName, PredictionBand, ScalingPoint } from './types'

/** One resample's parameters and derived quantities (merged), or null when its fit failed. */
export type BootstrapSample = Record<string, number> | null

export interface BootstrapRangeInput {
  law: LawName
  points: ScalingPoint[]
  options: FitOptions
  /** the full-data fit: its params and optimiser vector (warm start) */
  full: Pick<LawFit, 'params' | 'vector'>
  start: number
  end: number
}

/** Seed of resample k: a 32-bit mix of the user's seed and k (splitmix-style), so ranges are independent of the split. */
export function resampleSeed(seed: number, k: number): number {
  const s = (Math.floor(Math.abs(seed)) % 4294967296) >>> 0
  let h = (Math.imul(s, 0x9e3779b1) + Math.imul(k + 1, 0x85ebca6b)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

/** Multiplicity of each of n runs in resample k. */
export function resampleCounts(n: number, seed: number, k: number): Int32Array {
  const rng = seededRandom(resampleSeed(seed, k))
  const counts = new Int32Array(n)
  for (let i = 0; i < n; i++) counts[rng.int(n)]++
  return counts
}

/** Fit resamples start..end-1; the work a worker thread does. */
export function bootstrapRange(input: BootstrapRangeInput, opts: ProgressOptions = {}): BootstrapSample[] {
  const { law, points, options, full, start, end } = input
  const n = points.length
  const seed = options.seed ?? 1
  const ctx = deriveContext(points, options)
  const base = law === 'chinchilla' ? chinchillaData(points) : undefined
  const memory = base && full.vector && (options.estimator ?? 'huber-sum') === 'huber-sum' ? curvatureNear(base, full.vector.slice(0, 5)) : undefined
  const out: BootstrapSample[] = []
  for (let k = start; k < end; k++) {
    throwIfCancelled(opts.signal)
    const counts = resampleCounts(n, seed, k)
    let fit: LawFit | undefined
    try {
      if (law === 'chinchilla' && base && full.vector) {
        fit = fitLaw(law, points, options, {}, { vector: full.vector, data: weightedChinchillaData(base, counts), memory })
      } else {
        const sample: ScalingPoint[] = []
        for (let i = 0; i < n; i++) for (let c = 0; c < counts[i]; c++) sample.push(points[i])
        fit = fitLaw(law, sample, options, {}, law === 'kaplan-nd' && full.vector ? { vector: full.vector } : undefined)
      }
    } catch (e) {
      if (!(e instanceof LabError)) throw e
    }
    const finite = fit && Object.values(fit.params).every(Number.isFinite)
    out.push(fit && finite ? { ...fit.params, ...deriveQuantities(law, fit.params, ctx) } : null)
    opts.onProgress?.((k - start + 1) / Math.max(1, end - start), `resample ${k + 1}`)
  }
  return out
}

export interface BootstrapSummary {
  se: Record<string, number>
  ci: Record<string, [number, number]>
  level: number
  resamples: number
  failed: number
}

/** Standard errors and percentile intervals of every key present in (almost) every successful resample. */
export function summarizeBootstrap(samples: readonly BootstrapSample[], level = 0.95): BootstrapSummary {
  const ok = samples.filter((s): s is Record<string, number> => s !== null)
  const se: Record<string, number> = {}
  const ci: Record<string, [number, number]> = {}
  if (ok.length >= 2) {
    const keys = new Set<string>()
    for (const s of ok) for (const k of Object.keys(s)) keys.add(k)
    for (const k of keys) {
      const values = ok.map((s) => s[k]).filter((v) => Number.isFinite(v))
      if (values.length < Math.max(2, 0.9 * ok.length)) continue
      values.sort((a, b) => a - b)
      se[k] = sampleSd(values)
      ci[k] = percentileIntervalSorted(values, level)
    }
  }
  return { se, ci, level, resamples: samples.length, failed: samples.length - ok.length }
}

/** The x axis and grid a law's band is drawn over: 40 log-spaced points from the smallest value in the data to 10x past the largest. */
export function bandGrid(law: LawName, points: readonly ScalingPoint[], budget?: number): { x: PredictionBand['x']; grid: number[] } | undefined {
  if (law === 'routed') return undefined
  const field = law === 'kaplan-n' ? 'params' : law === 'kaplan-d' ? 'tokens' : 'flops'
  const values = points.map((p) => p[field])
  let hi = 10 * Math.max(...values)
  if (field === 'flops' && budget && budget > hi) hi = budget
  return { x: field, grid: logSpace(Math.min(...values), hi, 40) }
}

/** n points spaced evenly in log between lo and hi (inclusive). */
function logSpace(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo)
  const b = Math.log(hi)
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(Math.exp(a + ((b - a) * i) / Math.max(1, n - 1)))
  return out
}

/** Loss predicted by a law's params along a band grid (for chinchilla / kaplan-nd / frontier laws: along the compute-optimal frontier). */
export function bandCurve(law: LawName, params: Record<string, number>, grid: readonly number[]): number[] {
  let model: ReturnType<typeof lawModel>
  try {
    model = lawModel({ law, params })
  } catch (e) {
    if (e instanceof LabError) return grid.map(() => NaN)
    throw e
  }
  let guess: number | undefined
  return grid.map((x) => {
    if (law === 'kaplan-n' || law === 'kaplan-d' || law === 'kaplan-c') return model.predict({ params: x, tokens: x, flops: x })
    if (!model.allocate) return NaN
    try {
      const a = model.allocate(x, guess)
      guess = a.N_opt
      return a.loss
    } catch (e) {
      if (e instanceof LabError) return NaN
      throw e
    }
  })
}

export function predictionBand(law: LawName, central: Record<string, number>, samples: readonly BootstrapSample[], points: readonly ScalingPoint[], level = 0.95, budget?: number): PredictionBand | undefined {
  const spec = bandGrid(law, points, budget)
  if (!spec) return undefined
  const ok = samples.filter((s): s is Record<string, number> => s !== null)
  if (ok.length < 2) return undefined
  const center = bandCurve(law, central, spec.grid)
  const curves = ok.map((s) => bandCurve(law, s, spec.grid))
  const out: PredictionBand = { x: spec.x, y: 'loss', level, points: [] }
  spec.grid.forEach((x, j) => {
    const values = curves.map((c) => c[j]).filter(Number.isFinite).sort((a, b) => a - b)
    if (!Number.isFinite(center[j]) || values.length < 2) return
    const [lo, hi] = percentileIntervalSorted(values, level)
    out.points.push({ x, y: center[j], lo, hi })
  })
  return out
}
