/**
 * Which new runs narrow the forecast at the target the most per FLOP: greedy selection under the spend.
 * At each step every affordable candidate x (candidates.ts) is scored by the width it removes from the predictive
 * interval of log L_opt(C_target), per FLOP it costs, using the Gauss-Newton update of gauss-newton.ts:
 *   width(v) = 2 z sqrt(v + sigma^2),   score(x) = (width(Var g) - width(Var' g)) / (6 N_x D_x)
 * the best is added (its row enters the information), and the search repeats until no candidate fits the rest of
 * the spend, nothing narrows, or maxRuns are chosen; every affordable candidate is tried as the first run and the
 * narrowest final interval wins (bestChoice). The bootstrap interval now is carried over: its log half-widths
 * about the full fit's forecast are scaled by sqrt((Var' g + sigma^2) / (Var g + sigma^2)).
 */
import { normalQuantile } from '../numeric/distributions'
import { chinchillaLoss, type ChinchillaParams } from '../fit/chinchilla-law'
import { addRun, localUncertainty, logLossGradient, varianceAfter, type LocalUncertainty } from './gauss-newton'
import { candidateRuns, naiveNextSize, sizeBounds, type CandidateBounds, type NaiveChoice, type PlanRun } from './candidates'

export const PLAN_METHOD =
  'Gauss-Newton (Fisher information) approximation of the fitted Chinchilla law in log loss: Cov(theta) = sigma^2 (J^T J)^-1 with sigma^2 the fit\'s residual variance; a candidate run adds its gradient row (Sherman-Morrison); runs are chosen greedily by the width they remove from the predictive interval of the compute-optimal loss at the target per FLOP (cost 6ND), under the spend, after trying every affordable candidate as the first run and keeping the narrowest result (partial enumeration, Khuller, Moss & Naor 1999). The expected interval scales the bootstrap interval now by the ratio of the Gauss-Newton predictive standard deviations.'

export const PLAN_ASSUMPTIONS = [
  'the Chinchilla form L = E + A/N^alpha + B/D^beta is the right law, and the fitted parameters are close to the true ones (the runs are judged at the fitted law)',
  'the noise on log loss is independent across runs, with the same spread as the fit\'s residuals (sigma)',
  'the fit behaves like least squares near its optimum (the Huber fit is linearised), so the information of runs adds',
  'a recommended run is trained to completion on D tokens and scored on the same loss metric as the runs so far',
]

export interface PlanRecommendation extends PlanRun {
  tokens_per_param: number
  /** the fitted law's loss for this run */
  predicted_loss: number
  /** the expected interval at the target once this run and those before it are added */
  interval_after: [number, number]
}

export interface RunPlan {
  recommendations: PlanRecommendation[]
  spent_flops: number
  interval_expected: [number, number]
  interval_now_local: [number, number]
  interval_expected_local: [number, number]
  naive: NaiveChoice & { interval_expected: [number, number]; interval_expected_local: [number, number] }
  candidates: number
  size_bounds: { min: number; max: number }
  sigma: number
  /** log-loss standard deviation of the forecast at the target from the parameters alone, now and after */
  param_sd_now: number
  param_sd_expected: number
}

export interface PlanInput extends CandidateBounds {
  law: ChinchillaParams
  runs: readonly { params: number; tokens: number }[]
  logResiduals: readonly number[]
  targetFlops: number
  /** the full fit's forecast at the target and its bootstrap predictive interval */
  center: number
  intervalNow: [number, number]
  level: number
  maxRuns?: number
}

const width = (z: number, v: number, s2: number): number => 2 * z * Math.sqrt(v + s2)

function scaled(center: number, now: [number, number], ratio: number): [number, number] {
  return [center * Math.exp(Math.log(now[0] / center) * ratio), center * Math.exp(Math.log(now[1] / center) * ratio)]
}

function localInterval(center: number, z: number, u: LocalUncertainty): [number, number] {
  const sd = Math.sqrt(u.paramVar + u.sigma2)
  return [center * Math.exp(-z * sd), center * Math.exp(z * sd)]
}

interface Choice {
  chosen: number[]
  states: LocalUncertainty[]
}

/** Fill the spend left after `first` greedily by width removed per FLOP (see the header). */
function greedyFrom(start: LocalUncertainty, first: number, pool: readonly PlanRun[], rows: readonly number[][], spend: number, z: number, maxRuns: number): Choice {
  let u = addRun(start, rows[first])
  let left = spend - pool[first].flops
  const used = new Set<number>([first])
  const chosen = [first]
  const states = [u]
  while (chosen.length < maxRuns) {
    const w0 = width(z, u.paramVar, u.sigma2)
    let best = -1
    let bestScore = 0
    pool.forEach((r, i) => {
      if (used.has(i) || r.flops > left) return
      const score = (w0 - width(z, varianceAfter(u, rows[i]), u.sigma2)) / r.flops
      if (score > bestScore) {
        bestScore = score
        best = i
      }
    })
    if (best < 0 || bestScore * pool[best].flops < 1e-9 * w0) break
    used.add(best)
    chosen.push(best)
    u = addRun(u, rows[best])
    states.push(u)
    left -= pool[best].flops
  }
  return { chosen, states }
}

/**
 * Partial enumeration (Khuller, Moss & Naor 1999, budgeted maximum coverage): every affordable candidate as the first
 * run, the rest of the spend filled greedily by width removed per FLOP; the choice with the narrowest final interval
 * wins (a pure per-FLOP greedy alone can spend the allowance on many cheap, nearly useless runs).
 */
function bestChoice(start: LocalUncertainty, pool: readonly PlanRun[], rows: readonly number[][], spend: number, z: number, maxRuns: number): Choice {
  let best: Choice = { chosen: [], states: [] }
  let bestVar = start.paramVar
  pool.forEach((r, i) => {
    if (r.flops > spend) return
    const c = greedyFrom(start, i, pool, rows, spend, z, maxRuns)
    const v = c.states[c.states.length - 1].paramVar
    if (v < bestVar * (1 - 1e-9)) {
      best = c
      bestVar = v
    }
  })
  return best
}

export function planRuns(input: PlanInput): RunPlan {
  const z = normalQuantile(0.5 + input.level / 2)
  const now = localUncertainty(input.law, input.runs, input.logResiduals, input.targetFlops)
  const pool = candidateRuns(input, input.runs)
  const rows = pool.map((r) => logLossGradient(input.law, r.params, r.tokens))
  const { chosen, states } = bestChoice(now, pool, rows, input.spendFlops, z, input.maxRuns ?? 12)
  const sdNow = Math.sqrt(now.paramVar + now.sigma2)
  const expectedFrom = (u: LocalUncertainty): [number, number] => scaled(input.center, input.intervalNow, Math.sqrt(u.paramVar + u.sigma2) / sdNow)
  const recommendations = chosen.map((i, k): PlanRecommendation => {
    const r = pool[i]
    return { ...r, tokens_per_param: r.tokens / r.params, predicted_loss: chinchillaLoss(input.law, r.params, r.tokens), interval_after: expectedFrom(states[k]) }
  })
  const after = states.length ? states[states.length - 1] : now
  const naive = naiveNextSize(input.runs, input.spendFlops)
  let naiveState = now
  for (const r of naive.runs) naiveState = addRun(naiveState, logLossGradient(input.law, r.params, r.tokens))
  return {
    recommendations,
    spent_flops: recommendations.reduce((s, r) => s + r.flops, 0),
    interval_expected: expectedFrom(after),
    interval_now_local: localInterval(input.center, z, now),
    interval_expected_local: localInterval(input.center, z, after),
    naive: { ...naive, interval_expected: expectedFrom(naiveState), interval_expected_local: localInterval(input.center, z, naiveState) },
    candidates: pool.length,
    size_bounds: sizeBounds(input, input.runs),
    sigma: Math.sqrt(now.sigma2),
    param_sd_now: Math.sqrt(now.paramVar),
    param_sd_expected: Math.sqrt(after.paramVar),
  }
}
