/**
 * The import in a worker thread: progress comes back, the result is the same as in process, and a worker
 * terminated half-way through a file (mid-transaction) leaves the catalog exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile, importFileInWorker } from '../../../src/core/ingest'
import { CancelledError } from '../../../src/core/jobs/cancelled'
import { generateLongLog } from '../../../scripts/generate-long-log'
import { fixture, tempDir } from './helpers'
import { runTsWorker } from './ts-worker'

const tmp = tempDir('import-worker-')
const catalogPath = tmp.path('catalog.sqlite')
let catalog: Catalog

beforeAll(async () => {
  catalog = new Catalog(catalogPath)
  await importFile(catalog, fixture('real/chinchilla_svg_extracted_data.csv'), { project: 'p' })
  generateLongLog(tmp.path('big.csv'), { rows: 200_000, runs: 4, seed: 11 })
})
afterAll(() => {
  catalog.close()
  tmp.remove()
})

describe('importFileInWorker', () => {
  it('is cancelled by terminating the worker mid-file, and the catalog is unchanged', async () => {
    const before = catalog.counts()
    const controller = new AbortController()
    const fractions: number[] = []
    const result = importFileInWorker(
      catalogPath,
      tmp.path('big.csv'),
      { project: 'p' },
      {
        signal: controller.signal,
        onProgress: (fraction) => {
          fractions.push(fraction)
          controller.abort()
        },
      },
      runTsWorker,
    )
    await expect(result).rejects.toBeInstanceOf(CancelledError)
    // the first progress event comes from inside the transaction, after the first chunk of rows was written
    expect(fractions[0]).toBeGreaterThan(0)
    expect(fractions[0]).toBeLessThan(0.5)
    // taking the write lock waits for the terminated thread's connection to be gone (rolled back)
    catalog.transaction(() => catalog.ensureProject('p'))
    expect(catalog.counts()).toEqual(before)
    expect(catalog.listImports(catalog.getProject('p')!.id)).toHaveLength(1)
    expect(catalog.integrityCheck()).toBe('ok')
  })

  it('a killed import into a new project leaves no project behind', async () => {
    const before = catalog.counts()
    const controller = new AbortController()
    const result = importFileInWorker(catalogPath, tmp.path('big.csv'), { project: 'fresh' }, { signal: controller.signal, onProgress: () => controller.abort() }, runTsWorker)
    await expect(result).rejects.toBeInstanceOf(CancelledError)
    // taking the write lock waits for the terminated thread's connection to be gone (rolled back)
    catalog.db.transaction(() => catalog.db.prepare('DELETE FROM projects WHERE 0').run()).immediate()
    expect(catalog.getProject('fresh')).toBeUndefined()
    expect(catalog.counts()).toEqual(before)
  })

  it('imports in a worker with progress, and the catalog connection of the caller sees the result', async () => {
    const fractions: number[] = []
    const s = await importFileInWorker(catalogPath, fixture('wandb-panel-export.csv'), { project: 'p', fileName: 'panel.csv' }, { onProgress: (f) => fractions.push(f) }, runTsWorker)
    expect(s).toMatchObject({ file: 'panel.csv', format: 'wandb-panel', runs: 2, points: 8, duplicate: false })
    expect(fractions.at(-1)).toBe(1)
    const run = catalog.listRuns({ projectId: catalog.getProject('p')!.id, search: 'lilac' })[0]
    expect(catalog.getSeries({ runId: run.id, metric: 'train/loss' }).x).toEqual([0, 20, 40, 60, 80])
    expect(catalog.integrityCheck()).toBe('ok')
  })

  it('reports errors from the worker with their location', async () => {
    await expect(importFileInWorker(catalogPath, fixture('bad-text-in-number.csv'), { project: 'p', fileName: 'bad.csv' }, {}, runTsWorker)).rejects.toMatchObject({
      code: 'import-value',
      file: 'bad.csv',
      line: 4,
      column: 11,
    })
  })

  it('is cancelled in process through its signal, and the catalog is unchanged', async () => {
    const before = catalog.counts()
    const controller = new AbortController()
    const result = importFile(catalog, tmp.path('big.csv'), { project: 'p' }, { signal: controller.signal, onProgress: () => controller.abort() })
    await expect(result).rejects.toBeInstanceOf(CancelledError)
    expect(catalog.counts()).toEqual(before)
    expect(catalog.integrityCheck()).toBe('ok')
  })

  it('imports an in-memory catalog in process (a thread cannot share it)', async () => {
    const mem = new Catalog(':memory:')
    const s = await importFileInWorker(mem, fixture('long-log.csv'), { project: 'm' })
    expect(s.points).toBe(10)
    mem.close()
  })
})
