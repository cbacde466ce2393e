/**
 * Migration 4 (saved views) and the saved-view queries: a version-3 catalog migrates; a view is saved, replaced by
 * name, listed, read and deleted; runs deleted later are left out on read and said, and come back when the delete
 * is undone; runs of another project are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { Catalog, MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../../src/core/catalog'
import { SavedViewQueries } from '../../../src/core/catalog/saved-view-queries'
import type { CurveSettings } from '../../../src/shared/api/curves'

const dir = mkdtempSync(join(tmpdir(), 'catalog-migrate-4-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const settings: CurveSettings = { metrics: ['loss'], x: 'tokens', logX: true, logY: false, smoothing: 0.6, groupBy: 'seed', band: 'std' }

describe('migration 4: saved views', () => {
  it('migrates a version-3 catalog and keeps its runs', () => {
    const path = join(dir, 'v3.sqlite')
    const raw = new Database(path)
    expect(migrate(raw, path, MIGRATIONS.slice(0, 3))).toEqual({ from: 0, to: 3 })
    raw.exec(`INSERT INTO projects (name) VALUES ('old'); INSERT INTO runs (project_id, name) VALUES (1, 'a');`)
    raw.close()
    const c = new Catalog(path)
    expect(schemaVersion(c.db)).toBe(SCHEMA_VERSION)
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4)
    const views = new SavedViewQueries(c.db)
    expect(views.saveView(1, 'first', [1], settings).runIds).toEqual([1])
    expect(c.integrityCheck()).toBe('ok')
    c.close()
  })

  it('saves, replaces by name, lists, reads and deletes views; deleted runs are left out and said, and come back on undo', () => {
    const c = new Catalog(':memory:')
    const p = c.ensureProject('p').id
    const other = c.ensureProject('q').id
    const ins = c.db.prepare('INSERT INTO runs (project_id, name) VALUES (?, ?) RETURNING id').pluck(true)
    const [a, b, d] = ['a', 'b', 'd'].map((n) => ins.get(p, n) as number)
    const foreign = ins.get(other, 'x') as number
    const views = new SavedViewQueries(c.db)

    const v1 = views.saveView(p, 'seeds', [a, b], settings)
    const v2 = views.saveView(p, ' seeds ', [a, b, d], { ...settings, band: 'minmax' })
    expect(v2.id).toBe(v1.id)
    expect(v2.runIds).toEqual([a, b, d])
    expect(v2.settings.band).toBe('minmax')
    expect(v2.createdAt).toBe(v1.createdAt)
    views.saveView(p, 'Another', [a], settings)
    expect(views.listViews(p).map((v) => v.name)).toEqual(['Another', 'seeds'])
    expect(views.listViews(other)).toEqual([])

    const snapshot = c.deleteRuns([b])
    const read = views.getView(v1.id)
    expect(read.runIds).toEqual([a, d])
    expect(read.droppedRunIds).toEqual([b])
    expect(read.warnings).toEqual([`1 of the 3 runs of view "seeds" are no longer in the catalog (ids ${b}); the view shows the other 2.`])
    c.restoreRuns(snapshot)
    expect(views.getView(v1.id).runIds).toEqual([a, b, d])
    expect(views.getView(v1.id).warnings).toBeUndefined()

    expect(() => views.saveView(p, 'mixed', [a, foreign], settings)).toThrow(/not in this project: ids/)
    expect(views.deleteView(v1.id)).toBe(true)
    expect(views.deleteView(v1.id)).toBe(false)
    expect(() => views.getView(v1.id)).toThrow(/No saved view/)
    c.close()
  })
})
