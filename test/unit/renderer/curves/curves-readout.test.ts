// The Curves read-out lists every line's value at the pointer's x, also when each line was sampled to its own
// points (ECharts' axis tooltip would list only the lines whose nearest point is the nearest of all).
import { describe, expect, it } from 'vitest'
import { curvesReadout, MAX_ROWS, nearestIndex, valueAt, type ReadoutLine } from '../../../../src/renderer/curves/curves-readout'

const line = (name: string, x: number[], y: (number | null)[]): ReadoutLine => ({ name, color: '#123456', x, y })
const names = (html: string): string[] => [...html.matchAll(/<\/span>([^:<]+):/g)].map((m) => m[1])

describe('nearestIndex and valueAt', () => {
  it('finds the nearest point of ascending x, ties to the left, nothing outside the points', () => {
    const xs = [1, 2, 4, 8]
    expect([nearestIndex(xs, 1), nearestIndex(xs, 2.9), nearestIndex(xs, 3), nearestIndex(xs, 3.1), nearestIndex(xs, 8)]).toEqual([0, 1, 1, 2, 3])
    expect([nearestIndex(xs, 0.5), nearestIndex(xs, 9), nearestIndex([], 1), nearestIndex(xs, NaN)]).toEqual([-1, -1, -1, -1])
  })
  it('gives no value for a missing or non-finite point', () => {
    const l = line('a', [1, 2, 3], [5, null, NaN])
    expect([valueAt(l, 1), valueAt(l, 2), valueAt(l, 3), valueAt(l, 4)]).toEqual([5, null, null, null])
  })
})

describe('curvesReadout', () => {
  it('lists every line at the x, each from its own points, highest first; a line that ended before it is left out', () => {
    const f = curvesReadout(
      [{ metric: 'loss', lines: [line('a', [0, 10, 20], [3, 2, 1]), line('b', [0, 7, 13, 20], [4, 3.5, 2.5, 2]), line('short', [0, 5], [9, 8])] }],
      'step',
      'Step',
    )
    const html = f([{ axisValue: 12, value: [13, 2.5] }])
    expect(html.startsWith('Step: 12')).toBe(true)
    expect(names(html)).toEqual(['b', 'a'])
    expect(html).toContain('<b>2.5</b>')
    expect(html).toContain('<b>2</b>')
  })
  it('titles the panels when there are several and escapes names, metrics and the x name', () => {
    const f = curvesReadout(
      [
        { metric: '<m>', lines: [line('<b>x</b>', [1, 2], [1, 2])] },
        { metric: 'val', lines: [line('y', [1, 2], [3, 4])] },
      ],
      'tokens',
      '<i>T</i>',
    )
    const html = f([{ axisValue: 2 }])
    expect(html).toContain('&lt;i&gt;T&lt;/i&gt;')
    expect(html).toContain('&lt;m&gt;')
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(html).not.toContain('<b>x</b>')
    expect(html).not.toContain('<m>')
  })
  it(`sets many lines in columns and says how many more past ${MAX_ROWS}`, () => {
    const many = Array.from({ length: MAX_ROWS + 7 }, (_, i) => line(`r${i}`, [0, 1], [i, i]))
    const html = curvesReadout([{ metric: 'loss', lines: many }], 'step', 'Step')([{ axisValue: 0.5 }])
    expect(names(html)).toHaveLength(MAX_ROWS)
    expect(names(html)[0]).toBe(`r${MAX_ROWS + 6}`)
    expect(html).toContain('column-count:5')
    expect(html).toContain('+ 7')
    const few = curvesReadout([{ metric: 'loss', lines: many.slice(0, 3) }], 'step', 'Step')([{ axisValue: 0.5 }])
    expect(few).toContain('column-count:1')
  })
  it("reads at the pointer's x when the view gives it, not at the nearest point of the chart's frame series", () => {
    const f = curvesReadout([{ metric: 'loss', lines: [line('a', [0, 10, 20], [3, 2, 1])] }], 'step', 'Step', () => 9)
    const html = f([{ axisValue: 0, value: [0, 3] }])
    expect(html.startsWith('Step: 9')).toBe(true)
    expect(html).toContain('<b>2</b>')
    const unknown = curvesReadout([{ metric: 'loss', lines: [line('a', [0, 10, 20], [3, 2, 1])] }], 'step', 'Step', () => null)
    expect(unknown([{ axisValue: 20 }])).toContain('<b>1</b>')
  })
  it('is empty where no line has a value', () => {
    expect(curvesReadout([{ metric: 'loss', lines: [line('a', [1, 2], [1, 2])] }], 'step', 'Step')([{ axisValue: 5 }])).toBe('')
    expect(curvesReadout([], 'step', 'Step')([])).toBe('')
  })
})
