import { describe, expect, it } from 'vitest'
import { listOption, mappingOption, numberOption, option, parseArgs } from '../../../src/cli/args'

const spec = { values: ['catalog', 'map', 'runs', 'bootstrap'], switches: ['json'] }

describe('parseArgs', () => {
  it('takes positionals, values in both spellings, repeats and switches', () => {
    const a = parseArgs(['a.csv', '--catalog', 'x.sqlite', '--map=params=Model Size', '--map', 'flops=Training FLOP', 'b.csv', '--json'], spec)
    expect(a.positionals).toEqual(['a.csv', 'b.csv'])
    expect(option(a, 'catalog')).toBe('x.sqlite')
    expect(mappingOption(a)).toEqual({ params: 'Model Size', flops: 'Training FLOP' })
    expect(a.switches.has('json')).toBe(true)
  })

  it('refuses unknown options and missing values with a usage error', () => {
    expect(() => parseArgs(['--nope'], spec)).toThrow(/unknown option --nope/)
    expect(() => parseArgs(['--catalog'], spec)).toThrow(/needs a value/)
    expect(() => parseArgs(['--json=1'], spec)).toThrow(/takes no value/)
  })

  it('checks numbers and mappings', () => {
    expect(numberOption(parseArgs(['--bootstrap', '100'], spec), 'bootstrap')).toBe(100)
    expect(() => numberOption(parseArgs(['--bootstrap', 'many'], spec), 'bootstrap')).toThrow(/not a valid number/)
    expect(() => mappingOption(parseArgs(['--map', 'params'], spec))).toThrow(/field=column/)
    expect(listOption(parseArgs(['--runs', 'a,b', '--runs', 'c'], spec), 'runs')).toEqual(['a', 'b', 'c'])
  })
})
