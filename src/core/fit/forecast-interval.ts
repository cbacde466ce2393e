/**
 * Predictive interval of a Chinchilla-form forecast (Hoffmann et al. 2022, arXiv 2203.15556, eq. 2 and 4) at a
 * target compute C, or at a model of N parameters trained on D tokens:
 *
 *   for each bootstrap draw k (parameters theta_k fitted on resample k, Efron & Tibshirani 1993 ch. 6):
 *     (N_k, D_k) = compute-optimal allocation of C under theta_k          (closed form, allocation.ts)
 *     L_k        = L(N_k, D_k; theta_k)                                    (or L(N, D; theta_k) at a fixed model)
 *     Y_k        = L_k * exp(r_{j_k})                                      (predictive draw)
 *   r_i = log L_i - log L(N_i, D_i; theta_full) are the full fit's log-loss residuals, and j_k is drawn uniformly
 *   from 0..n-1 by a PRNG seeded with (seed, k) (residual resampling, Davison & Hinkley 1997, "Bootstrap Methods and
 *   their Application", Section 6.3.3, prediction error), so the interval holds a new run's loss, not only the
 *   curve's. Intervals are percentiles of {Y_k} (predictive), {L_k} (the law's loss alone), {N_k}, {D_k}.
 */
import { LabError } from '../../shared/errors'
import { percentileIntervalSorted } from '../numeric/stats'
import { seededRandom } from '../random'
import { chinchillaAllocation } from './allocation'
import { chinchillaLoss, type ChinchillaParams } from './chinchilla-law'
import { resampleSeed, type BootstrapSample } from './bootstrap'
import type { ScalingPoint } from './types'

export interface ForecastTarget {
  /** a compute budget: the compute-optimal model there */
  flops?: number
  /** or a given model: N parameters trained on D tokens */
  params?: number
  tokens?: number
}

export interface ForecastInterval {
  law: 'chinchilla'
  approach: 'Approach 3 (parametric fit L = E + A/N^alpha + B/D^beta)'
  target: ForecastTarget
  level: number
  resamples: number
  /** resamples whose fit failed or gave no finite allocation (left out, said here) */
  failed: number
  seed: number
  residual_model: string
  /** the full fit's prediction and the intervals */
  loss: { value: number; interval: [number, number]; law_interval: [number, number] }
  /** present for a compute target */
  N_opt?: { value: number; interval: [number, number] }
  D_opt?: { value: number; interval: [number, number] }
  /** the full fit's log-loss residuals (what the noise is resampled from) */
  residual_sd: number
}

export function chinchillaOf(params: Record<string, number>): ChinchillaParams {
  return { E: params.E, A: params.A, B: params.B, alpha: params.alpha, beta: params.beta }
}

/** Log-loss residuals log L_i - log L(N_i, D_i) of a fitted law. */
export function logResiduals(p: ChinchillaParams, points: readonly ScalingPoint[]): number[] {
  return points.map((q) => Math.log(q.loss) - Math.log(chinchillaLoss(p, q.params, q.tokens)))
}

/** The index of the residual added to bootstrap draw k: uniform in 0..n-1, from its own seeded PRNG (a stream apart from the resample's). */
export function residualIndex(n: number, seed: number, k: number): number {
  return seededRandom(resampleSeed(seed ^ 0x5bd1e995, k)).int(n)
}

interface Draw {
  loss: number
  N?: number
  D?: number
}

function drawAt(p: ChinchillaParams, target: ForecastTarget): Draw {
  if (target.flops !== undefined) {
    const a = chinchillaAllocation(p, target.flops)
    return { loss: a.loss, N: a.N_opt, D: a.D_opt }
  }
  return { loss: chinchillaLoss(p, target.params!, target.tokens!) }
}

export function checkTarget(target: ForecastTarget): void {
  const ok = (v: number | undefined): boolean => v !== undefined && Number.isFinite(v) && v > 0
  const byModel = ok(target.params) && ok(target.tokens)
  if (ok(target.flops) === byModel) {
    throw new LabError('forecast-bad-target', 'A forecast needs either a compute budget C or a model size N with its tokens D (positive numbers), not both.', { hint: 'Give --target-flops C, or N and D.' })
  }
}

const sorted = (xs: number[]): number[] => xs.slice().sort((a, b) => a - b)

/** The predictive interval at a target from a full fit and its bootstrap draws (see the header). */
export function forecastInterval(
  full: Record<string, number>,
  samples: readonly BootstrapSample[],
  points: readonly ScalingPoint[],
  target: ForecastTarget,
  seed: number,
  level = 0.95,
  /** the residual added to draw k (default residualIndex(n, seed, k); the reference test passes its fixed list) */
  residualPick?: (k: number) => number,
): ForecastInterval {
  checkTarget(target)
  const p = chinchillaOf(full)
  const center = drawAt(p, target)
  const residuals = logResiduals(p, points)
  const n = residuals.length
  const losses: number[] = []
  const predictive: number[] = []
  const Ns: number[] = []
  const Ds: number[] = []
  samples.forEach((s, k) => {
    if (!s) return
    let d: Draw
    try {
      d = drawAt(chinchillaOf(s), target)
    } catch (e) {
      if (e instanceof LabError) return
      throw e
    }
    if (!Number.isFinite(d.loss)) return
    losses.push(d.loss)
    predictive.push(d.loss * Math.exp(residuals[residualPick ? residualPick(k) : residualIndex(n, seed, k)]))
    if (d.N !== undefined && d.D !== undefined) {
      Ns.push(d.N)
      Ds.push(d.D)
    }
  })
  if (losses.length < 20) {
    throw new LabError('forecast-too-few-resamples', `Only ${losses.length} of ${samples.length} bootstrap resamples gave a forecast; a ${Math.round(level * 100)}% interval needs at least 20.`, { hint: 'Use more bootstrap resamples (e.g. --bootstrap 200), or more runs.' })
  }
  const mean = residuals.reduce((s, r) => s + r, 0) / n
  const residualSd = Math.sqrt(residuals.reduce((s, r) => s + (r - mean) ** 2, 0) / Math.max(1, n - 1))
  const out: ForecastInterval = {
    law: 'chinchilla',
    approach: 'Approach 3 (parametric fit L = E + A/N^alpha + B/D^beta)',
    target: { ...target },
    level,
    resamples: samples.length,
    failed: samples.length - losses.length,
    seed,
    residual_model: `bootstrap draws of the law plus one of the full fit's ${n} log-loss residuals resampled per draw (L_k * exp(r_j))`,
    loss: { value: center.loss, interval: percentileIntervalSorted(sorted(predictive), level), law_interval: percentileIntervalSorted(sorted(losses), level) },
    residual_sd: residualSd,
  }
  if (center.N !== undefined && center.D !== undefined && Ns.length >= 20) {
    out.N_opt = { value: center.N, interval: percentileIntervalSorted(sorted(Ns), level) }
    out.D_opt = { value: center.D, interval: percentileIntervalSorted(sorted(Ds), level) }
  }
  return out
}

/** One point of a fan: the central forecast and the interval at level, along a compute grid. */
export interface FanPoint {
  flops: number
  loss: number
  lo: number
  hi: number
  N_opt: number
  N_lo: number
  N_hi: number
  D_opt: number
  D_lo: number
  D_hi: number
}

/** The predictive fan of loss and of N_opt, D_opt over compute budgets (forecastInterval at each budget). */
export function forecastFan(full: Record<string, number>, samples: readonly BootstrapSample[], points: readonly ScalingPoint[], budgets: readonly number[], seed: number, level = 0.95): FanPoint[] {
  const out: FanPoint[] = []
  for (const flops of budgets) {
    const f = forecastInterval(full, samples, points, { flops }, seed, level)
    if (!f.N_opt || !f.D_opt) continue
    out.push({ flops, loss: f.loss.value, lo: f.loss.interval[0], hi: f.loss.interval[1], N_opt: f.N_opt.value, N_lo: f.N_opt.interval[0], N_hi: f.N_opt.interval[1], D_opt: f.D_opt.value, D_lo: f.D_opt.interval[0], D_hi: f.D_opt.interval[1] })
  }
  return out
}

