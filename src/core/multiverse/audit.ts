/**
 * The robustness audit as one job: enumerate the specifications (specs.ts), fit them spread over worker threads
 * (src/workers/multiverse.ts runs auditRange on its share), and summarise (summary.ts). Cancel terminates the workers.
 */
import { availableParallelism } from 'node:os'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import { LabError } from '../../shared/errors'
import { enumerateSpecs, pointsForSpec } from './specs'
import { pointSetKey, runSpec, type GridCache } from './run-spec'
import { influence, INFLUENCE_MEASURE, mostInfluential, spread } from './summary'
import type { AuditInput, AuditSpec, MultiverseResult, SkippedSpec, SpecResult } from './types'
import { CHINCHILLA_BUDGET } from '../fit/allocation'

export interface AuditRangeInput {
  input: AuditInput
  specs: AuditSpec[]
}

export interface AuditRangeOutput {
  results: SpecResult[]
  skipped: SkippedSpec[]
}

/** Fit the given specifications in this thread. */
export function auditRange({ input, specs }: AuditRangeInput, opts: ProgressOptions = {}): AuditRangeOutput {
  const results: SpecResult[] = []
  const skipped: SkippedSpec[] = []
  const cache: GridCache = new Map()
  specs.forEach((spec, i) => {
    throwIfCancelled(opts.signal)
    opts.onProgress?.(i / specs.length, `specification ${i + 1} of ${specs.length}`)
    const out = runSpec(pointsForSpec(input, spec.choices), spec.choices, spec.id, input.budget, cache)
    if (out.ok) results.push(out.result)
    else skipped.push({ choices: spec.choices, reason: out.reason })
  })
  opts.onProgress?.(1, 'done')
  return { results, skipped }
}

export interface AuditOptions extends ProgressOptions {
  /** worker threads (default os.availableParallelism()); 0 runs in this thread */
  workers?: number
  runWorker?: <T>(name: string, workerData: unknown, opts: ProgressOptions) => Promise<T>
}

export function checkAuditInput(input: AuditInput): void {
  if (!(Number.isFinite(input.budget) && input.budget > 0)) throw new LabError('fit-bad-option', `The budget must be a positive number of FLOPs; got ${String(input.budget)}.`)
  if (input.points.length < 6) {
    throw new LabError('fit-too-few-points', `The robustness audit needs at least 6 runs; the selection has ${input.points.length}.`, { hint: 'Select more runs: the audit drops up to 5 of them.' })
  }
}

export async function runAudit(input: AuditInput, opts: AuditOptions = {}): Promise<MultiverseResult> {
  checkAuditInput(input)
  const { specs, skipped, levels } = enumerateSpecs(input)
  const sets = [...new Set(specs.map((s) => pointSetKey(s.choices)))]
  const workers = Math.max(0, Math.min(opts.workers ?? availableParallelism(), sets.length))
  let parts: AuditRangeOutput[]
  if (workers === 0) parts = [auditRange({ input, specs }, opts)]
  else {
    const done = new Array<number>(workers).fill(0)
    // whole point sets per worker (its specifications share a grid fit), point sets dealt round-robin
    const share = (s: AuditSpec): number => sets.indexOf(pointSetKey(s.choices)) % workers
    parts = await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        (opts.runWorker ?? runInWorker)<AuditRangeOutput>('multiverse', { input, specs: specs.filter((s) => share(s) === w) } satisfies AuditRangeInput, {
          signal: opts.signal,
          onProgress: (f) => {
            done[w] = f
            opts.onProgress?.(done.reduce((s, v) => s + v, 0) / workers, 'fitting specifications')
          },
        }),
      ),
    )
  }
  throwIfCancelled(opts.signal)
  const results = parts.flatMap((p) => p.results).sort((p, q) => p.id - q.id)
  const failed = parts.flatMap((p) => p.skipped)
  return summarise(input, results, [...skipped, ...failed], levels)
}

function summarise(input: AuditInput, specs: SpecResult[], skipped: SkippedSpec[], levels: MultiverseResult['levels']): MultiverseResult {
  const rows = influence(specs)
  const warnings: string[] = []
  const notConverged = specs.filter((s) => !s.converged).length
  if (notConverged) warnings.push(`${notConverged} of ${specs.length} specifications did not converge; they are listed but left out of the spread and the influence.`)
  const noTpp = specs.filter((s) => s.converged && s.tokens_per_param === null).length
  if (noTpp) warnings.push(`${noTpp} converged specifications give no tokens per parameter (a vanishing term); they are left out of the influence.`)
  if (skipped.length) warnings.push(`${skipped.length} specifications or choice levels were skipped; see "skipped" for each reason.`)
  if (!rows.length) warnings.push('No choice dimension has two levels with converged specifications: no most influential choice.')
  const budget = input.budget
  return {
    law: input.law,
    budget,
    budget_note: budget === CHINCHILLA_BUDGET ? 'C = 5.76e23 FLOPs, the Chinchilla/Gopher budget of Hoffmann et al. 2022' : `C = ${budget.toExponential(3)} FLOPs, as asked`,
    n_runs: input.points.length,
    levels,
    specs,
    skipped,
    spread: spread(specs),
    most_influential: mostInfluential(rows),
    measure: INFLUENCE_MEASURE,
    influence: rows,
    warnings,
  }
}
