import { describe, expect, it } from 'vitest'
import { LabError } from '../../../src/shared/errors'
import { filterColumns, matchesFilter, parseFilter, type FilterRef, type RefValue } from '../../../src/shared/run-filter'

interface Row {
  name: string
  family: string | null
  params: number | null
  tags: string[]
  hidden: boolean
  cols: Record<string, number | null>
}

const rows: Row[] = [
  { name: 'pythia-70m', family: 'Pythia', params: 70426624, tags: ['seed1'], hidden: false, cols: { 'loss:last': 3.5 } },
  { name: 'pythia-1.4b', family: 'Pythia', params: 1414647808, tags: [], hidden: false, cols: { 'loss:last': 2.1 } },
  { name: 'chinchilla', family: 'Chinchilla', params: 70e9, tags: ['paper'], hidden: true, cols: { 'loss:last': null } },
  { name: 'mystery', family: null, params: null, tags: [], hidden: false, cols: {} },
]

function read(r: Row) {
  return (ref: FilterRef): RefValue => (ref.kind === 'column' ? (r.cols[ref.spec.key] ?? null) : ref.field === 'name' || ref.field === 'family' || ref.field === 'params' || ref.field === 'tags' || ref.field === 'hidden' ? r[ref.field] : null)
}

const names = (expr: string): string[] => {
  const node = parseFilter(expr)
  return rows.filter((r) => matchesFilter(node, read(r))).map((r) => r.name)
}

function refusal(expr: string): LabError {
  try {
    parseFilter(expr)
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error(`${expr} was accepted`)
}

describe('filter expressions', () => {
  it('compares numbers with units and text without regard to case', () => {
    expect(names('params > 1e8 and family = Pythia')).toEqual(['pythia-1.4b'])
    expect(names('params >= 1.4B')).toEqual(['pythia-1.4b', 'chinchilla'])
    expect(names('params < 70.5M')).toEqual(['pythia-70m'])
    expect(names("family != 'pythia'")).toEqual(['chinchilla'])
    expect(names('name contains "70M"')).toEqual(['pythia-70m'])
  })

  it('binds and tighter than or, honours parentheses and not', () => {
    expect(names('family = Chinchilla or family = Pythia and params < 1e8')).toEqual(['pythia-70m', 'chinchilla'])
    expect(names('(family = Chinchilla or family = Pythia) and params < 1e8')).toEqual(['pythia-70m'])
    expect(names('not family = Pythia')).toEqual(['chinchilla', 'mystery'])
    expect(names('not (params > 1e8)')).toEqual(['pythia-70m', 'mystery'])
  })

  it('reads tags as a list, booleans, and metric columns', () => {
    expect(names('tags = paper')).toEqual(['chinchilla'])
    expect(names('tags contains seed')).toEqual(['pythia-70m'])
    expect(names('hidden = true')).toEqual(['chinchilla'])
    expect(names('loss:last < 3')).toEqual(['pythia-1.4b'])
    expect(names('params>1e8 AND family=pythia')).toEqual(['pythia-1.4b'])
    expect(filterColumns(parseFilter('val_loss:at=1e9<3')).map((s) => s.key)).toEqual(['val_loss:at=1e9'])
    expect(filterColumns(parseFilter('loss:last < 3 or not val_loss:at=1e9 > 2')).map((s) => s.key)).toEqual(['loss:last', 'val_loss:at=1e9'])
  })

  it('lets a run without the value match no comparison on it', () => {
    expect(names('params > 0')).not.toContain('mystery')
    expect(names('family != Pythia')).toEqual(['chinchilla'])
    expect(names('loss:last >= 0')).toEqual(['pythia-70m', 'pythia-1.4b'])
  })

  it('refuses a bad expression with the character position and what was expected', () => {
    expect(refusal('params >')).toMatchObject({ code: 'bad-filter', column: 9 })
    expect(refusal('params >').message).toContain('expected a number after "params"')
    expect(refusal('parms > 1')).toMatchObject({ column: 1 })
    expect(refusal('parms > 1').message).toContain('unknown field "parms"')
    expect(refusal('params > 1e8 and (family = Pythia')).toMatchObject({ column: 34 })
    expect(refusal('params > 1e8 and (family = Pythia').message).toContain('expected ")" to close the "(" at column 18')
    expect(refusal('family < Pythia').message).toContain('use =, !=, contains, not <')
    expect(refusal('params > big').message).toContain('expected a number')
    expect(refusal('params > 1e8 family = x')).toMatchObject({ column: 14 })
    expect(refusal('name = "open')).toMatchObject({ column: 8 })
    expect(refusal('params > 1e8 & x')).toMatchObject({ column: 14 })
    expect(refusal('loss:mean < 3')).toMatchObject({ code: 'bad-column', column: 6 })
    expect(refusal('   ').message).toContain('empty')
    expect(refusal('params 5').message).toContain('expected a comparison')
  })
})
