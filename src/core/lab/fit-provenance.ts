/**
 * Fits you can re-derive: the data snapshot a stored fit used (its points, one row per run in run-id order), the
 * SHA-256 of that snapshot's canonical JSON, and the fitting engine's version (fit/engine-version.ts) beside the app
 * version. Kept in the fit's selection record (key `provenance`); fits stored before have none and say so.
 * diffData compares two snapshots run by run (added, removed, changed fields).
 */
import { createHash } from 'node:crypto'
import type { ScalingPointInfo } from '../../shared/api/fit'
import type { FitDiffInfo } from '../../shared/api/multiverse'
import { FIT_ENGINE_VERSION } from '../fit/engine-version'

/** [runId, run, N, D, C, L, active N | null, experts | null] */
export type SnapshotRow = [number, string, number, number, number, number, number | null, number | null]

export interface FitProvenance {
  data_hash: string
  engine_version: number
  rows: SnapshotRow[]
}

export function snapshotRows(points: readonly ScalingPointInfo[]): SnapshotRow[] {
  return [...points]
    .sort((p, q) => p.runId - q.runId)
    .map((p) => [p.runId, p.run, p.params, p.tokens, p.flops, p.loss, p.activeParams ?? null, p.experts ?? null])
}

export function dataHash(rows: readonly SnapshotRow[]): string {
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex')
}

export function fitProvenance(points: readonly ScalingPointInfo[]): FitProvenance {
  const rows = snapshotRows(points)
  return { data_hash: dataHash(rows), engine_version: FIT_ENGINE_VERSION, rows }
}

/** The provenance kept in a stored fit's selection record, if it has one. */
export function readProvenance(selection: unknown): FitProvenance | undefined {
  const p = (selection as { provenance?: FitProvenance } | null)?.provenance
  return p && typeof p.data_hash === 'string' && Array.isArray(p.rows) ? p : undefined
}

const FIELDS = ['params', 'tokens', 'flops', 'loss', 'active_params', 'experts'] as const

/** Runs in b and not in a (added), in a and not in b (removed), and in both with different numbers (changed). */
export function diffData(a: readonly SnapshotRow[], b: readonly SnapshotRow[]): FitDiffInfo['data'] {
  const byId = (rows: readonly SnapshotRow[]): Map<number, SnapshotRow> => new Map(rows.map((r) => [r[0], r]))
  const ma = byId(a)
  const mb = byId(b)
  const added = b.filter((r) => !ma.has(r[0])).map((r) => r[1])
  const removed = a.filter((r) => !mb.has(r[0])).map((r) => r[1])
  const changed: FitDiffInfo['data']['changed'] = []
  for (const ra of a) {
    const rb = mb.get(ra[0])
    if (!rb) continue
    const fields: Record<string, [number, number]> = {}
    FIELDS.forEach((f, i) => {
      const va = ra[i + 2] as number | null
      const vb = rb[i + 2] as number | null
      if (!Object.is(va, vb)) fields[f] = [va ?? NaN, vb ?? NaN]
    })
    if (Object.keys(fields).length) changed.push({ run: rb[1], fields })
  }
  return { same: !added.length && !removed.length && !changed.length, added, removed, changed }
}
