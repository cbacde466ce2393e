/** Every atlas claim, reproduced from the shipped files against the number it cites. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { reproduceAtlas } from '../../../src/core/atlas/claims'

const ATLAS = join(__dirname, '..', '..', '..', 'resources', 'atlas')
type Name = Parameters<typeof reproduceAtlas>[0]
const done = new Map<Name, ReturnType<typeof reproduceAtlas>>()
const reproduce = (name: Name) => done.get(name) ?? done.set(name, reproduceAtlas(name, join(ATLAS, name))).get(name)!
const claim = (name: Name, text: string) => {
  const c = reproduce(name).claims.find((x) => x.claim.startsWith(text))
  if (!c) throw new Error(`no claim ${text}`)
  return c
}

describe('atlas claims', () => {
  it('olmo-ladder: the 16 fitting runs cost 1.07% of the 7B-4T + 13B-5T targets (paper: about 1%)', () => {
    const c = claim('olmo-ladder', 'Ladder compute (16 fitting runs)')
    expect(c.lab_value).toBeCloseTo(1.0724, 3) // SOURCE.md: 6.99e21 / (1.95e23 + 4.57e23) = 1.07%
    expect(c).toMatchObject({ paper_value: 1, unit: '%', agrees: true })
  })
  it('datablations: R_D*, R_N* and R^2 agree with the notebook outputs', () => {
    for (const t of ['R_D*', 'R_N*', "R^2 of the law with the paper's", "R^2 of the law with the lab's"]) expect(claim('datablations', t).agrees).toBe(true)
    expect(claim('datablations', 'R_D*').paper_value).toBe(15.387756)
  })
  it('routing: the Dense slope agrees exactly; the lab fit of each router is at least as close to the data as check_fit.csv', () => {
    expect(claim('routing', 'Dense: slope').lab_value).toBeCloseTo(-0.0785101, 6)
    for (const r of ['S-Base', 'RL-R', 'Hash']) expect(claim('routing', `${r}: mean squared residual`).agrees).toBe(true)
    // Hash is the least determined router (SOURCE.md): the lab's lower-residual fit has b -0.138 against -0.172
    expect(claim('routing', 'Hash: b').agrees).toBe(false)
  })
  it('obsscaling: PC1-3 shares agree with pca_check.csv to its 4 decimals', () => {
    for (const t of ['PC1 variance', 'PC2 variance', 'PC3 variance', 'PC1-3 variance']) expect(claim('obsscaling', t).agrees).toBe(true)
  })
  it('pythia: no claim, and says why', () => {
    const r = reproduceAtlas('pythia', join(ATLAS, '..', 'demo'))
    expect(r.claims).toEqual([])
    expect(r.notes[0]).toMatch(/No headline number/)
  })
  it('every claim states its tolerance and source', () => {
    for (const n of ['olmo-ladder', 'datablations', 'routing', 'obsscaling'] as const) {
      for (const c of reproduce(n).claims) {
        expect(c.tolerance.length).toBeGreaterThan(10)
        expect(c.source.length).toBeGreaterThan(10)
        expect(Number.isFinite(c.lab_value)).toBe(true)
      }
    }
  })
})
