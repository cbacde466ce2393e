/**
 * A seed group's mean and band on the real OLMo ladder runs 190M-1xC and its second seed 190M-1xC-rerun (C4
 * cross-entropy against tokens; the two log at different checkpoints), against numpy.interp / mean / std(ddof=1)
 * in scripts/reference/curves-band.py.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bandAt, interpolateAt, overlapOf, unionGrid, type Curve } from '../../../src/core/curves/group-band'

const ref = JSON.parse(readFileSync(new URL('../../fixtures/curves/curves-reference.json', import.meta.url), 'utf8')) as {
  seedBand: { overlap: [number, number]; x: number[]; mean: number[]; stdLo: number[]; stdHi: number[]; min: number[]; max: number[] }
}

function olmoRuns(): Record<string, Curve> {
  const lines = readFileSync(new URL('../../fixtures/curves/olmo-190m-seeds.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
  const out: Record<string, { x: number[]; y: number[] }> = {}
  for (const l of lines) {
    const [run, t, v] = l.split(',')
    ;(out[run] ??= { x: [], y: [] }).x.push(Number(t))
    out[run].y.push(Number(v))
  }
  return out
}

const close = (got: number[], want: number[]): void => {
  expect(got.length).toBe(want.length)
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12))
}

describe('group mean and band on a common grid', () => {
  const runs = olmoRuns()
  const seeds = [runs['190M-1xC'], runs['190M-1xC-rerun']]

  it('the grid is the union of both seeds x inside their overlap', () => {
    expect(seeds[0].x.length).not.toBe(seeds[1].x.length)
    const overlap = overlapOf(seeds)
    expect(overlap).toEqual(ref.seedBand.overlap)
    expect(unionGrid(seeds.map((s) => s.x), ...overlap!)).toEqual(ref.seedBand.x)
  })

  it('mean +- one sample standard deviation matches numpy', () => {
    const b = bandAt(seeds, ref.seedBand.x, 'std')
    close(b.y, ref.seedBand.mean)
    close(b.lo, ref.seedBand.stdLo)
    close(b.hi, ref.seedBand.stdHi)
  })

  it('min-max band matches numpy', () => {
    const b = bandAt(seeds, ref.seedBand.x, 'minmax')
    close(b.y, ref.seedBand.mean)
    close(b.lo, ref.seedBand.min)
    close(b.hi, ref.seedBand.max)
  })

  it('interpolates linearly between points and exactly at them', () => {
    expect(interpolateAt({ x: [0, 10, 20], y: [1, 3, 2] }, [0, 5, 10, 15, 20])).toEqual([1, 2, 3, 2.5, 2])
  })

  it('finds no overlap when a run ends before another starts', () => {
    expect(overlapOf([{ x: [1, 2], y: [1, 1] }, { x: [3, 4], y: [1, 1] }])).toBeNull()
  })
})
