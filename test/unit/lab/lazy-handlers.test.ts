/**
 * The lab loads a group of handlers, and the libraries behind it, on the first call of one of its channels
 * (src/core/lab/handler-groups.ts): opening a lab and reading the catalog never loads TensorFlow.js, ECharts,
 * USearch, PDFKit or resvg. Each case runs in a child process that records every module it loads.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { GROUP_OF, HANDLER_GROUPS } from '../../../src/core/lab/handler-groups'
import { CHANNEL_NAMES } from '../../../src/shared/api'
import { loadedModules, type LoadedModules } from '../loaded-modules'

const HEAVY = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'echarts', 'usearch', 'pdfkit', '@resvg/resvg-js']
const T = 120_000

function probe(calls: [string, unknown][]): LoadedModules & { answers: { result?: unknown; error?: string }[] } {
  const run = loadedModules([join(__dirname, 'lazy-lab-probe.ts'), JSON.stringify(calls)])
  expect(run.status, run.stderr).toBe(0)
  return { ...run, answers: JSON.parse(run.stdout) as { result?: unknown; error?: string }[] }
}

const handlerFiles = (m: LoadedModules): string[] => [...m.sources].filter((s) => /^src\/core\/lab\/.*-handlers\.ts$/.test(s)).sort()

describe('lazy handler groups', () => {
  it('a catalog call loads the catalog group only: no TensorFlow.js, ECharts, USearch, PDFKit or resvg', () => {
    const m = probe([
      ['createProject', { name: 'p' }],
      ['listProjects', {}],
      ['listRuns', { projectId: 1 }],
      ['counts', {}],
    ])
    expect(m.answers.map((a) => a.error)).toEqual([undefined, undefined, undefined, undefined])
    expect((m.answers[1].result as { name: string }[]).map((p) => p.name)).toEqual(['p'])
    // the probe sees what it should: the catalog's database and the catalog handlers
    expect(m.packages).toContain('better-sqlite3')
    expect(handlerFiles(m)).toEqual(['src/core/lab/catalog-handlers.ts'])
    for (const name of HEAVY) expect(m.packages, name).not.toContain(name)
    expect([...m.sources].filter((s) => /^src\/core\/(fit|knnlm|figures|corpus)\//.test(s))).toEqual([])
  }, T)

  it('the first call of a domain channel loads its group and answers', () => {
    const m = probe([['listPresets', {}]])
    expect(m.answers[0].error).toBeUndefined()
    const presets = m.answers[0].result as { id: string }[]
    expect(presets.map((p) => p.id)).toContain('chinchilla')
    expect(handlerFiles(m)).toEqual(['src/core/lab/fit-handlers.ts'])
    for (const name of HEAVY) expect(m.packages, name).not.toContain(name)
  }, T)

  it('listing kNN-LM models loads the kNN-LM group without TensorFlow.js or USearch', () => {
    const m = probe([['listKnnLmModels', {}]])
    expect(m.answers[0]).toEqual({ result: [] })
    expect(handlerFiles(m)).toContain('src/core/lab/knnlm-handlers.ts')
    for (const name of HEAVY) expect(m.packages, name).not.toContain(name)
  }, T)

  it('validates the payload with the channel schema before loading the group', () => {
    const m = probe([['startFit', { projectId: 'one' }]])
    expect(m.answers[0].error).toBe('bad-request')
    expect(handlerFiles(m)).toEqual([])
  }, T)
})

describe('the table of handler groups', () => {
  let lab: Lab
  beforeAll(async () => {
    lab = await createLab({ catalogPath: ':memory:', host: 'web', seedDemo: false })
  })
  afterAll(() => lab?.close())

  it('gives every channel of the contract exactly one group, and lab.handlers a function for each', () => {
    expect([...GROUP_OF.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
    expect(HANDLER_GROUPS.reduce((n, g) => n + g.channels.length, 0)).toBe(CHANNEL_NAMES.length)
    for (const name of CHANNEL_NAMES) expect(typeof lab.handlers[name], name).toBe('function')
  })

  it('each group, once loaded, answers exactly its channels', async () => {
    for (const g of HANDLER_GROUPS) {
      const factory = await g.load()
      expect(Object.keys(factory(lab.context)).sort(), g.name).toEqual([...g.channels].sort())
    }
  }, T)

  it('lab.handlers runs the handler of its group (requests already parsed)', async () => {
    const project = await lab.handlers.createProject({ name: 'direct' })
    expect((await lab.handlers.listProjects({})).map((p) => p.id)).toContain(project.id)
  })
})
