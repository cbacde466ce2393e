/**
 * Run an import in a worker thread (src/workers/import.ts) with its own catalog connection, so the caller's
 * event loop stays free; progress comes back as events, and cancelling terminates the thread: SQLite then
 * rolls the open transaction back, leaving the catalog as it was.
 */
import type { Catalog } from '../catalog'
import type { ProgressOptions } from '../jobs/cancelled'
import { runInWorker } from '../jobs/run-in-worker'
import { importFile } from './import-file'
import type { ImportOptions, ImportSummary } from './types'

export interface ImportWorkerInput {
  catalogPath: string
  path: string
  options: ImportOptions
}

/** How a worker is started: runInWorker, or in tests from TypeScript sources a runner that registers tsx first. */
export type WorkerRunner = <T>(name: string, workerData: unknown, opts: ProgressOptions) => Promise<T>

/**
 * @param catalog the catalog file's path (or an open Catalog: an in-memory one cannot be shared with a
 *   thread, so its import runs here instead)
 */
export async function importFileInWorker(
  catalog: string | Catalog,
  path: string,
  options: ImportOptions,
  opts: ProgressOptions = {},
  run: WorkerRunner = runInWorker,
): Promise<ImportSummary> {
  if (typeof catalog !== 'string') {
    if (catalog.path === ':memory:' || catalog.path === '') return importFile(catalog, path, options, opts)
    catalog = catalog.path
  }
  const input: ImportWorkerInput = { catalogPath: catalog, path, options }
  return run<ImportSummary>('import', input, opts)
}
