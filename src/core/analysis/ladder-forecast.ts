/**
 * A downstream forecast at a target (N, D) that knows when not to forecast: triage the task on the ladder
 * (forecast-triage.ts; Lourie et al. 2025, arXiv 2507.00885), fit the two steps of Bhagia et al. 2024 (arXiv
 * 2412.04403; ladder-fit.ts), chain them at the target, and give 95% percentile intervals from a bootstrap over the
 * ladder runs (each resample draws, within each size, that size's runs with replacement and refits both steps;
 * parameter uncertainty only, the
 * checkpoint noise of the target itself is not in them). A task the triage does not call predictable gets its verdict
 * and evidence, and no number. Models larger than every ladder run are predicted too and compared with what they
 * scored (the paper's 7B and 13B targets on the OLMo ladder).
 */
import type { ForecastTaskRow, HeldOutRow, LadderForecastResult } from '../../shared/api/forecast'
import { LabError } from '../../shared/errors'
import { chinchillaData } from '../fit/chinchilla-objective'
import { chinchillaLoss } from '../fit/chinchilla-law'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { percentileInterval } from '../numeric/stats'
import { seededRandom } from '../random'
import { predictAccuracy } from './accuracy-from-loss'
import { triageTask, type TriageOptions } from './forecast-triage'
import { BHAGIA_2024_RECIPE, chainedAccuracy, fitLadder, refitLadder, type LadderFit, type LadderRecipe } from './ladder-fit'
import { ladderSeries, lastMean, type LadderRun, type SeriesSelection } from './ladder-series'
import type { EvalPoint } from './types'

export interface LadderForecastOptions extends SeriesSelection {
  target: { params: number; tokens: number; label?: string }
  /** ladder runs to fit on; default every model with at most half the target's parameters */
  runs?: readonly string[]
  recipe?: Partial<LadderRecipe>
  resamples?: number
  seed?: number
  triage?: TriageOptions
}

const LEVEL = 0.95

export function chooseRuns(all: readonly LadderRun[], targetParams: number, names?: readonly string[]): { runs: LadderRun[]; rule: string } {
  if (names && names.length) {
    const byName = new Map(all.map((r) => [r.model, r]))
    const missing = names.filter((n) => !byName.has(n))
    if (missing.length)
      throw new LabError('not-found', `No evaluations of ${missing.map((m) => `"${m}"`).join(', ')} with both metrics of this task.`, {
        hint: `Ladder runs of this task: ${all.map((r) => r.model).slice(0, 40).join(', ')}.`,
      })
    return { runs: names.map((n) => byName.get(n) as LadderRun), rule: `the ${names.length} runs given` }
  }
  const runs = all.filter((r) => r.params <= targetParams / 2)
  return { runs, rule: `every model with at most half the target's parameters (${runs.length} of ${all.length})` }
}

function heldOut(all: readonly LadderRun[], ladder: readonly LadderRun[], fit: LadderFit, recipe: LadderRecipe): HeldOutRow[] {
  const largest = Math.max(...ladder.map((r) => r.params))
  return all
    .filter((r) => r.params > largest && r.tokens !== null)
    .map((r) => {
      const actualLoss = lastMean(r.checkpoints.map((c) => c.loss), recipe.finalCheckpoints)
      const p = chainedAccuracy(fit.law, fit.sigmoid, r.params, r.tokens as number)
      return {
        model: r.model,
        params: r.params,
        tokens: r.tokens,
        actual_loss: actualLoss,
        predicted_loss: p.loss,
        actual_accuracy: lastMean(r.checkpoints.map((c) => c.accuracy), recipe.finalCheckpoints),
        predicted_accuracy: p.accuracy,
        accuracy_from_actual_loss: predictAccuracy(fit.sigmoid, actualLoss),
      }
    })
}

function bootstrap(ladder: readonly LadderRun[], fit: LadderFit, recipe: LadderRecipe, target: { params: number; tokens: number }, resamples: number, seed: number, progress: ProgressOptions) {
  const rng = seededRandom(seed)
  const base = chinchillaData(fit.step1)
  // stratified by size: every resample keeps every size of the ladder (drawing its runs with replacement), so the
  // spread is that of the runs' token multiples and noise, not of ladders that lost a size
  const bySize = new Map<number, number[]>()
  ladder.forEach((r, i) => bySize.set(r.params, [...(bySize.get(r.params) ?? []), i]))
  const strata = [...bySize.values()]
  const losses: number[] = []
  const accs: number[] = []
  for (let b = 0; b < resamples; b++) {
    throwIfCancelled(progress.signal)
    const counts = new Array<number>(ladder.length).fill(0)
    for (const members of strata) for (let j = 0; j < members.length; j++) counts[members[rng.int(members.length)]]++
    const refit = refitLadder(base, fit, counts, recipe)
    if (refit) {
      const p = chainedAccuracy(refit.law, refit.sigmoid, target.params, target.tokens)
      if (Number.isFinite(p.loss) && Number.isFinite(p.accuracy)) {
        losses.push(p.loss)
        accs.push(p.accuracy)
      }
    }
    if (b % 10 === 9) progress.onProgress?.((b + 1) / resamples, `bootstrap ${b + 1} / ${resamples}`)
  }
  return { losses, accs }
}

function validateTarget(t: { params: number; tokens: number }): void {
  if (!(Number.isFinite(t.params) && t.params > 0) || !(Number.isFinite(t.tokens) && t.tokens > 0))
    throw new LabError('invalid-option', `The target needs a positive parameter count and token count (got N = ${t.params}, D = ${t.tokens}).`, {
      hint: 'Give --target-params and --target-tokens, e.g. 13.2B and 5T.',
    })
}

export function ladderForecast(points: readonly EvalPoint[], opts: LadderForecastOptions, progress: ProgressOptions = {}): LadderForecastResult {
  validateTarget(opts.target)
  const recipe: LadderRecipe = { ...BHAGIA_2024_RECIPE, ...opts.recipe }
  const series = ladderSeries(points, opts)
  const { runs: ladder, rule } = chooseRuns(series.runs, opts.target.params, opts.runs)
  const warnings: string[] = []
  if (series.unpaired > 0) warnings.push(`${series.unpaired} checkpoint evaluation(s) of "${opts.task}" have only one of "${opts.lossMetric}" and "${opts.accuracyMetric}" and were left out.`)
  const triage = triageTask(ladder, { finalCheckpoints: recipe.finalCheckpoints, ...opts.triage })
  const sizes = new Set(ladder.map((r) => r.params)).size
  if (ladder.length < 6 || sizes < 3)
    throw new LabError('too-few-sizes', `Step 1, L(N, D), needs at least 6 ladder runs of at least 3 sizes; "${opts.task}" has ${ladder.length} run(s) of ${sizes} size(s) (${rule}).`, {
      hint: 'Import more ladder runs, or choose them with --runs.',
    })
  const fit = fitLadder(ladder, recipe)
  const resamples = opts.resamples ?? 200
  const seed = opts.seed ?? 1
  const point = chainedAccuracy(fit.law, fit.sigmoid, opts.target.params, opts.target.tokens)
  const forecast = triage.verdict === 'predictable'
  const boot = forecast && resamples > 0 ? bootstrap(ladder, fit, recipe, opts.target, resamples, seed, progress) : { losses: [], accs: [] }
  if (forecast && resamples > 0 && boot.losses.length < resamples)
    warnings.push(`${resamples - boot.losses.length} of ${resamples} bootstrap refits did not converge and were left out of the intervals.`)
  const largest = Math.max(...ladder.map((r) => r.params))
  if (opts.target.params <= largest) warnings.push(`The target (${opts.target.params.toPrecision(3)} parameters) is not larger than the largest ladder run: this is interpolation.`)
  const interval = (xs: number[]): [number, number] | null => (xs.length >= 20 ? percentileInterval(xs, LEVEL) : null)
  if (forecast && resamples > 0 && boot.losses.length < 20) warnings.push('Fewer than 20 bootstrap refits: no interval.')
  const lossValues = fit.step2.flatMap((g) => g.loss)
  const lo = Math.min(0, point.loss, ...lossValues)
  const hi = Math.max(point.loss, ...lossValues)
  return {
    task: opts.task,
    loss_metric: opts.lossMetric,
    accuracy_metric: opts.accuracyMetric,
    runs: ladder.map((r) => r.model),
    runs_rule: rule,
    recipe: { final_checkpoints: recipe.finalCheckpoints, skip_fraction: recipe.skipFraction, moving_average: recipe.movingAverage, ceiling: recipe.ceiling },
    target: { label: opts.target.label ?? 'target', params: opts.target.params, tokens: opts.target.tokens, flops_6nd: 6 * opts.target.params * opts.target.tokens },
    triage,
    loss: { value: forecast ? point.loss : null, interval: forecast ? interval(boot.losses) : null },
    accuracy: { value: forecast ? point.accuracy : null, interval: forecast ? interval(boot.accs) : null },
    interval_method: {
      kind: 'bootstrap-runs',
      resamples: forecast ? resamples : 0,
      used: boot.losses.length,
      level: LEVEL,
      seed,
      note: 'percentile interval over resamples of the ladder runs within each size (both steps refitted); parameter uncertainty only, not the checkpoint noise of the target',
    },
    step1: {
      ...fit.law,
      objective: fit.objective,
      points: fit.step1.map((p) => ({ ...p, fitted: chinchillaLoss(fit.law, p.params, p.tokens) })),
    },
    step2: {
      ...fit.sigmoid,
      points: thin(fit.step2.flatMap((g) => g.loss.map((l, i) => ({ loss: l, accuracy: g.accuracy[i] }))), 600),
      curve: Array.from({ length: 64 }, (_, i): [number, number] => {
        const l = lo + ((hi - lo) * i) / 63
        return [l, predictAccuracy(fit.sigmoid, l)]
      }),
    },
    held_out: heldOut(series.runs, ladder, fit, recipe),
    warnings,
  }
}

/** Every k-th point so a chart gets at most `max` (the fit used all of them). */
function thin<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs
  const step = xs.length / max
  return Array.from({ length: max }, (_, i) => xs[Math.floor(i * step)])
}

/** Triage and held-out predictions of every task with both metrics (no bootstrap): the Forecast view's table. */
export function forecastTable(points: readonly EvalPoint[], opts: { lossMetric: string; accuracyMetric: string; targetParams: number; runs?: readonly string[] }, progress: ProgressOptions = {}): ForecastTaskRow[] {
  const tasks = [...new Set(points.filter((p) => p.metric === opts.lossMetric).map((p) => p.task))].sort()
  const rows: ForecastTaskRow[] = []
  tasks.forEach((task, i) => {
    throwIfCancelled(progress.signal)
    try {
      const series = ladderSeries(points, { task, lossMetric: opts.lossMetric, accuracyMetric: opts.accuracyMetric })
      const { runs } = chooseRuns(series.runs, opts.targetParams, opts.runs)
      const triage = triageTask(runs)
      const fits = runs.length >= 6 && new Set(runs.map((r) => r.params)).size >= 3
      const held = fits ? heldOut(series.runs, runs, fitLadder(runs, BHAGIA_2024_RECIPE), BHAGIA_2024_RECIPE) : []
      rows.push({ task, triage, held_out: held, error: fits ? null : `Step 1 needs at least 6 ladder runs of 3 sizes; this task has ${runs.length}.` })
    } catch (e) {
      if (!(e instanceof LabError)) throw e
      rows.push({ task, triage: null, held_out: [], error: e.message })
    }
    progress.onProgress?.((i + 1) / tasks.length, task)
  })
  return rows
}
