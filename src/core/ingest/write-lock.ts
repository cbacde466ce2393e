/**
 * One writer at a time: an import takes SQLite's write lock (BEGIN IMMEDIATE) for its whole transaction. A
 * second import waits for it, saying so once ("Waiting for another import to finish…"), retrying without
 * blocking the event loop, and gives up only after a clear timeout (60 s unless told otherwise; the
 * SCALING_LAB_LOCK_TIMEOUT_MS environment variable or ImportOptions.lockTimeoutMs), with a LabError.
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import { throwIfCancelled } from '../jobs/cancelled'

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000
export const WAITING_MESSAGE = 'Waiting for another import to finish…'

/** Each attempt may block this long inside SQLite before the loop yields. */
const ATTEMPT_MS = 50
const PAUSE_MS = 100

export function lockTimeoutMs(requested?: number): number {
  if (requested !== undefined && Number.isFinite(requested) && requested >= 0) return requested
  const env = Number(process.env.SCALING_LAB_LOCK_TIMEOUT_MS)
  return process.env.SCALING_LAB_LOCK_TIMEOUT_MS && Number.isFinite(env) && env >= 0 ? env : DEFAULT_LOCK_TIMEOUT_MS
}

export function isBusy(e: unknown): boolean {
  const code = (e as { code?: string }).code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'))
}

export function busyError(file: string, waitedMs: number): LabError {
  return new LabError('catalog-busy', `Another import kept the catalog locked for ${Math.round(waitedMs / 1000)} s; this import gave up and wrote nothing.`, {
    file,
    hint: 'Import again when the other import has finished.',
  })
}

export interface LockOptions {
  file: string
  timeoutMs: number
  signal?: AbortSignal
  /** told once, when the lock is held by another writer */
  onWait?: (message: string) => void
}

/** BEGIN IMMEDIATE, waiting for another writer up to the timeout. */
export async function beginImmediate(db: Database.Database, opts: LockOptions): Promise<void> {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number
  const started = Date.now()
  let told = false
  db.pragma(`busy_timeout = ${ATTEMPT_MS}`)
  try {
    for (;;) {
      try {
        db.exec('BEGIN IMMEDIATE')
        return
      } catch (e) {
        if (!isBusy(e)) throw e
      }
      const waited = Date.now() - started
      if (waited >= opts.timeoutMs) throw busyError(opts.file, waited)
      if (!told) {
        told = true
        opts.onWait?.(WAITING_MESSAGE)
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(PAUSE_MS, Math.max(1, opts.timeoutMs - waited))))
      throwIfCancelled(opts.signal)
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`)
  }
}
