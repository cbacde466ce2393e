/**
 * Observational scaling (Ruan, Maddison & Hashimoto 2024, "Observational Scaling Laws and the Predictability of
 * Language Model Performance", arXiv 2405.10938; recipe of ryoungj/ObsScaling utils/data.py):
 *  - missing benchmark scores are imputed by iterative rank-1 PCA on standardised scores
 *      Z = (X - mu) / sd,  Z_miss <- column means,  repeat Z_miss <- [(Z - m) v1 v1' + m]_miss  until unchanged
 *      (|Z - rec| <= 1e-4 + 1e-5 |rec| everywhere, at most 1000 rounds), then X = clip(Z sd + mu, 0, 1);
 *  - principal components of the imputed, unstandardised scores; PC1 is the general capability;
 *  - within a model family, capability is linear in log10 training FLOPs: PC1 = slope log10 C + intercept;
 *  - backtest at a FLOP cut-off: components fitted on the models below it; for each model above it, each benchmark
 *    is predicted from the model's other benchmarks through k components (least squares for the scores), clipped
 *    to [0, 1], and compared with the real score.
 */
import { LabError } from '../../shared/errors'
import { solveLeastSquares } from '../numeric/least-squares'
import { principalComponents, projectRow, type Pca } from '../numeric/pca'

/** NaN marks a missing score. */
export type ScoreMatrix = readonly (readonly number[])[]

export function imputeScores(x: ScoreMatrix, tolerance = 1e-4, maxIterations = 1000): { imputed: number[][]; iterations: number; missing: number } {
  const n = x.length
  const p = x[0].length
  const mu: number[] = []
  const sd: number[] = []
  for (let j = 0; j < p; j++) {
    const col = x.map((r) => r[j]).filter((v) => !Number.isNaN(v))
    if (col.length < 2) throw new LabError('analysis-bad-input', `Benchmark column ${j + 1} has fewer than 2 scores; it cannot be standardised.`)
    const m = col.reduce((s, v) => s + v, 0) / col.length
    mu.push(m)
    sd.push(Math.sqrt(col.reduce((s, v) => s + (v - m) ** 2, 0) / col.length))
  }
  const z = x.map((r) => r.map((v, j) => (v - mu[j]) / sd[j]))
  const miss = x.map((r) => r.map((v) => Number.isNaN(v)))
  let missing = 0
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) if (miss[i][j]) ((z[i][j] = 0), missing++) // the observed mean of a standardised column
  let iterations = 0
  for (; iterations < maxIterations && missing > 0; iterations++) {
    const pca = principalComponents(z)
    const v1 = pca.components[0]
    let same = true
    const rec = z.map((row) => {
      const s = projectRow(pca, row, 1)[0]
      return row.map((_, j) => pca.mean[j] + s * v1[j])
    })
    for (let i = 0; i < n && same; i++) for (let j = 0; j < p; j++) if (Math.abs(z[i][j] - rec[i][j]) > tolerance + 1e-5 * Math.abs(rec[i][j])) ((same = false), (j = p))
    if (same) break
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) if (miss[i][j]) z[i][j] = rec[i][j]
  }
  const imputed = z.map((r) => r.map((v, j) => Math.min(1, Math.max(0, v * sd[j] + mu[j]))))
  return { imputed, iterations, missing }
}

export interface CapabilityPca extends Pca {
  imputed: number[][]
  missing: number
}

export function capabilityPca(x: ScoreMatrix): CapabilityPca {
  if (x.length < 3) throw new LabError('analysis-bad-input', `Principal components need at least 3 models; got ${x.length}.`)
  const { imputed, missing } = imputeScores(x)
  return { ...principalComponents(imputed), imputed, missing }
}

export interface FamilyCapabilityFit {
  family: string
  n: number
  slope: number
  intercept: number
  r2: number
}

/** PC1 against log10 FLOPs per family (families with at least 3 models at 2 or more compute levels). */
export function familyCapabilityFits(models: readonly { family: string; flops: number; pc1: number }[]): { fits: FamilyCapabilityFit[]; skipped: string[] } {
  const byFamily = new Map<string, { x: number; y: number }[]>()
  for (const m of models) {
    if (!(m.flops > 0)) continue
    const list = byFamily.get(m.family) ?? []
    list.push({ x: Math.log10(m.flops), y: m.pc1 })
    byFamily.set(m.family, list)
  }
  const fits: FamilyCapabilityFit[] = []
  const skipped: string[] = []
  for (const [family, pts] of [...byFamily].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (pts.length < 3 || new Set(pts.map((q) => q.x)).size < 2) {
      skipped.push(family)
      continue
    }
    const r = solveLeastSquares(
      pts.map((q) => [q.x, 1]),
      pts.map((q) => q.y),
    )
    fits.push({ family, n: pts.length, slope: r.coefficients[0], intercept: r.coefficients[1], r2: r.r2 })
  }
  return { fits, skipped }
}

export interface CutoffBacktest {
  cutoff: number
  components: number
  n_fit: number
  n_held_out: number
  n_predictions: number
  mae: number
  rmse: number
  /** models without FLOPs, in neither set */
  n_without_flops: number
}

export function cutoffBacktest(x: ScoreMatrix, flops: readonly number[], cutoff: number, k = 3): CutoffBacktest {
  const below = x.filter((_, i) => flops[i] < cutoff)
  const aboveIdx = flops.map((f, i) => (f >= cutoff ? i : -1)).filter((i) => i >= 0)
  if (below.length <= k + 1) throw new LabError('analysis-bad-input', `Only ${below.length} models are below the cut-off ${cutoff.toExponential(2)} FLOPs; need more than ${k + 1}.`)
  if (aboveIdx.length === 0) throw new LabError('analysis-bad-input', `No model is at or above the cut-off ${cutoff.toExponential(2)} FLOPs.`)
  const pca = capabilityPca(below)
  const errors: number[] = []
  const p = x[0].length
  for (const i of aboveIdx) {
    const row = x[i]
    for (let j = 0; j < p; j++) {
      if (Number.isNaN(row[j])) continue
      const obs = row.map((v, t) => (t !== j && !Number.isNaN(v) ? t : -1)).filter((t) => t >= 0)
      if (obs.length < k) continue
      const fit = solveLeastSquares(
        obs.map((t) => pca.components.slice(0, k).map((c) => c[t])),
        obs.map((t) => row[t] - pca.mean[t]),
      )
      const pred = pca.mean[j] + fit.coefficients.reduce((s, z, c) => s + z * pca.components[c][j], 0)
      errors.push(Math.min(1, Math.max(0, pred)) - row[j])
    }
  }
  const mae = errors.reduce((s, e) => s + Math.abs(e), 0) / errors.length
  const rmse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length)
  return { cutoff, components: k, n_fit: below.length, n_held_out: aboveIdx.length, n_predictions: errors.length, mae, rmse, n_without_flops: flops.filter((f) => !(f > 0)).length }
}
