import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../../src/cli/args'
import { RUNS_SET_VALUES, runsSetPatch } from '../../../src/cli/commands/runs-set'

const patch = (argv: string[]): ReturnType<typeof runsSetPatch> => runsSetPatch(parseArgs(['set', 'r', ...argv], { values: ['catalog', 'project', ...RUNS_SET_VALUES], switches: ['json'] }))

describe('runs set options', () => {
  it('read counts with the import unit parser', () => {
    expect(patch(['--params', '1.4B', '--tokens', '300B', '--flops', '5.76e23', '--active-params', '70M', '--nonembedding-params', '1,200,000'])).toEqual({
      params: 1.4e9,
      tokens: 3e11,
      flops: 5.76e23,
      activeParams: 7e7,
      nonembeddingParams: 1.2e6,
    })
    expect(patch(['--flops', '3.1e8 PF-days']).flops).toBeCloseTo(3.1e8 * 8.64e19, -20)
  })

  it('read family, tags and experts; an empty family clears it', () => {
    expect(patch(['--family', ' Pythia ', '--tags', 'a, b', '--experts', '8'])).toEqual({ family: 'Pythia', tags: ['a', 'b'], experts: 8 })
    expect(patch(['--family', ''])).toEqual({ family: null })
  })

  it('clear fields with --clear, refusing an unknown field and a field both set and cleared', () => {
    expect(patch(['--clear', 'params, flops,family'])).toEqual({ params: null, flops: null, family: null })
    expect(patch(['--tokens', '300B', '--clear', 'experts'])).toEqual({ tokens: 3e11, experts: null })
    expect(() => patch(['--clear', 'tags'])).toThrow(/--clear "tags": not a field that can be cleared; .*\(tags: --tags ""\)/)
    expect(() => patch(['--params', '1B', '--clear', 'params'])).toThrow(/--clear params and --params both given/)
  })

  it('refuse what cannot be stored, saying which option and why', () => {
    expect(() => patch(['--params', '0'])).toThrow(/--params "0" must be a positive number/)
    expect(() => patch(['--flops', 'NaN'])).toThrow(/--flops "NaN" must be a positive number/)
    expect(() => patch(['--experts', '0'])).toThrow(/--experts "0" must be a whole number from 1/)
    expect(() => patch(['--family', 'x'.repeat(201)])).toThrow(/--family must be at most 200 characters/)
    expect(() => patch(['--tags', 'y'.repeat(101)])).toThrow(/longer than 100 characters/)
    expect(() => patch([])).toThrow(/runs set needs at least one of/)
  })
})
