/**
 * Calibration of each (task, model) from per-example predictions (Kadavath et al. 2022, "Language Models
 * (Mostly) Know What They Know", arXiv 2207.05221; Guo et al. 2017, arXiv 1706.04599):
 * reliability diagram with equal-width or equal-mass bins, ECE, MCE, Brier score on the gold answer
 * (mean (1 - p_correct)^2, on a binary task the two-class Brier score / 2), NLL = mean -log p_correct
 * (p clipped to [1e-12, 1]), accuracy and mean confidence, each with a seeded percentile bootstrap
 * interval over items (calibration-bootstrap.ts). Calibration against scale lists the same measures
 * across a family's sizes, with their trend shape (trend-shape.ts).
 * Binning: equal width, bin b = [b / B, (b + 1) / B); or equal mass (Naeini et al. 2015): the n items
 * sorted by confidence are cut at positions floor(b n / B), b = 1 .. B - 1, so every bin holds
 * floor(n / B) or one more item and ties may straddle a cut (items keep their sorted order).
 * What is available depends on the file, never on a two-way guess: ECE / MCE / mean confidence need the
 * confidence of the model's pick (a confidence column, per-option probabilities, or choices = 2 declared
 * by the caller); accuracy needs `correct`; NLL needs the probability of the correct answer. A measure
 * that is not available is null, and `ece_unavailable` / `notes` say why.
 */
import type { CalibrationResult } from '../../shared/api/analysis-results'
export type { CalibrationResult }
import { LabError } from '../../shared/errors'
import { seededRandom } from '../random'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import type { Interval, PredictionRow } from './types'
import { equalWidthBins, groupPredictions, type CalibrationGroup } from './calibration-data'
import { blockedBootstrap, chooseEngine, exactBootstrap, STAT_NAMES, type BootstrapEngine, type Replicates, type StatName } from './calibration-bootstrap'
import { calibrationStats, newAccumulator, reliabilityDiagram, type Binning, type ReliabilityBin } from './reliability'
import { percentileInterval, sampleSd } from '../numeric/stats'
import { validatePredictionRows } from './validate'

export interface CalibrationOptions {
  task?: string
  model?: string
  family?: string
  /** number of bins (default 10) */
  bins?: number
  binning?: Binning
  /** bootstrap resamples over items (default 1000; 0 = none) */
  bootstrap?: number
  seed?: number
  level?: number
  /** 'auto' (default): exact multinomial while n * resamples <= 2e7, else the blocked Poisson bootstrap */
  engine?: BootstrapEngine | 'auto'
  /** 2 declares two answer options per item, which allows the two-way reading max(p, 1 - p); nothing else is accepted */
  choices?: number
}

export function checkCalibrationOptions(opts: CalibrationOptions): { bins: number; binning: Binning; resamples: number; level: number } {
  const bins = opts.bins ?? 10
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= 1000)) throw new LabError('invalid-option', `bins must be a whole number from 1 to 1000, got ${String(opts.bins)}.`)
  const binning = opts.binning ?? 'width'
  if (binning !== 'width' && binning !== 'mass') throw new LabError('invalid-option', `binning must be "width" or "mass", got "${String(opts.binning)}".`)
  const resamples = opts.bootstrap ?? 1000
  if (!(Number.isInteger(resamples) && resamples >= 0)) throw new LabError('invalid-option', `bootstrap must be a whole number >= 0, got ${String(opts.bootstrap)}.`)
  const level = opts.level ?? 0.95
  if (!(level > 0 && level < 1)) throw new LabError('invalid-option', `level must be between 0 and 1, got ${String(opts.level)}.`)
  if (opts.choices !== undefined && opts.choices !== 2)
    throw new LabError('invalid-option', `choices can only be 2 (two answer options per item, read as max(p, 1 - p)), got ${String(opts.choices)}.`, {
      hint: 'With more options the confidence of the pick must come from the file: a confidence column or per-option probabilities.',
    })
  return { bins, binning, resamples, level }
}

/** Calibration of every (task, model) in the rows that matches the options. */
export function analyzeCalibration(rows: readonly PredictionRow[], opts: CalibrationOptions = {}, progress: ProgressOptions = {}): CalibrationResult[] {
  checkCalibrationOptions(opts)
  const chosen = rows.filter(
    (r) => (opts.task === undefined || r.task === opts.task) && (opts.model === undefined || r.model === opts.model) && (opts.family === undefined || r.family === opts.family),
  )
  validatePredictionRows(chosen)
  if (chosen.length === 0)
    throw new LabError('no-predictions', `No per-example predictions${opts.task ? ` for task "${opts.task}"` : ''}${opts.model ? ` of model "${opts.model}"` : ''}.`, {
      hint: 'Import them with `scaling-lab import --format predictions`.',
    })
  return calibrateGroups(groupPredictions(chosen, opts.choices), opts, progress)
}

/** The same on groups already in column form (the benchmark and workers use this directly). */
export function calibrateGroups(groups: readonly CalibrationGroup[], opts: CalibrationOptions = {}, progress: ProgressOptions = {}): CalibrationResult[] {
  const { bins, binning, resamples, level } = checkCalibrationOptions(opts)
  const seed = opts.seed ?? 0
  const results: CalibrationResult[] = []
  groups.forEach((g, gi) => {
    throwIfCancelled(progress.signal)
    const widthBin = equalWidthBins(g.confidence, bins)
    const point = calibrationStats(g, binning, bins, widthBin, null, newAccumulator(bins))
    let intervals: CalibrationResult['intervals'] = null
    let standardErrors: CalibrationResult['standard_errors'] = null
    let bootstrap: CalibrationResult['bootstrap'] = null
    if (resamples > 0) {
      const engine = chooseEngine(g.n, resamples, opts.engine)
      // one stream per group, so a group's interval does not depend on which other groups were analysed
      const rng = seededRandom(seed + 7919 * hashString(`${g.task}\u0000${g.model}`))
      const sub: ProgressOptions = {
        signal: progress.signal,
        onProgress: progress.onProgress && ((f) => progress.onProgress?.((gi + f) / groups.length, `bootstrap ${g.model}`)),
      }
      const reps: Replicates =
        engine === 'exact' ? exactBootstrap(g, binning, bins, widthBin, resamples, rng, sub) : blockedBootstrap(g, binning, bins, widthBin, resamples, rng, sub)
      intervals = {} as Record<StatName, Interval>
      standardErrors = {} as Record<StatName, number>
      for (const name of STAT_NAMES) {
        intervals[name] = percentileInterval(reps[name], level)
        standardErrors[name] = sampleSd(reps[name])
      }
      bootstrap = { resamples, engine, level, seed }
    }
    results.push(
      withAvailability(g, {
        task: g.task,
        model: g.model,
        family: g.family,
        params: g.params,
        n: g.n,
        ...point,
        binning,
        bins,
        reliability: reliabilityDiagram(g, binning, bins, widthBin),
        intervals,
        standard_errors: standardErrors,
        bootstrap,
        confidence_source: g.known.confidence,
        ece_unavailable: null,
        brier_on: null,
        notes: [],
        missing: { confidence: g.known.missingConfidence, correct: g.known.missingCorrect, probability: g.known.missingProbability },
      }),
    )
  })
  progress.onProgress?.(1)
  return results
}

const PICK_MEASURES = ['ece', 'mce', 'mean_confidence'] as const

/** Null the measures the group's items do not determine, and say why. */
export function withAvailability(g: CalibrationGroup, r: CalibrationResult): CalibrationResult {
  const k = g.known
  const drop = (names: readonly StatName[]): void => {
    for (const name of names) {
      r[name] = null
      if (r.intervals) delete r.intervals[name]
      if (r.standard_errors) delete r.standard_errors[name]
    }
  }
  const lacking = (m: number, what: string): string => (m === g.n ? `none of the ${g.n} items gives ${what}` : `${m} of the ${g.n} items lack ${what}`)
  if (k.missingCorrect > 0) {
    drop(['accuracy'])
    r.notes.push(`Accuracy is not available: ${lacking(k.missingCorrect, "whether the model's pick was right (a `correct` column)")}.`)
  }
  if (k.confidence === null || k.missingCorrect > 0) {
    drop(PICK_MEASURES)
    r.reliability = []
    const why = k.confidence === null ? lacking(k.missingConfidence, "the confidence of the model's pick") : lacking(k.missingCorrect, 'whether the pick was right')
    r.ece_unavailable =
      `ECE is not available because ${why}; the probability of the correct answer alone does not give it on a multiple-choice task. ` +
      'Import a confidence column or per-option probabilities (model, task, item, option, probability, gold), or declare two answer options per item (choices = 2).'
  }
  if (k.confidence === 'two-choice') r.notes.push("Two answer options per item were declared: the pick's confidence is max(p, 1 - p) and, where `correct` is missing, the pick is right when p > 1/2.")
  if (k.missingProbability > 0) {
    drop(['nll'])
    r.notes.push(`NLL is not available: ${lacking(k.missingProbability, 'the probability of the correct answer')}.`)
  }
  r.brier_on = k.missingProbability === 0 ? 'gold' : k.confidence !== null && k.missingCorrect === 0 ? 'pick' : null
  if (r.brier_on === null) drop(['brier'])
  else if (r.brier_on === 'pick') r.notes.push("Brier is the top-label score mean (confidence - correct)^2 on the pick: the probability of the correct answer is missing.")
  return r
}

/** FNV-1a hash of a string, as a 24-bit number (to derive per-group seeds). */
function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 8) & 0xffffff
}
