import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, migrate } from '../../../src/core/catalog'

describe('migration: loss metric, run edits, import provenance', () => {
  it('attributes series and summaries written before it to the import that created their run', () => {
    const db = new Database(':memory:')
    migrate(db, 'mem', MIGRATIONS.slice(0, 1))
    db.exec(`INSERT INTO projects (id, name) VALUES (1, 'p');
      INSERT INTO imports (id, project_id, file_name, size, sha256, format) VALUES (7, 1, 'a.csv', 1, 'abc', 'long');
      INSERT INTO runs (id, project_id, name, import_id) VALUES (1, 1, 'imported', 7), (2, 1, 'by hand', NULL);
      INSERT INTO series (id, run_id, metric, x_kind) VALUES (1, 1, 'loss', 'step'), (2, 2, 'loss', 'step');
      INSERT INTO summaries (run_id, metric, value) VALUES (1, 'loss', 2.5), (2, 'loss', 3.0);`)
    const migrated = migrate(db, 'mem')
    expect(migrated.from).toBe(1)
    expect(db.prepare('SELECT id, import_id FROM series ORDER BY id').all()).toEqual([
      { id: 1, import_id: 7 },
      { id: 2, import_id: null },
    ])
    expect(db.prepare('SELECT run_id, import_id FROM summaries ORDER BY run_id').all()).toEqual([
      { run_id: 1, import_id: 7 },
      { run_id: 2, import_id: null },
    ])
    expect(db.prepare('SELECT loss_metric FROM projects').get()).toEqual({ loss_metric: null })
    expect(() => db.prepare("INSERT INTO run_edits (run_id, field, old_value, new_value) VALUES (1, 'params', 'not json', '1')").run()).toThrow(/CHECK/)
    db.close()
  })
})
