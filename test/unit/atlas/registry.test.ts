/** The atlas registry, opening an entry through the importer, and the read-only guard. */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openAtlas } from '../../../src/core/atlas/open'
import { countAtlasRuns, readAtlasRegistry } from '../../../src/core/atlas/registry'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'

const RESOURCES = join(__dirname, '..', '..', '..', 'resources')

describe('atlas registry', () => {
  it('lists the five entries with paper, licence and the runs of their shipped files', () => {
    const entries = readAtlasRegistry(RESOURCES)
    expect(entries.map((e) => e.name)).toEqual(['olmo-ladder', 'routing', 'datablations', 'obsscaling', 'pythia'])
    const runs = Object.fromEntries(entries.map((e) => [e.name, countAtlasRuns(RESOURCES, e)]))
    // 25 ladder runs + 2 targets; 223 routing runs; 182 fit runs; 148 base models; 15 Pythia models
    expect(runs).toMatchObject({ routing: 223, datablations: 182, obsscaling: 148, pythia: 15 })
    expect(runs['olmo-ladder']).toBeGreaterThanOrEqual(27)
    for (const e of entries) expect(e.licence).toMatch(/Apache-2.0|CC-BY/)
  })
})

describe('atlas open', () => {
  let c: Catalog
  beforeEach(() => (c = new Catalog(':memory:')))
  afterEach(() => c.close())

  it('imports the data set as a project with its loss metric, says so when opened twice, and refuses run edits', async () => {
    const first = await openAtlas(c, RESOURCES, 'datablations')
    expect(first).toMatchObject({ project: 'Atlas: Data-constrained scaling', runs: 182, already_open: false })
    expect(c.lossMetric(first.projectId).metric).toBe('loss_c4')
    const again = await openAtlas(c, RESOURCES, 'datablations')
    expect(again.already_open).toBe(true)
    expect(again.warnings[0]).toMatch(/already open/)
    expect(c.listRuns({ projectId: first.projectId })).toHaveLength(182)
    const run = c.listRuns({ projectId: first.projectId })[0]
    expect(() => c.updateRun(run.id, { params: 1 })).toThrow(/atlas data set datablations.*cannot be edited/)
    expect(() => c.deleteRuns([run.id])).toThrow(/read-only: its runs cannot be edited, deleted or added to/)
    await expect(importFile(c, join(RESOURCES, 'atlas', 'olmo-ladder', 'runs.csv'), { project: first.project })).rejects.toThrow(/read-only/)
    expect(c.listRuns({ projectId: first.projectId })).toHaveLength(182)
  })
  it('refuses to take over a project of the user that has the atlas name', async () => {
    c.ensureProject('Atlas: Routed language models')
    await expect(openAtlas(c, RESOURCES, 'routing')).rejects.toThrow(/project of your own/)
  })
  it('refuses an unknown name with the list of names', async () => {
    await expect(openAtlas(c, RESOURCES, 'chinchilla')).rejects.toThrow(/no atlas entry/)
  })
})
