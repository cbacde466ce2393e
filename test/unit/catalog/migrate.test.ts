import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { Catalog, MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../../src/core/catalog'
import { LabError } from '../../../src/shared/errors'

const dir = mkdtempSync(join(tmpdir(), 'catalog-migrate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('catalog migrations', () => {
  it('are numbered 1, 2, ... in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length)
  })

  it('bring a new file to the current schema in WAL mode with foreign keys on, and are idempotent', () => {
    const path = join(dir, 'new.sqlite')
    const c = new Catalog(path)
    expect(schemaVersion(c.db)).toBe(SCHEMA_VERSION)
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(c.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(c.db.pragma('synchronous', { simple: true })).toBe(1) // NORMAL
    c.ensureProject('kept')
    c.close()
    const again = new Catalog(path)
    expect(again.getProject('kept')).toBeDefined()
    expect(migrate(again.db, path)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION })
    again.close()
  })

  it('skip a step another process applied after this one read the version (the app and a CLI opening one catalog)', () => {
    const path = join(dir, 'race.sqlite')
    const other = new Database(path)
    const mine = new Database(path)
    const one = { version: 1, name: 'one', up: 'CREATE TABLE a (x)' }
    const two = { version: 2, name: 'two', up: 'CREATE TABLE b (y)' }
    // `mine` reads version 0; then, before its first step (the loop reads the step's version a second time, after
    // checking the list), the other process applies both steps
    let reads = 0
    let raced = false
    const steps = [
      {
        ...one,
        get version(): number {
          if (++reads === 2) {
            migrate(other, path, [one, two])
            raced = true
          }
          return 1
        },
      },
      two,
    ]
    expect(() => migrate(mine, path, steps)).not.toThrow()
    expect(schemaVersion(mine)).toBe(2)
    expect(raced).toBe(true)
    other.close()
    mine.close()
  })

  it('apply only the missing steps', () => {
    const db = new Database(':memory:')
    const steps = [
      { version: 1, name: 'one', up: 'CREATE TABLE a (x)' },
      { version: 2, name: 'two', up: 'CREATE TABLE b (y)' },
    ]
    expect(migrate(db, 'mem', steps.slice(0, 1))).toEqual({ from: 0, to: 1 })
    expect(migrate(db, 'mem', steps)).toEqual({ from: 1, to: 2 })
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 2 })
    db.close()
  })

  it('roll back a migration that fails, leaving the version unchanged', () => {
    const db = new Database(':memory:')
    expect(() => migrate(db, 'mem', [{ version: 1, name: 'bad', up: 'CREATE TABLE a (x); CREATE TABLE a (x);' }])).toThrow()
    expect(schemaVersion(db)).toBe(0)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 })
    db.close()
  })

  it('refuse a catalog written by a newer version, and leave it untouched', () => {
    const path = join(dir, 'newer.sqlite')
    new Catalog(path).close()
    const raw = new Database(path)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    let error: unknown
    try {
      new Catalog(path)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(LabError)
    expect((error as LabError).code).toBe('catalog-too-new')
    expect((error as LabError).message).toContain(path)
    const check = new Database(path)
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION + 1)
    check.close()
  })

  it('refuse a file that is not an SQLite database', () => {
    const path = join(dir, 'not-a-db.sqlite')
    writeFileSync(path, 'name,params\n'.repeat(200))
    expect(() => new Catalog(path)).toThrow(expect.objectContaining({ code: 'catalog-open' }))
  })
})
