/**
 * What differs between two stored fits (data, choices, numbers), and re-deriving a stored fit: refit it from the
 * catalog's current data with its stored selection, options and seed (in the fit-run worker; nothing is stored) and
 * say whether every number is identical bit for bit, else the largest relative difference |x - y| / max(|x|, |y|).
 * The data are compared first: a fit whose runs changed since cannot be expected to come out the same.
 */
import type { Catalog } from '../catalog'
import type { FitResultInfo, StoredFit } from '../../shared/api/fit'
import type { FitDiffInfo, RederiveInfo } from '../../shared/api/multiverse'
import { LabError } from '../../shared/errors'
import type { ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import type { FitRunInput } from '../fit/fit-run-input'
import { FIT_ENGINE_VERSION } from '../fit/engine-version'
import { appVersion } from './app-version'
import { toFitPoint, toPointInfo } from './fit-selection'
import { getStoredFit, singleVariableOf, toFitOptions } from './fit-store'
import { diffData, fitProvenance, readProvenance, type FitProvenance } from './fit-provenance'

export function relativeDifference(a: number, b: number): number {
  if (Object.is(a, b)) return 0
  const scale = Math.max(Math.abs(a), Math.abs(b))
  return scale > 0 && Number.isFinite(scale) ? Math.abs(a - b) / scale : Infinity
}

/** Every parameter, derived quantity and bootstrap standard error of two results, with both values. */
export function compareNumbers(a: FitResultInfo, b: FitResultInfo): FitDiffInfo['numbers'] {
  const flat = (r: FitResultInfo): Map<string, number> =>
    new Map<string, number>([
      ...Object.entries(r.params),
      ...Object.entries(r.derived).filter(([k]) => !(k in r.params)),
      ...Object.entries(r.se ?? {}).map(([k, v]) => [`se.${k}`, v] as [string, number]),
      ['objective', r.objective],
    ])
  const fa = flat(a)
  const fb = flat(b)
  const names = [...new Set([...fa.keys(), ...fb.keys()])]
  return names.map((name) => {
    const va = fa.get(name)
    const vb = fb.get(name)
    const num = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null)
    return { name, a: num(va), b: num(vb), relative_difference: va !== undefined && vb !== undefined ? relativeDifference(va, vb) : null }
  })
}

/** The choices that made each fit: law, loss metric, runs selected, exclusions, options, seed, code and engine version. */
export function compareChoices(a: StoredFit, b: StoredFit): FitDiffInfo['choices'] {
  const out: FitDiffInfo['choices'] = []
  const put = (field: string, va: unknown, vb: unknown): void => {
    if (JSON.stringify(va) !== JSON.stringify(vb)) out.push({ field, a: va ?? null, b: vb ?? null })
  }
  put('law', a.law, b.law)
  put('loss_metric', a.selection.metric, b.selection.metric)
  put('runs_selected', [...a.selection.runIds].sort((p, q) => p - q), [...b.selection.runIds].sort((p, q) => p - q))
  put('excluded', [...a.excluded].sort((p, q) => p - q), [...b.excluded].sort((p, q) => p - q))
  const keys = [...new Set([...Object.keys(a.options), ...Object.keys(b.options)])].filter((k) => k !== 'seed').sort()
  for (const k of keys) put(`options.${k}`, (a.options as Record<string, unknown>)[k], (b.options as Record<string, unknown>)[k])
  put('seed', a.seed, b.seed)
  put('code_version', a.codeVersion, b.codeVersion)
  put('engine_version', a.provenance?.engineVersion ?? null, b.provenance?.engineVersion ?? null)
  return out
}

const NO_DATA: FitDiffInfo['data'] = { same: false, added: [], removed: [], changed: [] }

function provenanceOf(catalog: Catalog, fitId: number): FitProvenance | undefined {
  return readProvenance(catalog.getFit(fitId).selection)
}

export function diffFits(catalog: Catalog, idA: number, idB: number): FitDiffInfo {
  const a = getStoredFit(catalog, idA)
  const b = getStoredFit(catalog, idB)
  const pa = provenanceOf(catalog, idA)
  const pb = provenanceOf(catalog, idB)
  const missing = [pa ? null : idA, pb ? null : idB].filter((v) => v !== null)
  const data = pa && pb ? diffData(pa.rows, pb.rows) : NO_DATA
  const note = missing.length
    ? `Fit ${missing.join(' and ')} ${missing.length > 1 ? 'were' : 'was'} stored before fits recorded their data snapshot: the runs they used cannot be compared.`
    : data.same
      ? `Both fits used the same data (SHA-256 ${pa!.data_hash.slice(0, 12)}).`
      : `The data differ: ${data.added.length} run(s) added, ${data.removed.length} removed, ${data.changed.length} changed (from fit ${idA} to fit ${idB}).`
  return { a: idA, b: idB, data_known: missing.length === 0, data_note: note, data, choices: compareChoices(a, b), numbers: compareNumbers(a.result, b.result) }
}

/** The stored fit's selection on the catalog as it is now: its points (for the refit) and their snapshot. */
function currentData(catalog: Catalog, fit: StoredFit): { input: FitRunInput; provenance: FitProvenance } {
  const skip = new Set(fit.excluded)
  const all = catalog.scalingPoints({ projectId: fit.projectId, runIds: fit.selection.runIds, metric: fit.selection.metric, singleVariable: singleVariableOf(fit.law) }).map(toPointInfo)
  const used = all.filter((p) => !skip.has(p.runId))
  if (used.length === 0) throw new LabError('fit-no-runs', `None of the runs fit ${fit.id} used is left in the catalog with a "${fit.selection.metric}" value.`, { hint: 'The runs were deleted or lost their metric: the fit cannot be re-derived.' })
  const options = { ...toFitOptions(fit.options), seed: fit.seed, bootstrap: fit.options.bootstrap ?? 0 }
  return { input: { law: fit.law, points: used.map(toFitPoint), options }, provenance: fitProvenance(used) }
}

export async function rederiveFit(catalog: Catalog, fitId: number, opts: ProgressOptions = {}): Promise<RederiveInfo> {
  const fit = getStoredFit(catalog, fitId)
  const stored = provenanceOf(catalog, fitId)
  const { input, provenance } = currentData(catalog, fit)
  const data = stored ? diffData(stored.rows, provenance.rows) : NO_DATA
  const note = !stored
    ? `Fit ${fitId} was stored before fits recorded their data snapshot: whether its data changed since cannot be told.`
    : data.same
      ? `The data are unchanged since the fit (SHA-256 ${stored.data_hash.slice(0, 12)}).`
      : `The data changed since the fit: ${data.added.length} run(s) added, ${data.removed.length} removed, ${data.changed.length} changed. The numbers below cannot be expected to agree.`
  const result = await runInWorker<FitResultInfo>('fit-run', input, opts)
  const numbers = compareNumbers(fit.result, result)
  const diffs = numbers.map((n) => n.relative_difference ?? Infinity)
  const max = diffs.length ? Math.max(...diffs) : 0
  return {
    fitId,
    data_changed: stored ? !data.same : null,
    data_note: note,
    data,
    identical: numbers.every((n) => n.relative_difference === 0),
    max_relative_difference: max,
    numbers,
    code_version: { stored: fit.codeVersion || null, now: appVersion(), stored_engine: stored?.engine_version ?? null, engine: FIT_ENGINE_VERSION },
  }
}
