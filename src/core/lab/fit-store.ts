/**
 * Fits as stored results: run a law on a selection in a worker thread (bootstrap resamples over more worker threads
 * when asked), and store it with everything needed to run it again exactly: selection, excluded runs, options, seed,
 * objective, code version and duration (ctx.catalog.saveFit). Stored records map back to the StoredFit of src/shared/api/fit.ts.
 */
import { runInWorker } from '../jobs/run-in-worker'
import type { FitRunInput } from '../fit/fit-run-input'
import type { Catalog } from '../catalog'
import type { FitRecord } from '../catalog/types'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { runFit } from '../fit/fit-runner'
import type { FitOptions } from '../fit/types'
import { LAWS, type FitRequestOptions, type FitResultInfo, type Law, type StoredFit } from '../../shared/api/fit'
import { LabError } from '../../shared/errors'
import { appVersion } from './app-version'
import { selectPoints, type FitSelection } from './fit-selection'
import { fitProvenance, readProvenance } from './fit-provenance'

export interface FitRequest extends FitSelection {
  law: Law
  options?: FitRequestOptions
}

export function toFitOptions(o: FitRequestOptions = {}): FitOptions {
  const out: FitOptions = {}
  if (o.estimator !== undefined) out.estimator = o.estimator
  if (o.bootstrap !== undefined) out.bootstrap = o.bootstrap
  if (o.seed !== undefined) out.seed = o.seed
  if (o.flopsCutoff !== undefined) out.flopsCutoff = o.flopsCutoff
  if (o.isoflopTolerance !== undefined) out.isoflopTolerance = o.isoflopTolerance
  if (o.irreducible !== undefined) out.irreducible = o.irreducible
  if (o.budget !== undefined) out.budget = o.budget
  return out
}

/** Kaplan L(N) and L(D) need only N (or D) and the loss: their fits also take runs that record nothing else. */
export function singleVariableOf(law: Law): 'params' | 'tokens' | undefined {
  return law === 'kaplan-n' ? 'params' : law === 'kaplan-d' ? 'tokens' : undefined
}

function selectFor(catalog: Catalog, req: FitRequest): ReturnType<typeof selectPoints> {
  const singleVariable = singleVariableOf(req.law)
  return selectPoints(catalog, singleVariable ? { ...req, singleVariable } : req)
}

/** The preview: fit without bootstrap, in this thread (tests and callers that are themselves off the lab's thread). */
export function previewFitResult(catalog: Catalog, req: FitRequest, opts: ProgressOptions = {}): FitResultInfo {
  const sel = selectFor(catalog, req)
  return runFit(req.law, sel.used, { ...toFitOptions(req.options), bootstrap: 0 }, opts)
}

/** The same preview in a worker thread: the lab (and the web host) stays responsive while the grid runs. */
export async function previewFitInWorker(catalog: Catalog, req: FitRequest, opts: ProgressOptions = {}): Promise<FitResultInfo> {
  const sel = selectFor(catalog, req)
  const input: FitRunInput = { law: req.law, points: sel.used, options: { ...toFitOptions(req.options), bootstrap: 0 } }
  return runInWorker<FitResultInfo>('fit-run', input, opts)
}

/**
 * Fit in a worker thread (the full fit, its bootstrap resamples and its backtest all run off this thread), then
 * store it in one write and return the stored fit. A cancelled fit stores nothing.
 */
export async function fitAndStore(catalog: Catalog, req: FitRequest, opts: ProgressOptions = {}): Promise<StoredFit> {
  const sel = selectFor(catalog, req)
  const options = toFitOptions(req.options)
  const seed = options.seed ?? 1
  const started = Date.now()
  const input: FitRunInput = { law: req.law, points: sel.used, options: { ...options, seed, bootstrap: options.bootstrap ?? 0 } }
  const result = await runInWorker<FitResultInfo>('fit-run', input, opts)
  throwIfCancelled(opts.signal)
  const durationMs = Date.now() - started
  const stored = { ...(req.options ?? {}), seed }
  const id = catalog.saveFit({
    projectId: req.projectId,
    kind: req.law,
    // provenance: the data snapshot (the points used, run-id order), its hash and the engine version
    selection: { runIds: sel.runIds, metric: sel.metric, metricSource: sel.metricSource, metricNote: sel.metricNote, provenance: fitProvenance(sel.all.filter((p) => !sel.excluded.includes(p.runId))) },
    excluded: sel.excluded,
    options: stored,
    seed,
    result,
    objective: result.objective,
    codeVersion: appVersion(),
    durationMs,
  })
  return toStoredFit(catalog.getFit(id))
}

function isLaw(kind: string): kind is Law {
  return (LAWS as readonly string[]).includes(kind)
}

/** A catalog fit record as the API's StoredFit; records of other kinds (analyses) are not fits. */
export function toStoredFit(r: FitRecord): StoredFit {
  if (!isLaw(r.kind)) throw new LabError('not-a-fit', `Stored result ${r.id} is a ${r.kind}, not a scaling-law fit.`)
  const selection = (r.selection ?? {}) as { runIds?: number[]; metric?: string; metricSource?: StoredFit['selection']['metricSource']; metricNote?: string }
  const result = r.result as FitResultInfo
  return {
    id: r.id,
    projectId: r.projectId,
    law: r.kind,
    selection: {
      runIds: Array.isArray(selection.runIds) ? selection.runIds : [],
      metric: selection.metric ?? 'loss',
      ...(selection.metricSource ? { metricSource: selection.metricSource } : {}),
      ...(selection.metricNote ? { metricNote: selection.metricNote } : {}),
    },
    excluded: Array.isArray(r.excluded) ? (r.excluded as number[]) : [],
    options: (r.options ?? {}) as FitRequestOptions,
    seed: r.seed ?? 1,
    result,
    objective: r.objective ?? result.objective,
    codeVersion: r.codeVersion ?? '',
    provenance: provenanceSummary(r.selection),
    durationMs: r.durationMs ?? 0,
    createdAt: r.createdAt,
  }
}

function provenanceSummary(selection: unknown): StoredFit['provenance'] {
  const p = readProvenance(selection)
  return p ? { dataHash: p.data_hash, engineVersion: p.engine_version, runs: p.rows.length } : null
}

export function listStoredFits(catalog: Catalog, projectId: number): StoredFit[] {
  return catalog
    .listFits(projectId)
    .filter((r) => isLaw(r.kind))
    .map(toStoredFit)
}

export function getStoredFit(catalog: Catalog, fitId: number): StoredFit {
  let record: FitRecord
  try {
    record = catalog.getFit(fitId)
  } catch (e) {
    if (e instanceof LabError) throw new LabError('unknown-fit', `No stored fit with id ${fitId}.`, { hint: 'List stored fits with `scaling-lab fit --list` or in the Scaling view.' })
    throw e
  }
  return toStoredFit(record)
}
