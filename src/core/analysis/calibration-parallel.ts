/**
 * Calibration on several threads: the (task, model) groups are shared out over worker threads
 * (src/workers/analysis-calibration.ts), balanced by item count. Each group draws from its own seeded
 * stream (calibration.ts), so the result does not depend on the number of threads.
 */
import { availableParallelism } from 'node:os'
import { runInWorker } from '../jobs/run-in-worker'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import type { PredictionRow } from './types'
import { groupPredictions, type CalibrationGroup } from './calibration-data'
import { calibrateGroups, checkCalibrationOptions, type CalibrationOptions, type CalibrationResult } from './calibration'
import { LabError } from '../../shared/errors'
import { validatePredictionRows } from './validate'

export interface CalibrationJobInput {
  groups: CalibrationGroup[]
  opts: CalibrationOptions
}

export function calibrationWorkerBody(input: CalibrationJobInput, onProgress: (fraction: number, message?: string) => void): CalibrationResult[] {
  return calibrateGroups(input.groups, input.opts, { onProgress })
}

/** Share groups over `threads` lists, largest first onto the lightest list. */
export function shareGroups<T extends { n: number }>(groups: readonly T[], threads: number): T[][] {
  const lists: T[][] = Array.from({ length: Math.max(1, threads) }, () => [])
  const load = new Array<number>(lists.length).fill(0)
  const order = groups.map((g, i) => i).sort((a, b) => groups[b].n - groups[a].n)
  for (const i of order) {
    let k = 0
    for (let j = 1; j < lists.length; j++) if (load[j] < load[k]) k = j
    lists[k].push(groups[i])
    load[k] += groups[i].n
  }
  return lists.filter((l) => l.length > 0)
}

/** calibrateGroups on worker threads (default: one per core, at most the number of groups; at least one). */
export async function calibrateGroupsParallel(
  groups: readonly CalibrationGroup[],
  opts: CalibrationOptions = {},
  progress: ProgressOptions = {},
  threads = availableParallelism(),
): Promise<CalibrationResult[]> {
  throwIfCancelled(progress.signal)
  checkCalibrationOptions(opts)
  // one group or one thread still goes to a worker: the caller's thread (the lab's) never runs the bootstrap
  const shares = shareGroups(groups, Math.min(threads, groups.length))
  if (shares.length === 0) return []
  const fractions = new Array<number>(shares.length).fill(0)
  const results = await Promise.all(
    shares.map((share, k) =>
      runInWorker<CalibrationResult[]>(
        'analysis-calibration',
        { groups: share, opts } satisfies CalibrationJobInput,
        {
          signal: progress.signal,
          onProgress: (f, m) => {
            fractions[k] = f
            progress.onProgress?.(fractions.reduce((s, v) => s + v, 0) / shares.length, m)
          },
        },
      ),
    ),
  )
  const order = new Map(groups.map((g, i) => [`${g.task}\u0000${g.model}`, i]))
  return results.flat().sort((a, b) => (order.get(`${a.task}\u0000${a.model}`) ?? 0) - (order.get(`${b.task}\u0000${b.model}`) ?? 0))
}

/** analyzeCalibration on worker threads. */
export async function analyzeCalibrationParallel(
  rows: readonly PredictionRow[],
  opts: CalibrationOptions = {},
  progress: ProgressOptions = {},
  threads = availableParallelism(),
): Promise<CalibrationResult[]> {
  const chosen = rows.filter(
    (r) => (opts.task === undefined || r.task === opts.task) && (opts.model === undefined || r.model === opts.model) && (opts.family === undefined || r.family === opts.family),
  )
  validatePredictionRows(chosen)
  if (chosen.length === 0) throw new LabError('no-predictions', 'No per-example predictions match.', { hint: 'Import them with `scaling-lab import --format predictions`.' })
  return calibrateGroupsParallel(groupPredictions(chosen, opts.choices), opts, progress, threads)
}
