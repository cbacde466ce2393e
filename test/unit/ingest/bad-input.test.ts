/**
 * Broken files are refused with their file, line and column, and leave the catalog exactly as it was:
 * same counts, integrity_check and foreign_key_check clean, the write lock released.
 */
import { copyFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { seededRandom } from '../../../src/core/random'
import { generateLongLog } from '../../../scripts/generate-long-log'
import { fixture, labErrorOf, tempDir } from './helpers'

const tmp = tempDir('bad-input-')
let catalog: Catalog

beforeAll(async () => {
  catalog = new Catalog(tmp.path('catalog.sqlite'))
  // something to lose: real runs already in the catalog
  await importFile(catalog, fixture('real/chinchilla_svg_extracted_data.csv'), { project: 'p' })
  await importFile(catalog, fixture('long-log.csv'), { project: 'p' })

  writeFileSync(tmp.path('garbage.csv'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)))
  const random = seededRandom(3)
  writeFileSync(tmp.path('noise-no-nul.csv'), Buffer.from(Array.from({ length: 4096 }, () => 1 + random.int(255))))
  writeFileSync(tmp.path('latin1.csv'), Buffer.from('run,step,metric,value\nr\xe9sum\xe9,1,loss,3\n', 'latin1'))
  writeFileSync(tmp.path('probability.csv'), 'model,task,item,probability,correct\nm,t,1,0.5,1\nm,t,2,1.7,0\n')
  // a long file that breaks at the very end, after thousands of rows were written in the transaction
  generateLongLog(tmp.path('late-error.csv'), { rows: 20_000, runs: 2, seed: 5 })
  const { appendFileSync } = await import('node:fs')
  appendFileSync(tmp.path('late-error.csv'), 'sweep-01-99M,999999,train/loss,oops\n')
  copyFileSync(fixture('bad-ragged.csv'), tmp.path('bad-ragged.csv'))
})
afterAll(() => {
  catalog.close()
  tmp.remove()
})

const cases: { name: string; path: () => string; code: string; line: number; column: number; message: RegExp }[] = [
  { name: 'a ragged row', path: () => fixture('bad-ragged.csv'), code: 'import-ragged', line: 3, column: 10, message: /3 fields; the header has 4/ },
  { name: 'text in a number column', path: () => fixture('bad-text-in-number.csv'), code: 'import-value', line: 4, column: 11, message: /"two point nine" in column "value".*not a number/ },
  { name: 'an unclosed quote', path: () => fixture('bad-unclosed-quote.csv'), code: 'import-unclosed-quote', line: 3, column: 1, message: /never closed/ },
  { name: 'an empty file', path: () => fixture('bad-empty.csv'), code: 'import-empty', line: 1, column: 1, message: /empty/ },
  { name: 'a header without rows', path: () => fixture('bad-header-only.csv'), code: 'import-empty', line: 2, column: 1, message: /no data rows/ },
  { name: 'binary garbage', path: () => tmp.path('garbage.csv'), code: 'import-binary', line: 1, column: 1, message: /binary/ },
  { name: 'binary noise without NUL bytes', path: () => tmp.path('noise-no-nul.csv'), code: 'import-encoding', line: 1, column: 1, message: /UTF-8/ },
  { name: 'Latin-1 text', path: () => tmp.path('latin1.csv'), code: 'import-encoding', line: 2, column: 2, message: /UTF-8/ },
  { name: 'a probability above 1', path: () => tmp.path('probability.csv'), code: 'import-value', line: 3, column: 7, message: /outside \[0, 1\]/ },
  { name: 'an error after 20,000 good rows', path: () => tmp.path('late-error.csv'), code: 'import-value', line: 20_002, column: 32, message: /"oops"/ },
]

describe('refusing broken files', () => {
  it.each(cases)('$name: refused at its line and column, catalog unchanged', async ({ path, code, line, column, message }) => {
    const before = catalog.counts()
    const e = await labErrorOf(() => importFile(catalog, path(), { project: 'p', fileName: 'in.csv' }))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(message)
    expect([e.file, e.line, e.column]).toEqual(['in.csv', line, column])
    expect(e.toLocationString()).toMatch(new RegExp(`^in\\.csv:${line}:${column}: `))
    expect(catalog.counts()).toEqual(before)
    expect(catalog.integrityCheck()).toBe('ok')
    // nothing holds the write lock or left foreign keys off
    expect(catalog.db.pragma('foreign_keys', { simple: true })).toBe(1)
    catalog.transaction(() => catalog.ensureProject('lock-probe'))
    catalog.db.prepare("DELETE FROM projects WHERE name = 'lock-probe'").run()
  })

  it('refuses a mapping that cannot work before writing anything', async () => {
    const before = catalog.counts()
    const e = await labErrorOf(() => importFile(catalog, fixture('long-log.csv'), { project: 'new project', mapping: { value: 'no such column' } }))
    expect(e.code).toBe('import-mapping')
    expect(e.message).toMatch(/no column "no such column"/)
    expect(catalog.counts()).toEqual(before)
    expect(catalog.getProject('new project')).toBeUndefined()
  })

  it('says so when the file does not exist', async () => {
    const e = await labErrorOf(() => importFile(catalog, tmp.path('nope.csv'), { project: 'p' }))
    expect(e.code).toBe('import-open')
  })

  it('a file that failed can be imported once fixed (nothing of it was recorded)', async () => {
    const path = tmp.path('bad-ragged.csv')
    writeFileSync(path, 'run,step,metric,value\na,0,loss,3.1\na,10,loss,3.0\n')
    const s = await importFile(catalog, path, { project: 'p' })
    expect(s).toMatchObject({ duplicate: false, points: 2 })
  })
})
