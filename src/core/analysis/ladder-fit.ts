/**
 * The two steps of Bhagia et al. 2024 ("Establishing Task Scaling Laws via Compute-Efficient Model Ladders",
 * arXiv 2412.04403) fitted on ladder runs with the paper's recipe (allenai/OLMo-ladder src/scripts/step1.py, step2.py):
 *   step 1  L(N, D) = E + A / N^alpha + B / D^beta on each run's final task loss (mean of its last 5 checkpoints) and
 *           final D, Huber (delta 1e-3) on log L: the lab's Chinchilla Approach-3 engine (src/core/fit/chinchilla-grid.ts);
 *   step 2  Acc(L) = a / (1 + exp(-k (L - L0))) + b on every checkpoint after the first 10% of each run, loss and
 *           accuracy smoothed by a 5-point trailing moving average, plus the ideal point (0, 1); the accuracy at zero
 *           loss at most 1 and L0 >= 0 (accuracy-from-loss.ts with its bounds).
 * Refits for the bootstrap start at the full data's optimum (step 1: one L-BFGS run, the grid when it stops short;
 * step 2: Nelder-Mead).
 */
import { LabError } from '../../shared/errors'
import { chinchillaData, weightedChinchillaData, type ChinchillaData } from '../fit/chinchilla-objective'
import { fitChinchillaFrom, fitChinchillaGrid } from '../fit/chinchilla-grid'
import { chinchillaLoss, chinchillaParamsFromVector, type ChinchillaParams } from '../fit/chinchilla-law'
import { fitAccuracyFromLoss, predictAccuracy, type AccuracyFromLoss } from './accuracy-from-loss'
import { lastMean, trailingMovingAverage, type LadderRun } from './ladder-series'

export interface LadderRecipe {
  /** a run's final value (step 1, targets): mean of its last k checkpoints */
  finalCheckpoints: number
  /** step 2: leave out this fraction of each run's first checkpoints (rounded up) */
  skipFraction: number
  /** step 2: trailing moving-average window */
  movingAverage: number
  /** step 2: the accuracy at zero loss is at most this and the point (0, ceiling) is added; null: neither */
  ceiling: number | null
}

/** The paper's main configuration (README of src/scripts/paper: --moving_avg 5, --skip_perc 0.1, task maximum 1). */
export const BHAGIA_2024_RECIPE: LadderRecipe = { finalCheckpoints: 5, skipFraction: 0.1, movingAverage: 5, ceiling: 1 }

export interface Step1Point {
  model: string
  params: number
  tokens: number
  loss: number
}

export interface LadderFit {
  x: number[]
  law: ChinchillaParams
  objective: number
  sigmoid: AccuracyFromLoss
  step1: Step1Point[]
  /** per run, its smoothed step-2 points (resampling picks whole runs) */
  step2: { loss: number[]; accuracy: number[] }[]
}

export function step1Points(runs: readonly LadderRun[], recipe: LadderRecipe): Step1Point[] {
  return runs.map((r) => {
    if (r.tokens === null || !(r.tokens > 0))
      throw new LabError('missing-tokens', `Ladder run "${r.model}" has no training-token count at its last checkpoint; step 1 is L(N, D).`, {
        hint: 'Import the tokens seen at each checkpoint (a tokens column in the evaluations).',
      })
    return { model: r.model, params: r.params, tokens: r.tokens, loss: lastMean(r.checkpoints.map((c) => c.loss), recipe.finalCheckpoints) }
  })
}

export function step2Points(run: LadderRun, recipe: LadderRecipe): { loss: number[]; accuracy: number[] } {
  // the last checkpoint always stays (a run known only by its final model keeps that one)
  const kept = run.checkpoints.slice(Math.min(Math.ceil(recipe.skipFraction * run.checkpoints.length), run.checkpoints.length - 1))
  return {
    loss: trailingMovingAverage(kept.map((c) => c.loss), recipe.movingAverage),
    accuracy: trailingMovingAverage(kept.map((c) => c.accuracy), recipe.movingAverage),
  }
}

function fitSigmoid(groups: readonly { loss: number[]; accuracy: number[] }[], recipe: LadderRecipe, start?: AccuracyFromLoss): AccuracyFromLoss {
  const L = groups.flatMap((g) => g.loss)
  const A = groups.flatMap((g) => g.accuracy)
  if (recipe.ceiling !== null) {
    L.push(0)
    A.push(recipe.ceiling)
  }
  return fitAccuracyFromLoss(L, A, {
    ceiling: recipe.ceiling ?? undefined,
    minL0: recipe.ceiling !== null ? 0 : undefined,
    start: start ? { k: start.k, L0: start.L0 } : undefined,
  })
}

export function fitLadder(runs: readonly LadderRun[], recipe: LadderRecipe): LadderFit {
  const s1 = step1Points(runs, recipe)
  const grid = fitChinchillaGrid(chinchillaData(s1))
  const s2 = runs.map((r) => step2Points(r, recipe))
  const pairs = s2.reduce((n, g) => n + g.loss.length, 0)
  if (pairs < 5)
    throw new LabError('too-few-sizes', `Step 2 (accuracy from task loss) needs at least 5 (loss, accuracy) pairs from the ladder; there are ${pairs}.`, {
      hint: 'Import the intermediate checkpoints of the ladder runs, or more runs.',
    })
  if (recipe.ceiling !== null)
    for (const r of runs)
      for (const c of r.checkpoints)
        if (!(c.accuracy >= 0 && c.accuracy <= recipe.ceiling))
          throw new LabError('invalid-evaluation', `Ladder run "${r.model}"${c.checkpoint === null ? '' : ` at checkpoint ${c.checkpoint}`} has accuracy ${c.accuracy}, outside [0, ${recipe.ceiling}].`, {
            hint: 'Import accuracy as a fraction (0.853, not 85.3).',
          })
  const sigmoid = fitSigmoid(s2, recipe)
  for (const v of [...grid.x, sigmoid.a, sigmoid.k, sigmoid.L0, sigmoid.b])
    if (!Number.isFinite(v)) throw new LabError('fit-failed', 'The two-step fit of the ladder did not converge.', { hint: 'Check the task loss and accuracy of the ladder runs.' })
  return { x: grid.x, law: grid.params, objective: grid.objective, sigmoid, step1: s1, step2: s2 }
}

/** One bootstrap refit on the runs drawn with these multiplicities; null when a step fails. */
export function refitLadder(base: ChinchillaData, fit: LadderFit, counts: readonly number[], recipe: LadderRecipe): { law: ChinchillaParams; sigmoid: AccuracyFromLoss } | null {
  const data = weightedChinchillaData(base, counts)
  const warm = fitChinchillaFrom(data, fit.x)
  // a warm start that stops short is refitted from the whole grid
  const r1 = warm.converged ? { x: warm.x, converged: true } : fitChinchillaGrid(data)
  if (!r1.converged || ![...r1.x].every(Number.isFinite)) return null
  const groups = counts.flatMap((c, i) => Array.from({ length: c }, () => fit.step2[i]))
  const sigmoid = fitSigmoid(groups, recipe, fit.sigmoid)
  if (![sigmoid.a, sigmoid.k, sigmoid.L0, sigmoid.b].every(Number.isFinite)) return null
  return { law: chinchillaParamsFromVector(r1.x), sigmoid }
}

export function chainedAccuracy(law: ChinchillaParams, sigmoid: AccuracyFromLoss, N: number, D: number): { loss: number; accuracy: number } {
  const loss = chinchillaLoss(law, N, D)
  return { loss, accuracy: predictAccuracy(sigmoid, loss) }
}
