/** Per-option prediction files (one row per item and option): what is refused, and where. */
import { writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile } from '../../../src/core/ingest'
import { labErrorOf, tempDir } from './helpers'

const tmp = tempDir('options-')
afterAll(() => tmp.remove())

let c: Catalog
beforeEach(() => {
  c = new Catalog(':memory:')
})
afterEach(() => c.close())

const head = 'model,params,task,item,option,probability'
async function importText(name: string, text: string) {
  writeFileSync(tmp.path(name), text)
  return importFile(c, tmp.path(name), { project: 'p', fileName: name })
}

describe('per-option prediction files', () => {
  it('reads a gold column that names the option', async () => {
    const s = await importText('gold.csv', `${head},gold\nm,1e9,t,q1,A,0.2,C\nm,1e9,t,q1,B,0.3,C\nm,1e9,t,q1,C,0.5,C\nm,1e9,t,q2,A,0.6,B\nm,1e9,t,q2,B,0.4,B\n`)
    expect(s.predictions).toBe(2)
    const p = c.listPredictions({ projectId: c.getProject('p')!.id })
    expect(p.map((x) => [x.item, x.probability, x.confidence, x.correct])).toEqual([
      ['q1', 0.5, 0.5, true],
      ['q2', 0.4, 0.6, false],
    ])
  })

  it('refuses probabilities that do not sum to 1 over an item, at the item\'s first row', async () => {
    const e = await labErrorOf(() => importText('sum.csv', `${head},is_gold\nm,1e9,t,q1,A,0.2,0\nm,1e9,t,q1,B,0.3,1\n`))
    expect(e.message).toMatch(/option probabilities of item "q1" of task "t" sum to 0\.5, not 1/)
    expect([e.file, e.line, e.column]).toEqual(['sum.csv', 2, 14])
    expect(c.counts().predictions).toBe(0)
  })

  it('refuses two gold options, an unknown gold label, a repeated option and a file without gold', async () => {
    const two = await labErrorOf(() => importText('two.csv', `${head},is_gold\nm,1e9,t,q1,A,0.5,1\nm,1e9,t,q1,B,0.5,1\n`))
    expect(two.message).toMatch(/has 2 options marked gold; exactly one must be/)
    const unknown = await labErrorOf(() => importText('unknown.csv', `${head},gold\nm,1e9,t,q1,A,0.5,E\nm,1e9,t,q1,B,0.5,E\n`))
    expect(unknown.message).toMatch(/gold option "E" of item "q1" of task "t" is not one of its options \(A, B\)/)
    const repeated = await labErrorOf(() => importText('rep.csv', `${head},is_gold\nm,1e9,t,q1,A,0.5,1\nm,1e9,t,q1,A,0.5,0\n`))
    expect([repeated.line, repeated.message]).toEqual([3, 'Option "A" of item "q1" (model "m", task "t") appears twice.'])
    const none = await labErrorOf(() => importText('none.csv', `${head}\nm,1e9,t,q1,A,0.5\nm,1e9,t,q1,B,0.5\n`))
    expect(none.message).toMatch(/needs the gold option/)
    expect(c.counts().predictions).toBe(0)
  })
})
