/**
 * scaling-lab atlas list / open / reproduce as a user runs them, on the shipped resources/atlas: the JSON shapes of
 * issue 12, the paper numbers each claim cites (Muennighoff et al. 2023 notebook outputs; Bhagia et al. 2024 "about
 * 1%"), opening twice, the read-only refusal through `runs set`, and bad names.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from './run-cli'

let dir = ''
let catalog = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'))
  catalog = join(dir, 'lab.sqlite')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Claim {
  claim: string
  paper_value: number
  lab_value: number
  unit: string
  agrees: boolean
}

describe('scaling-lab atlas', () => {
  it('list --json gives the five entries with name, paper, licence and runs', async () => {
    const r = await runCliInProcess(['atlas', 'list', '--catalog', catalog, '--json'])
    expect(r.code).toBe(0)
    const { atlas } = r.json as { atlas: { name: string; paper: string; licence: string; runs: number }[] }
    expect(atlas.map((e) => e.name)).toEqual(['olmo-ladder', 'routing', 'datablations', 'obsscaling', 'pythia'])
    for (const e of atlas) {
      expect(e.paper).toMatch(/20\d\d/)
      expect(e.licence).toMatch(/Apache-2.0|CC-BY/)
      expect(e.runs).toBeGreaterThan(0)
    }
  })

  it('reproduce olmo-ladder --json: the ladder costs about 1% of the targets', async () => {
    const r = await runCliInProcess(['atlas', 'reproduce', 'olmo-ladder', '--json'])
    expect(r.code).toBe(0)
    const out = r.json as { name: string; claims: Claim[] }
    expect(out.name).toBe('olmo-ladder')
    expect(Object.keys(out.claims[0])).toEqual(expect.arrayContaining(['claim', 'paper_value', 'lab_value', 'unit', 'agrees']))
    expect(out.claims[0]).toMatchObject({ paper_value: 1, unit: '%', agrees: true })
    expect(out.claims[0].lab_value).toBeCloseTo(1.072, 3)
  })

  it('reproduce datablations prints each claim with its paper and lab value', async () => {
    const r = await runCliInProcess(['atlas', 'reproduce', 'datablations'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/agrees\s+R_D\*.*\n\s+paper 15\.388\s+lab 15\.37/)
    expect(r.stdout).toMatch(/note: A wider start grid/)
  })

  it('open imports a read-only project, says so the second time, and runs set is refused in it', async () => {
    const first = await runCliInProcess(['atlas', 'open', 'olmo-ladder', '--catalog', catalog, '--json'])
    expect(first.code).toBe(0)
    expect(first.json).toMatchObject({ name: 'olmo-ladder', project: 'Atlas: OLMo model ladder', already_open: false })
    const again = await runCliInProcess(['atlas', 'open', 'olmo-ladder', '--catalog', catalog])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/already open as the project "Atlas: OLMo model ladder"/)
    const edit = await runCliInProcess(['runs', 'set', '190M-1xC', '--params', '1B', '--project', 'Atlas: OLMo model ladder', '--catalog', catalog])
    expect(edit.code).not.toBe(0)
    expect(edit.stderr).toMatch(/atlas data set olmo-ladder; it is read-only: its runs cannot be edited/)
    const add = await runCliInProcess(['import', join(dir, '..', 'nowhere.csv'), '--project', 'Atlas: OLMo model ladder', '--catalog', catalog])
    expect(add.code).not.toBe(0)
    expect(add.stderr).toMatch(/read-only/)
    const list = await runCliInProcess(['atlas', 'list', '--catalog', catalog, '--json'])
    const entry = (list.json as { atlas: { name: string; project: string | null }[] }).atlas.find((e) => e.name === 'olmo-ladder')
    expect(entry?.project).toBe('Atlas: OLMo model ladder')
  })

  it('refuses an unknown entry and a missing subcommand with the list of names', async () => {
    const bad = await runCliInProcess(['atlas', 'reproduce', 'chinchilla'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/no atlas entry "chinchilla".*olmo-ladder, routing, datablations, obsscaling, pythia/s)
    const none = await runCliInProcess(['atlas'])
    expect(none.code).not.toBe(0)
    expect(none.stderr).toMatch(/atlas list, atlas open NAME or atlas reproduce NAME/)
  })
})
