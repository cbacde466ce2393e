/**
 * Re-importing a file with another mapping (replace): one transaction removes what the earlier import wrote and
 * imports anew. Fixture: 24 real Chinchilla runs as a W&B runs table whose size column is not recognised
 * (scripts/reference/wandb-runs-model-cfg.py).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'

const fixture = join(__dirname, '..', '..', 'fixtures', 'catalog', 'wandb-runs-model-cfg.csv')
const dir = mkdtempSync(join(tmpdir(), 'catalog-replace-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('import replace', () => {
  let c: Catalog
  const pid = (): number => c.getProject('p')!.id
  beforeEach(() => {
    c = new Catalog(':memory:')
  })
  afterEach(() => c.close())

  it('without replace, a re-import is a duplicate and changes nothing', async () => {
    const first = await importFile(c, fixture, { project: 'p' })
    const before = c.counts()
    const again = await importFile(c, fixture, { project: 'p', mapping: { params: 'model_cfg.size' } })
    expect(again).toMatchObject({ duplicate: true, importId: first.importId, runs: 0 })
    expect(again.replacedImportId).toBeUndefined()
    expect(c.counts()).toEqual(before)
  })

  it('with replace, removes the earlier rows and imports with the new mapping', async () => {
    const first = await importFile(c, fixture, { project: 'p' })
    expect(c.scalingPoints({ projectId: pid() })).toEqual([])
    expect(c.listRuns({ projectId: pid() }).every((r) => r.params === null)).toBe(true)
    const second = await importFile(c, fixture, { project: 'p', mapping: { params: 'model_cfg.size' }, replace: true })
    expect(second).toMatchObject({ duplicate: false, runs: 24, replacedImportId: first.importId })
    expect(second.warnings[0]).toMatch(/^Replaced import #1 of .*: removed 24 run\(s\) it created, 0 series with 0 points, 24 summary value\(s\)/)
    const runs = c.listRuns({ projectId: pid() })
    expect(runs).toHaveLength(24)
    // first data row: model_cfg.size "1.73B", flops 9.08578900048968e+18, final loss 3.395737776160633
    expect(runs[0]).toMatchObject({ name: 'chinchilla-fig4-00', params: 1.73e9, flops: 9.08578900048968e18, loss: 3.395737776160633 })
    expect(c.scalingPoints({ projectId: pid() })).toHaveLength(24)
    expect(c.listImports(pid()).map((i) => i.id)).toEqual([second.importId])
    expect(c.counts()).toMatchObject({ runs: 24, imports: 1 })
    expect(c.integrityCheck()).toBe('ok')
  })

  it('keeps runs another import also wrote into, and says so; removes hand edits with removed runs, and says so', async () => {
    const first = await importFile(c, fixture, { project: 'p' })
    const runs = c.listRuns({ projectId: pid() })
    // another file adds a validation-loss curve to run 01
    const other = join(dir, 'other.csv')
    writeFileSync(other, 'run,step,metric,value\nchinchilla-fig4-01,100,val_loss,3.1\nchinchilla-fig4-01,200,val_loss,2.9\n')
    await importFile(c, other, { project: 'p' })
    c.updateRun(runs[2].id, { params: 5e8 })
    const second = await importFile(c, fixture, { project: 'p', mapping: { params: 'model_cfg.size' }, replace: true })
    expect(second.replacedImportId).toBe(first.importId)
    expect(second.warnings[1]).toMatch(/Kept 1 run\(s\) .*"chinchilla-fig4-01"/)
    expect(second.warnings[2]).toMatch(/Edits made by hand to "chinchilla-fig4-02" were removed/)
    const kept = c.findRun(pid(), 'chinchilla-fig4-01')!
    expect(kept.id).toBe(runs[1].id)
    expect(c.getRun(kept.id).series.map((s) => s.metric)).toEqual(['val_loss'])
    expect(kept.params).toBe(1.27e9)
    expect(c.listRuns({ projectId: pid() })).toHaveLength(24)
    expect(c.integrityCheck()).toBe('ok')
  })

  it('rolls the removal back when the new import fails', async () => {
    await importFile(c, fixture, { project: 'p' })
    const before = c.counts()
    await expect(importFile(c, fixture, { project: 'p', mapping: { params: 'no such column' }, replace: true })).rejects.toThrow()
    expect(c.counts()).toEqual(before)
  })

  it('works on a file catalog through the import connection', async () => {
    const path = join(dir, 'replace.sqlite')
    const fc = new Catalog(path)
    try {
      await importFile(fc, fixture, { project: 'p' })
      const s = await importFile(fc, fixture, { project: 'p', mapping: { params: 'model_cfg.size' }, replace: true })
      expect(s.replacedImportId).toBe(1)
      expect(fc.scalingPoints({ projectId: fc.getProject('p')!.id })).toHaveLength(24)
    } finally {
      fc.close()
    }
  })
})
