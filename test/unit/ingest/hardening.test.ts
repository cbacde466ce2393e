/**
 * What a hardened import refuses or waits for: only regular files are read (a FIFO, a device, a folder are
 * refused at once, by name); a second writer waits for the catalog's write lock and gives up after its
 * timeout with a LabError; a file with no usable value and names over 200 characters are refused with their
 * place; and every refusal leaves the catalog as it was, with no new project.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile, previewImport } from '../../../src/core/ingest'
import { WAITING_MESSAGE } from '../../../src/core/ingest/write-lock'
import { labErrorOf, tempDir } from './helpers'

const tmp = tempDir('hardening-')
afterAll(() => tmp.remove())

const LOG = 'run,step,metric,value\na,1,loss,3.5\na,2,loss,3.25\n'

describe('only regular files', () => {
  it.each([
    ['a FIFO', () => {
      const p = tmp.path('pipe.csv')
      execFileSync('mkfifo', [p])
      return p
    }, /named pipe \(FIFO\)/],
    ['a device', () => '/dev/zero', /character device/],
    ['a folder', () => tmp.dir, /folder/],
  ])('%s is refused by name before it is opened', async (_what, make, message) => {
    const path = make()
    const c = new Catalog(':memory:')
    try {
      const e = await labErrorOf(() => importFile(c, path, { project: 'p' }))
      expect(e.code).toBe('import-not-file')
      expect(e.file).toBe(path)
      expect(e.message).toMatch(message)
      expect((await labErrorOf(() => previewImport(path))).code).toBe('import-not-file')
      expect(c.counts().projects).toBe(0)
    } finally {
      c.close()
    }
  })
})

describe('one writer at a time', () => {
  const catalogPath = tmp.path('locked.sqlite')
  const file = tmp.path('log.csv')
  writeFileSync(file, LOG)

  it('waits for the lock, says so once, and imports when it is released', async () => {
    const holder = new Catalog(catalogPath)
    const c = new Catalog(catalogPath)
    try {
      holder.db.exec('BEGIN IMMEDIATE')
      const told: string[] = []
      const s = await importFile(c, file, { project: 'p', lockTimeoutMs: 30_000 }, {
        onWait: (m) => {
          told.push(m)
          holder.db.exec('COMMIT')
        },
      })
      expect(told).toEqual([WAITING_MESSAGE])
      expect(s).toMatchObject({ runs: 1, points: 2 })
    } finally {
      if (holder.db.inTransaction) holder.db.exec('ROLLBACK')
      holder.close()
      c.close()
    }
  })

  it('gives up after its timeout with a LabError, and writes nothing', async () => {
    const holder = new Catalog(catalogPath)
    const c = new Catalog(catalogPath)
    try {
      const before = c.counts()
      holder.db.exec('BEGIN IMMEDIATE')
      writeFileSync(tmp.path('other.csv'), LOG.replace(/^a,/gm, 'b,'))
      const e = await labErrorOf(() => importFile(c, tmp.path('other.csv'), { project: 'q', lockTimeoutMs: 150 }))
      expect(e.code).toBe('catalog-busy')
      expect(e.message).toMatch(/locked for 0 s; this import gave up and wrote nothing/)
      holder.db.exec('ROLLBACK')
      expect(c.counts()).toEqual(before)
      expect(c.getProject('q')).toBeUndefined()
    } finally {
      if (holder.db.inTransaction) holder.db.exec('ROLLBACK')
      holder.close()
      c.close()
    }
  })
})

describe('refusals that leave nothing behind', () => {
  const refuse = async (text: string, name: string, options: { project?: string } = {}) => {
    const path = tmp.path(name)
    writeFileSync(path, text)
    const c = new Catalog(':memory:')
    try {
      const e = await labErrorOf(() => importFile(c, path, { project: options.project ?? 'p', fileName: name }))
      expect(c.counts()).toMatchObject({ projects: 0, runs: 0, imports: 0 })
      return e
    } finally {
      c.close()
    }
  }

  it('a file whose every value is NaN or empty', async () => {
    const e = await refuse('run,step,metric,value\na,1,loss,NaN\na,2,loss,\na,3,loss,inf\n', 'all-nan.csv')
    expect(e.code).toBe('import-empty')
    expect(e.message).toMatch(/None of the file's 3 data rows holds a usable value/)
    expect([e.file, e.line]).toEqual(['all-nan.csv', 2])
  })

  it('but not the same log again from another file: its values update the points already there', async () => {
    const c = new Catalog(':memory:')
    try {
      writeFileSync(tmp.path('first.csv'), LOG)
      writeFileSync(tmp.path('again.csv'), LOG + '\n')
      await importFile(c, tmp.path('first.csv'), { project: 'p' })
      const s = await importFile(c, tmp.path('again.csv'), { project: 'p' })
      expect(s).toMatchObject({ runs: 1, points: 0, duplicate: false })
    } finally {
      c.close()
    }
  })

  it('a summary table whose metrics are all NaN', async () => {
    const e = await refuse('name,loss\na,nan\nb,NaN\n', 'nan-summary.csv')
    expect(e.message).toMatch(/Every cell of "loss" is empty, NaN, None or inf/)
  })

  it('a run name over 200 characters, at its cell', async () => {
    const e = await refuse(`run,step,metric,value\na,1,loss,3\n${'r'.repeat(201)},1,loss,3\n`, 'long-run.csv')
    expect(e.code).toBe('import-name')
    expect(e.message).toMatch(/The run name "r{40}\.\.\." is 201 characters long; names are at most 200/)
    expect([e.line, e.column]).toEqual([3, 1])
  })

  it('a metric name over 200 characters in a long log, at its cell', async () => {
    const e = await refuse(`run,step,metric,value\na,1,${'m'.repeat(250)},3\n`, 'long-metric.csv')
    expect(e.message).toMatch(/The metric name/)
    expect([e.line, e.column]).toEqual([2, 5])
  })

  it('a metric name over 200 characters in a header, at the header cell', async () => {
    const e = await refuse(`step,loss,${'m'.repeat(201)}\n1,3,4\n`, 'long-header.csv')
    expect(e.message).toMatch(/The metric name/)
    expect([e.line, e.column]).toEqual([1, 11])
  })

  it('a task name over 200 characters', async () => {
    const e = await refuse(`model,task,item,probability,correct\nm,${'t'.repeat(201)},1,0.5,1\n`, 'long-task.csv')
    expect(e.message).toMatch(/The task name/)
    expect([e.line, e.column]).toEqual([2, 3])
  })

  it('a project name over 200 characters', async () => {
    const e = await refuse(LOG, 'log.csv', { project: 'p'.repeat(201) })
    expect(e.message).toMatch(/The project name .* is 201 characters long/)
  })
})
