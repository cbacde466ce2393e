import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { LabError } from '../../../src/shared/errors'

describe('run edits', () => {
  let c: Catalog
  let runId: number
  beforeEach(() => {
    c = new Catalog(':memory:')
    const projectId = c.ensureProject('p').id
    runId = (c.db.prepare("INSERT INTO runs (project_id, name, params, tags) VALUES (?, 'pythia-1.4b', NULL, '[\"a\"]') RETURNING id").get(projectId) as { id: number }).id
  })
  afterEach(() => c.close())

  it('change parameters, tokens, FLOPs, experts, family and tags, and record each change with old and new value', () => {
    // Pythia 1.4B trained on 300B tokens (Biderman et al. 2023, arXiv 2304.01373)
    const run = c.updateRun(runId, { params: 1.4e9, tokens: 3e11, flops: 5.76e23, family: ' Pythia ', tags: ['a', 'b', 'a'], experts: 8, activeParams: 1.2e9, nonembeddingParams: 1.2e9 })
    expect(run).toMatchObject({ params: 1.4e9, tokens: 3e11, flops: 5.76e23, family: 'Pythia', tags: ['a', 'b'], experts: 8, activeParams: 1.2e9, nonembeddingParams: 1.2e9 })
    const edits = c.runEdits(runId)
    expect(edits.map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
      ['tags', ['a'], ['a', 'b']],
      ['experts', null, 8],
      ['flops', null, 5.76e23],
      ['tokens', null, 3e11],
      ['nonembeddingParams', null, 1.2e9],
      ['activeParams', null, 1.2e9],
      ['params', null, 1.4e9],
      ['family', null, 'Pythia'],
    ])
    expect(edits[0].editedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('record nothing when a value does not change, and clear a value with null', () => {
    c.updateRun(runId, { params: 1.4e9 })
    c.updateRun(runId, { params: 1.4e9, tags: ['a'] })
    expect(c.runEdits(runId)).toHaveLength(1)
    expect(c.updateRun(runId, { params: null }).params).toBeNull()
    expect(c.runEdits(runId)[0]).toMatchObject({ field: 'params', oldValue: 1.4e9, newValue: null })
  })

  it('refuse values out of range and change nothing', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ params: -1 }, /params must be a positive finite number/],
      [{ tokens: 0 }, /tokens must be a positive finite number/],
      [{ flops: Infinity }, /flops must be a positive finite number/],
      [{ experts: 2.5 }, /experts must be a whole number/],
      [{ family: 'x'.repeat(201) }, /at most 200 characters/],
      [{ tags: ['y'.repeat(101)] }, /at most 100 characters/],
    ]
    for (const [patch, message] of bad) {
      const err = (() => {
        try {
          c.updateRun(runId, { params: 7e7, ...patch })
        } catch (e) {
          return e
        }
      })()
      expect(err).toBeInstanceOf(LabError)
      expect((err as LabError).message).toMatch(message)
    }
    expect(c.getRun(runId).params).toBeNull()
    expect(c.runEdits(runId)).toEqual([])
  })

  it('refuse an unknown run', () => {
    expect(() => c.updateRun(9999, { params: 1 })).toThrow(/No run with id 9999/)
    expect(() => c.runEdits(9999)).toThrow(/No run with id 9999/)
  })

  it('find a run by name or id', () => {
    const projectId = c.getProject('p')!.id
    expect(c.findRun(projectId, 'pythia-1.4b')?.id).toBe(runId)
    expect(c.findRun(projectId, String(runId))?.name).toBe('pythia-1.4b')
    expect(c.findRun(projectId, 'nope')).toBeUndefined()
  })

  it('come back with the run when a deletion is undone, with the import that wrote its series and summaries', () => {
    const importId = Number(c.db.prepare("INSERT INTO imports (project_id, file_name, size, sha256, format) VALUES (1, 'a.csv', 1, 'abc', 'long')").run().lastInsertRowid)
    c.db.prepare("INSERT INTO series (run_id, metric, x_kind, import_id) VALUES (?, 'loss', 'step', ?)").run(runId, importId)
    c.db.prepare("INSERT INTO summaries (run_id, metric, value, import_id) VALUES (?, 'loss', 2.1, ?)").run(runId, importId)
    c.updateRun(runId, { params: 1.4e9 })
    const before = c.runEdits(runId)
    const snapshot = c.deleteRuns([runId])
    expect(c.db.prepare('SELECT count(*) FROM run_edits').pluck(true).get()).toBe(0)
    c.restoreRuns(snapshot)
    expect(c.runEdits(runId)).toEqual(before)
    expect(c.db.prepare('SELECT import_id FROM series WHERE run_id = ?').pluck(true).get(runId)).toBe(importId)
    expect(c.db.prepare('SELECT import_id FROM summaries WHERE run_id = ?').pluck(true).get(runId)).toBe(importId)
  })

  describe('FLOPs and tokens the importer derived', () => {
    // a run as the importer leaves it when its log gave parameters and tokens but no FLOPs: C = 6ND, marked
    const derivedRun = (): number =>
      (
        c.db
          .prepare(`INSERT INTO runs (project_id, name, params, tokens, flops, config) VALUES (?, 'derived', 1.4e9, 3e11, 2.52e21, json_object('derived_flops', '6 params tokens')) RETURNING id`)
          .get(c.ensureProject('p').id) as { id: number }
      ).id
    const mark = (id: number, key: string) => (c.db.prepare(`SELECT json_extract(config, '$.' || ?) AS v FROM runs WHERE id = ?`).get(key, id) as { v: unknown }).v

    it('derive the FLOPs again from corrected tokens (6ND), recorded as an edit, still marked derived', () => {
      const id = derivedRun()
      const run = c.updateRun(id, { tokens: 2e11 })
      expect(run.flops).toBeCloseTo(6 * 1.4e9 * 2e11, -6)
      expect(c.runEdits(id).map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
        ['flops', 2.52e21, 6 * 1.4e9 * 2e11],
        ['tokens', 3e11, 2e11],
      ])
      expect(mark(id, 'derived_flops')).toBe('6 params tokens')
    })
    it('use the active parameters when they are set', () => {
      const id = derivedRun()
      expect(c.updateRun(id, { activeParams: 4e8 }).flops).toBeCloseTo(6 * 4e8 * 3e11, -6)
    })
    it('make FLOPs set by hand the user\'s: the mark goes, and a later token correction leaves them', () => {
      const id = derivedRun()
      c.updateRun(id, { flops: 3e21 })
      expect(mark(id, 'derived_flops')).toBeNull()
      expect(c.updateRun(id, { tokens: 1e11 }).flops).toBe(3e21)
    })
    it('clear derived FLOPs whose parameters were cleared, and their mark', () => {
      const id = derivedRun()
      expect(c.updateRun(id, { params: null }).flops).toBeNull()
      expect(mark(id, 'derived_flops')).toBeNull()
      expect(c.runEdits(id)[0]).toMatchObject({ field: 'flops', oldValue: 2.52e21, newValue: null })
    })
    it('derive tokens again from corrected FLOPs (D = C / 6N)', () => {
      const id = (
        c.db
          .prepare(`INSERT INTO runs (project_id, name, params, tokens, flops, config) VALUES (?, 'dt', 1e9, 1e11, 6e20, json_object('derived_tokens', 'flops / (6 params)')) RETURNING id`)
          .get(c.ensureProject('p').id) as { id: number }
      ).id
      expect(c.updateRun(id, { flops: 1.2e21 }).tokens).toBeCloseTo(2e11, -1)
      expect(mark(id, 'derived_tokens')).toBe('flops / (6 params)')
    })
  })
})
