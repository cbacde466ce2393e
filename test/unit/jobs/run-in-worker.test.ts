import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runInWorker } from '../../../src/core/jobs/run-in-worker'
import { CancelledError } from '../../../src/core/jobs/cancelled'
import type { ImportSummary } from '../../../src/core/ingest'
import { Catalog } from '../../../src/core/catalog'

describe('runInWorker', () => {
  it('runs a TypeScript worker from source, with progress, and returns its result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-worker-'))
    const csv = join(dir, 'log.csv')
    writeFileSync(csv, 'run,step,metric,value\n' + Array.from({ length: 2000 }, (_, i) => `r,${i},loss,${(10 / (i + 1)).toFixed(4)}`).join('\n') + '\n')
    const catalogPath = join(dir, 'c.sqlite')
    new Catalog(catalogPath).close()
    const progress: number[] = []
    const summary = await runInWorker<ImportSummary>('import', { catalogPath, path: csv, options: { project: 'p' } }, { onProgress: (f) => progress.push(f) })
    expect(summary.points).toBe(2000)
    expect(summary.runs).toBe(1)
  })

  it('rejects with CancelledError when aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(runInWorker('import', {}, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
  })
})
