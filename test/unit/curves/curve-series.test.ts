/**
 * curveSeries through the lab on a catalog file, so the points are read in curves-read worker threads: the real OLMo
 * ladder seeds (190M-1xC and 190M-1xC-rerun) grouped over seed against numpy's band, sampling per zoom level,
 * points a log axis drops, wall time from a `_runtime` column, and every run without the metric said.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { importFile } from '../../../src/core/ingest/import-file'
import type { CurveChart, RequestOf } from '../../../src/shared/api'

const ref = JSON.parse(readFileSync(new URL('../../fixtures/curves/curves-reference.json', import.meta.url), 'utf8')) as {
  seedBand: { x: number[]; mean: number[]; stdLo: number[]; stdHi: number[] }
}

let lab: Lab
let dir = ''
const ids = new Map<string, number>()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'curve-series-'))
  copyFileSync(new URL('../../fixtures/curves/olmo-190m-seeds.csv', import.meta.url), join(dir, 'olmo.csv'))
  const rows = ['run,step,loss,_runtime']
  for (let s = 0; s <= 3000; s++) rows.push(`spiky,${s},${s === 2100 ? 9 : 3 + 1 / (s + 1)},${s * 0.5 + 10}`)
  for (let s = 0; s <= 20; s++) rows.push(`short,${s},${2 - s / 100},${s}`)
  writeFileSync(join(dir, 'synthetic.csv'), rows.join('\n') + '\n')
  lab = await createLab({ catalogPath: join(dir, 'catalog.sqlite'), host: 'web', seedDemo: false })
  await importFile(lab.context.catalog, join(dir, 'olmo.csv'), { project: 'olmo' })
  await importFile(lab.context.catalog, join(dir, 'synthetic.csv'), { project: 'synthetic' })
  for (const p of ['olmo', 'synthetic']) for (const r of lab.context.catalog.listRuns({ projectId: lab.context.catalog.getProject(p)!.id })) ids.set(r.name, r.id)
}, 60_000)

afterAll(() => {
  lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

const id = (name: string): number => ids.get(name) as number
const curves = (req: RequestOf<'curveSeries'>): Promise<CurveChart> => lab.invoke('curveSeries', req) as Promise<CurveChart>

describe('curveSeries', () => {
  it('groups the OLMo 190M-1xC seeds into one mean line with numpy\'s std band; the 2xC run is a group of one, said', async () => {
    const chart = await curves({ runIds: ['190M-1xC', '190M-1xC-rerun', '190M-2xC'].map(id), metrics: ['ce_c4_en'], x: 'tokens', groupBy: 'seed', band: 'std' })
    const [seeds, single] = chart.panels[0].lines
    expect(seeds.label).toBe('190M-1xC (seeds)')
    expect(seeds.runIds).toEqual([id('190M-1xC'), id('190M-1xC-rerun')])
    expect(seeds.x).toEqual(ref.seedBand.x)
    seeds.y.forEach((v, i) => expect(v).toBeCloseTo(ref.seedBand.mean[i], 12))
    seeds.lo!.forEach((v, i) => expect(v).toBeCloseTo(ref.seedBand.stdLo[i], 12))
    seeds.hi!.forEach((v, i) => expect(v).toBeCloseTo(ref.seedBand.stdHi[i], 12))
    expect(seeds.sampled).toBe(false)
    expect(single).toMatchObject({ label: '190M-2xC (seeds)', runIds: [id('190M-2xC')] })
    expect(single.lo).toBeUndefined()
    expect(chart.warnings).toContain('Group 190M-2xC (seeds) has one run (190M-2xC); it is drawn as that run, without a band.')
    const tokens = readFileSync(join(dir, 'olmo.csv'), 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]))
    expect(chart.xExtent).toEqual([Math.min(...tokens), Math.max(...tokens)])
  }, 60_000)

  it('samples min-max per pixel column, keeps the spike, and returns detail inside a zoom window', async () => {
    const whole = await curves({ runIds: [id('spiky')], metrics: ['loss'], x: 'step', pixels: 100 })
    const line = whole.panels[0].lines[0]
    expect(line).toMatchObject({ key: `run:${id('spiky')}`, rawPoints: 3001, sampled: true })
    expect(line.x.length).toBeLessThanOrEqual(400)
    expect(line.y).toContain(9)
    expect(whole.xExtent).toEqual([0, 3000])
    const zoom = await curves({ runIds: [id('spiky')], metrics: ['loss'], x: 'step', pixels: 100, window: [2000, 2150] })
    const z = zoom.panels[0].lines[0]
    expect(z.x.slice(1, -1)).toEqual(Array.from({ length: 151 }, (_, i) => 2000 + i))
    expect([z.x[0], z.x[z.x.length - 1]]).toEqual([1999, 2151])
    // only the window and one point either side were read
    expect(z).toMatchObject({ rawPoints: 153, sampled: false })
    expect(zoom.xExtent).toEqual([0, 3000])
  }, 60_000)

  it('drops step 0 on a log x axis and says so; draws against wall time; says which runs lack the metric', async () => {
    const chart = await curves({ runIds: [id('spiky'), id('short'), id('190M-1xC')], metrics: ['loss'], x: 'step', logX: true })
    expect(chart.panels[0].lines.map((l) => l.label)).toEqual(['spiky', 'short'])
    expect(chart.warnings).toContain('Run spiky: 1 points of loss at step <= 0 dropped (log x axis).')
    expect(chart.warnings).toContain('Run 190M-1xC: no loss series over step; not drawn.')
    const wall = await curves({ runIds: [id('short'), id('190M-1xC')], metrics: ['loss'], x: 'wall_time' })
    expect(wall.panels[0].lines[0].x).toEqual(Array.from({ length: 21 }, (_, i) => i))
    expect(wall.warnings).toContain('Run 190M-1xC: no loss series; not drawn.')
  }, 60_000)

  it('draws a metric against another metric of the same steps, and groups by family with runs without one together', async () => {
    const chart = await curves({ runIds: [id('spiky'), id('short')], metrics: ['loss'], x: 'metric:wall_time', groupBy: 'family', band: 'minmax' })
    const [g] = chart.panels[0].lines
    expect(g).toMatchObject({ key: 'group:(no family)', runIds: [id('spiky'), id('short')] })
    // spiky's wall time starts at 10 s, short's ends at 20 s: the mean covers only 10..20, said
    expect(g.x[0]).toBe(10)
    expect(g.x[g.x.length - 1]).toBe(20)
    expect(chart.warnings.some((w) => w.startsWith('Group (no family) (loss): the mean and band cover only the x all its runs reach, 10 to 20'))).toBe(true)
  }, 60_000)

  it('saves a view through the lab, reopens it with its settings, replaces it by name and deletes it', async () => {
    const projectId = lab.context.catalog.getProject('olmo')!.id
    const settings = { metrics: ['ce_c4_en'], x: 'tokens', logX: true, logY: false, smoothing: 0.6, groupBy: 'seed', band: 'std' }
    const saved = (await lab.invoke('saveView', { projectId, name: 'OLMo seeds', runIds: [id('190M-1xC'), id('190M-1xC-rerun')], settings })) as { id: number }
    expect(await lab.invoke('getView', { viewId: saved.id })).toMatchObject({ name: 'OLMo seeds', runIds: [id('190M-1xC'), id('190M-1xC-rerun')], settings })
    await lab.invoke('saveView', { projectId, name: 'OLMo seeds', runIds: [id('190M-2xC')], settings: { ...settings, band: 'minmax' } })
    expect(await lab.invoke('listViews', { projectId })).toMatchObject([{ id: saved.id, runIds: [id('190M-2xC')], settings: { band: 'minmax' } }])
    await expect(lab.invoke('saveView', { projectId, name: 'bad', runIds: [id('spiky')], settings })).rejects.toThrow(/not in this project/)
    expect(await lab.invoke('deleteView', { viewId: saved.id })).toEqual({ deleted: true })
    expect(await lab.invoke('listViews', { projectId })).toEqual([])
  })
})
