/**
 * A task's evaluations as ladder runs: for each model, its checkpoints in training order with the task loss and the
 * accuracy measured at the same checkpoint (Bhagia et al. 2024, "Establishing Task Scaling Laws via
 * Compute-Efficient Model Ladders", arXiv 2412.04403, work on such per-run series). A checkpoint without a number is
 * the final model and sorts last. The smoothing the paper applies is here too:
 *   trailing moving average  m_i = mean(x_{max(0, i-w+1)}, ..., x_i)   (allenai/OLMo-ladder src/scaling/utils.py)
 *   final value              mean of the last k checkpoints
 */
import { LabError } from '../../shared/errors'
import type { EvalPoint } from './types'

export interface LadderCheckpoint {
  checkpoint: number | null
  tokens: number | null
  loss: number
  accuracy: number
}

export interface LadderRun {
  model: string
  params: number
  /** training tokens at the last checkpoint (null when not imported) */
  tokens: number | null
  checkpoints: LadderCheckpoint[]
}

export interface LadderSeries {
  runs: LadderRun[]
  /** evaluations of the task with only one of the two metrics at their checkpoint (not usable, reported) */
  unpaired: number
}

export interface SeriesSelection {
  task: string
  lossMetric: string
  accuracyMetric: string
  shots?: number
}

const order = (c: number | null): number => (c === null ? Infinity : c)

export function ladderSeries(points: readonly EvalPoint[], sel: SeriesSelection): LadderSeries {
  const keep = (p: EvalPoint): boolean => p.task === sel.task && (sel.shots === undefined || p.shots === sel.shots)
  const cells = new Map<string, Map<number, { loss?: EvalPoint; accuracy?: EvalPoint }>>()
  for (const p of points) {
    if (!keep(p)) continue
    const role = p.metric === sel.lossMetric ? 'loss' : p.metric === sel.accuracyMetric ? 'accuracy' : null
    if (role === null) continue
    const byCheckpoint = cells.get(p.model) ?? new Map<number, { loss?: EvalPoint; accuracy?: EvalPoint }>()
    cells.set(p.model, byCheckpoint)
    const key = order(p.checkpoint ?? null)
    const cell = byCheckpoint.get(key) ?? {}
    cell[role] = p
    byCheckpoint.set(key, cell)
  }
  if (cells.size === 0)
    throw new LabError('no-evaluations', `No model has "${sel.lossMetric}" or "${sel.accuracyMetric}" of task "${sel.task}".`, {
      hint: 'Import the task loss and the accuracy of the ladder (scaling-lab import --format evals).',
    })
  let unpaired = 0
  const runs: LadderRun[] = []
  for (const [model, byCheckpoint] of cells) {
    const checkpoints: LadderCheckpoint[] = []
    let params = Number.NaN
    for (const [key, cell] of [...byCheckpoint].sort((a, b) => a[0] - b[0])) {
      if (!cell.loss || !cell.accuracy) {
        unpaired++
        continue
      }
      params = cell.loss.params
      const tokens = cell.loss.tokens ?? cell.accuracy.tokens ?? null
      checkpoints.push({ checkpoint: key === Infinity ? null : key, tokens, loss: cell.loss.value, accuracy: cell.accuracy.value })
    }
    if (checkpoints.length === 0) continue
    if (!(Number.isFinite(params) && params > 0))
      throw new LabError('missing-size', `Model "${model}" has no parameter count.`, { hint: 'Import the parameter count of every ladder model.' })
    runs.push({ model, params, tokens: checkpoints[checkpoints.length - 1].tokens, checkpoints })
  }
  runs.sort((a, b) => a.params - b.params || (a.tokens ?? 0) - (b.tokens ?? 0) || a.model.localeCompare(b.model))
  return { runs, unpaired }
}

/** Trailing moving average over a window of w (shorter at the start), as the OLMo ladder code smooths. */
export function trailingMovingAverage(xs: readonly number[], w: number): number[] {
  const out: number[] = []
  let sum = 0
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i]
    if (i >= w) sum -= xs[i - w]
    out.push(sum / Math.min(i + 1, w))
  }
  return out
}

/** Mean of the last k values (all of them when there are fewer). */
export function lastMean(xs: readonly number[], k: number): number {
  const tail = xs.slice(-Math.max(1, k))
  return tail.reduce((s, v) => s + v, 0) / tail.length
}

/** Population standard deviation (numpy's std, as the paper's variance analysis uses). */
export function populationSd(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN
  const m = xs.reduce((s, v) => s + v, 0) / xs.length
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / xs.length)
}
