/**
 * The folder watcher's rule for files being written or copied in: a file is handed over once its size is the same at
 * two looks (or it has not been modified for two polls), again only when its size or time changes, and only CSV / TSV
 * files of the folder itself. Scans are called by hand (the poll is set far away) and the clock is the test's.
 */
import { appendFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FolderWatcher } from '../../../src/core/watch/folder-watcher'
import { tempDir } from '../ingest/helpers'

const tmp = tempDir('folder-watcher-')
afterAll(() => tmp.remove())

describe('folder watcher', () => {
  let folder: string
  let n = 0
  let handed: string[]
  let errors: unknown[]
  let w: FolderWatcher
  const POLL = 1_000_000
  beforeEach(() => {
    folder = join(tmp.dir, `f${n++}`)
    mkdirSync(folder)
    handed = []
    errors = []
    w = new FolderWatcher({
      folder,
      pollMs: POLL,
      // only the scans the test calls: no file events starting scans of their own
      fileEvents: false,
      onFile: async (p) => void handed.push(p),
      onError: (e) => void errors.push(e),
    })
  })
  afterEach(() => w.stop())

  it('waits for a file being written until its size is the same at two looks, then hands it over once', async () => {
    const f = join(folder, 'log.csv')
    writeFileSync(f, 'step,loss\n1,3\n')
    await w.scan()
    expect(handed).toEqual([])
    appendFileSync(f, '2,2.5\n')
    await w.scan()
    expect(handed).toEqual([])
    await w.scan()
    expect(handed).toEqual([f])
    await w.scan()
    expect(handed).toEqual([f])
    appendFileSync(f, '3,2.2\n')
    await w.scan()
    await w.scan()
    expect(handed).toEqual([f, f])
    expect(errors).toEqual([])
  })

  it('hands over at the first look a file not modified for two polls, and only CSV or TSV files of the folder', async () => {
    const old = (p: string): void => utimesSync(p, new Date(Date.now() - 3 * POLL), new Date(Date.now() - 3 * POLL))
    for (const name of ['a.csv', 'b.TSV', 'notes.txt']) {
      writeFileSync(join(folder, name), 'step,loss\n1,3\n')
      old(join(folder, name))
    }
    mkdirSync(join(folder, 'sub.csv'))
    mkdirSync(join(folder, 'nested'))
    writeFileSync(join(folder, 'nested', 'c.csv'), 'step,loss\n1,3\n')
    old(join(folder, 'nested', 'c.csv'))
    await w.scan()
    expect(handed).toEqual([join(folder, 'a.csv'), join(folder, 'b.TSV')])
    expect(w.files).toBe(2)
  })

  it('reports a folder that is not there once, not at every poll', async () => {
    const gone = new FolderWatcher({ folder: join(folder, 'missing'), pollMs: POLL, onFile: async () => undefined, onError: (e) => void errors.push(e) })
    await gone.scan()
    await gone.scan()
    await gone.stop()
    expect(gone.nativeEvents).toBe(false)
    expect(w.nativeEvents).toBe(false)
    expect(errors).toHaveLength(1)
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT')
  })
})
