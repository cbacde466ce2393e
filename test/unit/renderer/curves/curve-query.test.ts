// What the Curves view opens from its address, and the settings a new chart starts with.
import { describe, expect, it } from 'vitest'
import { curvesPathForRuns, curvesPathForView, defaultSettings, metricChoices, selectionFromQuery } from '../../../../src/renderer/curves/curve-query'

describe('selectionFromQuery', () => {
  it('reads run ids, once each, and keeps what is not an id to be shown', () => {
    expect(selectionFromQuery({ runs: '3, 1,3,x,0,,7' })).toEqual({ kind: 'runs', runIds: [3, 1, 7], ignored: ['x', '0'] })
  })
  it('prefers a saved view', () => {
    expect(selectionFromQuery({ runs: '1', view: '12' })).toEqual({ kind: 'view', viewId: 12 })
  })
  it('is empty without runs or a valid view', () => {
    expect(selectionFromQuery({})).toEqual({ kind: 'none' })
    expect(selectionFromQuery({ view: 'abc' })).toEqual({ kind: 'none' })
    expect(selectionFromQuery({ runs: 'a,b' })).toEqual({ kind: 'none' })
  })
  it('round-trips the catalog addresses', () => {
    expect(selectionFromQuery({ runs: curvesPathForRuns([4, 5]).split('runs=')[1] })).toMatchObject({ runIds: [4, 5] })
    expect(curvesPathForView(9)).toBe('/curves?view=9')
  })
})

describe('defaultSettings', () => {
  it('starts with a metric every run has, against step, unsmoothed and ungrouped', () => {
    const s = defaultSettings([['lr', 'loss'], ['loss', 'val_loss']])
    expect(s).toEqual({ metrics: ['loss'], x: 'step', logX: false, logY: false, smoothing: 0, groupBy: 'none', band: 'minmax' })
  })
  it('takes the preferred metric when a run has it, else any metric', () => {
    expect(defaultSettings([['a'], ['b']], 'b').metrics).toEqual(['b'])
    expect(defaultSettings([['a'], ['b']]).metrics).toEqual(['a'])
  })
  it('lists every metric once, sorted', () => {
    expect(metricChoices([['b', 'a'], ['a', 'c']])).toEqual(['a', 'b', 'c'])
  })
})
