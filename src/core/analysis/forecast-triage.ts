/**
 * Triage of a downstream task before extrapolating it from a ladder of small models. Categories of Lourie et al. 2025
 * ("Scaling Laws Are Unreliable for Downstream Tasks: A Reality Check", arXiv 2507.00885): predictable, inverse,
 * non-monotonic, noisy, trendless, breakthrough; `insufficient` when the ladder cannot tell.
 *
 * The line read across sizes: the ladder runs with the same tokens per parameter (D / N to two significant digits),
 * the line with the most sizes (ties: the most tokens per parameter). Each size's value is the mean of its last
 * `finalCheckpoints` checkpoints; its error the standard deviation of its last `noiseCheckpoints` checkpoints.
 * Checks, in order (alpha = 0.05, tolerance in accuracy units, default 0.01):
 *   insufficient   fewer than 3 sizes, or the noise can be neither measured nor estimated;
 *   trendless      every size scores the same, or the best monotone change of accuracy is below the tolerance;
 *   non-monotonic  the one-turn fit beats the monotone one (turn p < alpha) with both arms >= tolerance, or the task
 *                  loss turns that way (order-restricted tests of trend-order-test.ts, McKenzie et al. 2023);
 *   inverse        accuracy falls with size (trend p < alpha), or the task loss rises with size;
 *   noisy          the monotone trend is not significant (noise as large as the change), or the paper's variance
 *                  analysis (Bhagia et al. 2024, arXiv 2412.04403, paper_results/variance.csv: SD over the last 10
 *                  checkpoints of the largest ladder run) finds a task-loss CV above `noiseCv` (default 0.003: on the
 *                  OLMo ladder the tasks above it, ARC-Challenge, ARC-Easy, OpenBookQA and CommonsenseQA, are the ones
 *                  the paper predicts worst at 7B and 13B; those below, MMLU, HellaSwag, PIQA and Social IQa, within
 *                  about 2 points);
 *   breakthrough   accuracy flat (each step below the tolerance) over the smaller sizes and the last step carrying
 *                  at least two thirds of the whole change: the sigmoid's rise has not been seen;
 *   predictable    otherwise.
 */
import type { ForecastTriage, TriageSize, TriageTrend } from '../../shared/api/forecast'
import { seededRandom } from '../random'
import { lastMean, populationSd, type LadderRun } from './ladder-series'
import { orderTest } from './trend-order-test'

export interface TriageOptions {
  finalCheckpoints?: number
  noiseCheckpoints?: number
  tolerance?: number
  noiseCv?: number
  alpha?: number
  simulations?: number
  seed?: number
}

const round2 = (v: number): number => Number(v.toPrecision(2))

/** The runs sharing one tokens-per-parameter ratio, one run per size (the most trained when a size repeats). */
export function sizeLine(runs: readonly LadderRun[]): { ratio: number | null; runs: LadderRun[] } {
  const lines = new Map<string, LadderRun[]>()
  for (const r of runs) {
    const ratio = r.tokens !== null ? String(round2(r.tokens / r.params)) : 'unknown'
    const list = lines.get(ratio) ?? []
    list.push(r)
    lines.set(ratio, list)
  }
  const sizesOf = (list: LadderRun[]): number => new Set(list.map((r) => r.params)).size
  const best = [...lines.entries()].sort(
    (a, b) => sizesOf(b[1]) - sizesOf(a[1]) || (b[0] === 'unknown' ? -1 : Number(b[0])) - (a[0] === 'unknown' ? -1 : Number(a[0])),
  )[0]
  const bySize = new Map<number, LadderRun>()
  for (const r of best[1]) {
    const have = bySize.get(r.params)
    if (!have || r.checkpoints.length > have.checkpoints.length) bySize.set(r.params, r)
  }
  return { ratio: best[0] === 'unknown' ? null : Number(best[0]), runs: [...bySize.values()].sort((a, b) => a.params - b.params) }
}

function sizeOf(r: LadderRun, finalK: number, noiseK: number): TriageSize {
  const loss = r.checkpoints.map((c) => c.loss)
  const acc = r.checkpoints.map((c) => c.accuracy)
  const enough = r.checkpoints.length >= 3
  return {
    model: r.model,
    params: r.params,
    tokens: r.tokens,
    loss: lastMean(loss, finalK),
    accuracy: lastMean(acc, finalK),
    loss_sd: enough ? populationSd(loss.slice(-noiseK)) : null,
    accuracy_sd: enough ? populationSd(acc.slice(-noiseK)) : null,
  }
}

function trend(sizes: TriageSize[], score: number[], sd: (number | null)[], o: Required<TriageOptions>): TriageTrend | null {
  const logs = sizes.map((s) => Math.log10(s.params))
  const centre = logs.reduce((a, b) => a + b, 0) / logs.length
  // a measured error of zero (a constant run) would weigh that size infinitely: floor it at 1e-6 of the scale
  const floor = 1e-6 * Math.max(1e-12, ...score.map(Math.abs))
  const se = sd.every((v) => v !== null) ? sd.map((v) => Math.max(v as number, floor)) : null
  const t = orderTest({ u: logs.map((u) => u - centre), s: score, se, simulations: o.simulations, rng: seededRandom(o.seed) })
  if (!t) return null
  const monotone = t.chi2.positive <= t.chi2.inverse ? 'positive' : 'inverse'
  const f = t.fits[monotone]
  const turnWins = t.turn.p_value < o.alpha
  const turnFit = t.chi2['u-shaped'] <= t.chi2['inverted-u'] ? 'u-shaped' : 'inverted-u'
  const best: TriageTrend['fit'] = turnWins ? turnFit : t.trend.p_value < o.alpha ? monotone : 'flat'
  return { fit: best, trend_p: t.trend.p_value, turn_p: t.turn.p_value, change: f[f.length - 1] - f[0] }
}

/** Both arms of the one-turn fit change the score by at least the tolerance. */
function armsMatter(score: number[], tolerance: number): boolean {
  let turn = 0
  for (let i = 1; i < score.length - 1; i++) if (Math.abs(score[i] - score[0]) > Math.abs(score[turn] - score[0])) turn = i
  return Math.abs(score[turn] - score[0]) >= tolerance && Math.abs(score[score.length - 1] - score[turn]) >= tolerance
}

const pct = (v: number): string => `${(100 * v).toFixed(2)}%`
const fmt = (v: number): string => v.toPrecision(3)

export function triageTask(ladder: readonly LadderRun[], options: TriageOptions = {}): ForecastTriage {
  const o: Required<TriageOptions> = {
    finalCheckpoints: options.finalCheckpoints ?? 5,
    noiseCheckpoints: options.noiseCheckpoints ?? 10,
    tolerance: options.tolerance ?? 0.01,
    noiseCv: options.noiseCv ?? 0.003,
    alpha: options.alpha ?? 0.05,
    simulations: options.simulations ?? 999,
    seed: options.seed ?? 1,
  }
  const line = sizeLine(ladder)
  const sizes = line.runs.map((r) => sizeOf(r, o.finalCheckpoints, o.noiseCheckpoints))
  const largest = [...ladder].sort((a, b) => b.params - a.params || (b.tokens ?? 0) - (a.tokens ?? 0))[0]
  const noise = largest && largest.checkpoints.length >= 3 ? noiseOf(largest, o) : null
  const evidence: ForecastTriage['evidence'] = { tokens_per_param: line.ratio, sizes, accuracy_trend: null, loss_trend: null, noise, tolerance: o.tolerance, alpha: o.alpha }
  const reasons: string[] = []
  const done = (verdict: ForecastTriage['verdict'], why: string): ForecastTriage => ({ verdict, reasons: [...reasons, why], evidence })
  const lineText = `the ladder line at ${line.ratio === null ? 'unknown' : fmt(line.ratio)} tokens per parameter`
  if (sizes.length < 3) return done('insufficient', `Only ${sizes.length} size${sizes.length === 1 ? '' : 's'} on ${lineText}; a trend across sizes needs at least 3.`)
  const acc = sizes.map((s) => s.accuracy)
  const loss = sizes.map((s) => s.loss)
  if (Math.max(...acc) - Math.min(...acc) <= 1e-12)
    return done('trendless', `Every size on ${lineText} scores the same accuracy (${fmt(acc[0])}): there is no trend to extrapolate.`)
  const accTrend = trend(sizes, acc, sizes.map((s) => s.accuracy_sd), o)
  const lossTrend = trend(sizes, loss.map((v) => -v), sizes.map((s) => s.loss_sd), o)
  evidence.accuracy_trend = accTrend
  evidence.loss_trend = lossTrend && { ...lossTrend, change: -lossTrend.change }
  if (!accTrend)
    return done('insufficient', `The checkpoint noise of ${lineText} cannot be measured (fewer than 3 checkpoints per run) nor estimated (fewer than 4 sizes).`)
  reasons.push(
    `Accuracy on ${lineText} goes from ${fmt(acc[0])} (${sizes[0].model}) to ${fmt(acc[acc.length - 1])} (${sizes[sizes.length - 1].model}); best order-restricted fit: ${accTrend.fit} (trend p = ${fmt(accTrend.trend_p)}, turn p = ${fmt(accTrend.turn_p)}).`,
  )
  if (Math.abs(accTrend.change) < o.tolerance)
    return done('trendless', `The best monotone change of accuracy across sizes (${fmt(accTrend.change)}) is below the tolerance ${o.tolerance}.`)
  if ((accTrend.fit === 'u-shaped' || accTrend.fit === 'inverted-u') && armsMatter(acc, o.tolerance))
    return done('non-monotonic', `Accuracy turns across sizes (${accTrend.fit}, turn p = ${fmt(accTrend.turn_p)} < ${o.alpha}) and both arms change it by at least ${o.tolerance}.`)
  if (accTrend.fit === 'inverse') return done('inverse', `Accuracy falls with size (trend p = ${fmt(accTrend.trend_p)} < ${o.alpha}, change ${fmt(accTrend.change)}).`)
  if (lossTrend && lossTrend.fit === 'inverse')
    return done('inverse', `The task loss rises with size (trend p = ${fmt(lossTrend.trend_p)} < ${o.alpha}): step 1 would extrapolate the wrong way.`)
  if (lossTrend && (lossTrend.fit === 'u-shaped' || lossTrend.fit === 'inverted-u'))
    return done('non-monotonic', `The task loss turns across sizes (${lossTrend.fit}, turn p = ${fmt(lossTrend.turn_p)} < ${o.alpha}).`)
  if (accTrend.fit === 'flat')
    return done('noisy', `The accuracy change across sizes (${fmt(accTrend.change)}) is not distinguishable from checkpoint noise (trend p = ${fmt(accTrend.trend_p)} >= ${o.alpha}).`)
  if (noise && noise.loss_cv > o.noiseCv)
    return done(
      'noisy',
      `Checkpoint-to-checkpoint noise of ${noise.model} over its last ${noise.checkpoints} checkpoints: task-loss CV ${pct(noise.loss_cv)} > ${pct(o.noiseCv)} (accuracy SD ${fmt(noise.accuracy_sd)}); the paper's variance analysis finds tasks this noisy predicted worst.`,
    )
  if (noise) reasons.push(`Checkpoint noise of ${noise.model}: task-loss CV ${pct(noise.loss_cv)} <= ${pct(o.noiseCv)}.`)
  const steps = acc.slice(1).map((v, i) => v - acc[i])
  const total = acc[acc.length - 1] - acc[0]
  if (steps.slice(0, -1).every((s) => Math.abs(s) < o.tolerance) && steps[steps.length - 1] >= (2 / 3) * total)
    return done('breakthrough', `Accuracy is flat over the smaller sizes (each step below ${o.tolerance}) and the last step carries ${pct(steps[steps.length - 1] / total)} of the change: the rise has only begun.`)
  return done('predictable', `Accuracy rises and the task loss falls monotonically across sizes, above the checkpoint noise.`)
}

function noiseOf(run: LadderRun, o: Required<TriageOptions>): NonNullable<ForecastTriage['evidence']['noise']> {
  const loss = run.checkpoints.slice(-o.noiseCheckpoints).map((c) => c.loss)
  const acc = run.checkpoints.slice(-o.noiseCheckpoints).map((c) => c.accuracy)
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
  const lossSd = populationSd(loss)
  const accSd = populationSd(acc)
  return {
    model: run.model,
    checkpoints: loss.length,
    loss_sd: lossSd,
    // a constant zero series has no relative noise (and no JSON NaN)
    loss_cv: mean(loss) !== 0 ? lossSd / Math.abs(mean(loss)) : 0,
    accuracy_sd: accSd,
    accuracy_cv: mean(acc) !== 0 ? accSd / Math.abs(mean(acc)) : 0,
    threshold_cv: o.noiseCv,
  }
}
