/** Migration 2 (evaluation item counts): a catalog written at version 1 migrates; its evaluations keep n NULL. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { Catalog, MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../../src/core/catalog'

const dir = mkdtempSync(join(tmpdir(), 'catalog-migrate-2-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('migration 2: evaluation item counts', () => {
  it('migrates a version-1 catalog; its evaluations keep n NULL, new ones store n, and n must be positive', () => {
    const path = join(dir, 'v1.sqlite')
    const raw = new Database(path)
    expect(migrate(raw, path, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 })
    raw.exec(`INSERT INTO projects (name) VALUES ('old');
      INSERT INTO runs (project_id, name, params) VALUES (1, 'pythia-70m', 70426624);
      INSERT INTO evaluations (project_id, run_id, task, metric, value, stderr) VALUES (1, 1, 'piqa', 'acc', 0.5947, 0.0115);`)
    raw.close()

    const c = new Catalog(path)
    expect(schemaVersion(c.db)).toBe(SCHEMA_VERSION)
    const [old] = c.listEvaluations({ projectId: 1 })
    expect([old.task, old.value, old.stderr, old.n]).toEqual(['piqa', 0.5947, 0.0115, null])
    c.db.prepare("INSERT INTO evaluations (project_id, run_id, task, metric, value, n) VALUES (1, 1, 'lambada', 'acc', 0.18, 5153)").run()
    expect(c.listEvaluations({ projectId: 1, task: 'lambada' })[0].n).toBe(5153)
    expect(() => c.db.prepare("INSERT INTO evaluations (project_id, run_id, task, metric, value, n) VALUES (1, 1, 'x', 'acc', 0.1, 0)").run()).toThrow(/CHECK/)
    expect(c.integrityCheck()).toBe('ok')
    c.close()
  })
})
