/**
 * Worker entry: import one CSV file into the catalog on this thread's own connection. Waiting for another
 * writer blocks only this thread, so the connection waits up to a minute for the write lock.
 */
import { Catalog } from '../core/catalog'
import { importWithConnection } from '../core/ingest/import-file'
import type { ImportWorkerInput } from '../core/ingest/import-in-worker'
import type { ImportSummary } from '../core/ingest/types'
import { serveWorker } from '../core/jobs/worker-side'

serveWorker<ImportWorkerInput, ImportSummary>(async (input, onProgress) => {
  const catalog = new Catalog(input.catalogPath, { cacheKiB: 64 * 1024, busyTimeoutMs: 60_000 })
  try {
    return await importWithConnection(catalog, input.path, input.options, { onProgress })
  } finally {
    catalog.close()
  }
})
