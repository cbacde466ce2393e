/** Min-max sampling per pixel column against the independent numpy reference (scripts/reference/curves-band.py). */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { minMaxSample } from '../../../src/core/curves/minmax-sample'

interface Case {
  name: string
  x: number[]
  y: number[]
  lo: number
  hi: number
  columns: number
  log: boolean
  keep: number[]
}
const ref = JSON.parse(readFileSync(new URL('../../fixtures/curves/curves-reference.json', import.meta.url), 'utf8')) as { sampling: Case[] }

describe('min-max sampling per pixel column', () => {
  for (const c of ref.sampling) {
    it(`keeps the reference's points: ${c.name}`, () => {
      expect(minMaxSample(c.x, c.y, { lo: c.lo, hi: c.hi, columns: c.columns, log: c.log })).toEqual(c.keep)
    })
  }

  it('keeps the spikes and at most four points a column (plus the two neighbours of the window)', () => {
    const c = ref.sampling.find((s) => s.name === 'linear-whole') as Case
    const keep = minMaxSample(c.x, c.y, { lo: c.lo, hi: c.hi, columns: c.columns, log: false })
    expect(keep).toContain(1234)
    expect(keep).toContain(777)
    expect(keep.length).toBeLessThanOrEqual(4 * c.columns)
  })

  it('returns every point inside a window narrow enough, with one neighbour on each side', () => {
    const x = [1, 2, 3, 4, 5, 6]
    expect(minMaxSample(x, [6, 5, 4, 3, 2, 1], { lo: 2.5, hi: 4.5, columns: 100, log: false })).toEqual([1, 2, 3, 4])
  })
})
