/**
 * Chinchilla Approach 1: the envelope of training curves (Hoffmann et al. 2022, "Training Compute-Optimal Large
 * Language Models", arXiv 2203.15556, Section 3.1). For each compute level C, take the lowest loss over all runs at
 * that compute; the run achieving it gives N_opt(C) (and D_opt(C) = C / (6 N_opt)); then fit
 * N_opt = k_N C^a and D_opt = k_D C^b in log-log. Hoffmann et al. report a = 0.50, b = 0.50 (Table 2).
 *
 * Levels are spaced 2 x tolerance dex apart (default 0.1 dex) over the range of the data. A run with several
 * checkpoints (points sharing `run`) is interpolated in log C - log loss at every level it spans; a run with a single
 * point counts at the level nearest its compute if it lies within +-tolerance of it.
 */
import { LabError } from '../../shared/errors'
import { DEFAULT_ISOFLOP_TOLERANCE } from './compute-groups'
import { fitLogLinear } from '../numeric/least-squares'
import type { FrontierFit } from './frontier'
import type { ScalingPoint } from './types'

export interface EnvelopeLevel {
  flops: number
  run: string
  N: number
  D: number
  loss: number
}

export interface EnvelopeFit extends FrontierFit {
  tolerance: number
  envelope: EnvelopeLevel[]
}

export function fitEnvelope(points: readonly ScalingPoint[], tolerance = DEFAULT_ISOFLOP_TOLERANCE): EnvelopeFit {
  if (!(tolerance > 0 && tolerance < 2)) throw new LabError('fit-bad-option', `Envelope level tolerance must be between 0 and 2 dex; got ${String(tolerance)}.`)
  const logs = points.map((p) => Math.log10(p.flops))
  const minLog = Math.min(...logs)
  const maxLog = Math.max(...logs)
  const step = 2 * tolerance
  const levels: number[] = []
  for (let l = minLog; l <= maxLog + 1e-9; l += step) levels.push(l)
  const best: (EnvelopeLevel | undefined)[] = levels.map(() => undefined)
  const consider = (k: number, cand: EnvelopeLevel): void => {
    const cur = best[k]
    if (!cur || cand.loss < cur.loss) best[k] = cand
  }
  const byRun = new Map<string, ScalingPoint[]>()
  for (const p of points) {
    const list = byRun.get(p.run)
    if (list) list.push(p)
    else byRun.set(p.run, [p])
  }
  for (const [run, list] of byRun) {
    list.sort((p, q) => p.flops - q.flops)
    if (list.length === 1) {
      const p = list[0]
      const l = Math.log10(p.flops)
      const k = Math.round((l - minLog) / step)
      if (k >= 0 && k < levels.length && Math.abs(levels[k] - l) <= tolerance + 1e-9) {
        consider(k, { flops: Math.pow(10, levels[k]), run, N: p.params, D: p.tokens * Math.pow(10, levels[k] - l), loss: p.loss })
      }
      continue
    }
    for (let k = 0; k < levels.length; k++) {
      const l = levels[k]
      for (let j = 0; j + 1 < list.length; j++) {
        const l0 = Math.log10(list[j].flops)
        const l1 = Math.log10(list[j + 1].flops)
        if (l < l0 - 1e-12 || l > l1 + 1e-12) continue
        const t = l1 > l0 ? (l - l0) / (l1 - l0) : 0
        const loss = Math.exp(Math.log(list[j].loss) + t * (Math.log(list[j + 1].loss) - Math.log(list[j].loss)))
        const N = Math.exp(Math.log(list[j].params) + t * (Math.log(list[j + 1].params) - Math.log(list[j].params)))
        const D = Math.exp(Math.log(list[j].tokens) + t * (Math.log(list[j + 1].tokens) - Math.log(list[j].tokens)))
        consider(k, { flops: Math.pow(10, l), run, N, D, loss })
        break
      }
    }
  }
  const envelope = best.filter((b): b is EnvelopeLevel => b !== undefined)
  if (envelope.length < 3) {
    throw new LabError('fit-too-few-points', `The envelope (Approach 1) needs at least 3 compute levels with runs; found ${envelope.length}.`, {
      hint: 'Select runs spanning a wider range of compute, or checkpoints of each run.',
    })
  }
  const C = envelope.map((e) => e.flops)
  const nFit = fitLogLinear(C, envelope.map((e) => e.N))
  const dFit = fitLogLinear(C, envelope.map((e) => e.D))
  const lFit = fitLogLinear(C, envelope.map((e) => e.loss))
  return { a: nFit.slope, b: dFit.slope, k_N: nFit.k, k_D: dFit.k, alpha_L: -lFit.slope, k_L: lFit.k, levels: envelope.length, r2_N: nFit.r2, tolerance, envelope }
}
