// The Scaling view's remembered state (remembered-state.ts): taken only when every field is one the view offers and
// the fit request schema (src/shared/api/fit.ts) accepts; exclusions checked against the runs the project still has.
import { describe, expect, it } from 'vitest'
import { fitRequestOptions } from '../../../src/shared/api/fit'
import { DEFAULT_FIT_SETTINGS, requestOptions } from '../../../src/renderer/components/scaling/fit-request'
import { isScalingState, restoreExclusions, type ScalingState } from '../../../src/renderer/components/scaling/remembered-state'

const state: ScalingState = { projectId: 3, excluded: [4, 9, 17], fitId: 12, x: 'flops', settings: { ...DEFAULT_FIT_SETTINGS, bootstrap: 40, budget: 2.7e28 } }

describe('the remembered Scaling state', () => {
  it('takes a state the view wrote, and its options pass the request schema', () => {
    expect(isScalingState(state)).toBe(true)
    expect(isScalingState(JSON.parse(JSON.stringify(state)))).toBe(true)
    expect(isScalingState({ ...state, fitId: null, excluded: [] })).toBe(true)
    expect(fitRequestOptions.safeParse(requestOptions('chinchilla', state.settings, true)).success).toBe(true)
  })

  it('refuses a state with a field the view does not offer or the schema refuses', () => {
    const bad: unknown[] = [
      null,
      'state',
      { ...state, projectId: 0 },
      { ...state, excluded: [4, 4] },
      { ...state, excluded: [4, -1] },
      { ...state, excluded: [4.5] },
      { ...state, excluded: '4,9' },
      { ...state, fitId: 'latest' },
      { ...state, x: 'steps' },
      { ...state, settings: { ...state.settings, bootstrap: -5 } },
      { ...state, settings: { ...state.settings, bootstrap: 20000 } },
      { ...state, settings: { ...state.settings, budget: 1e5 } },
      { ...state, settings: { ...state.settings, estimator: 'lbfgs' } },
      { ...state, settings: { ...state.settings, isoflopTolerance: 0 } },
      { ...state, settings: { ...state.settings, flopsCutoff: -1 } },
      { ...state, settings: { ...state.settings, seed: 1.5 } },
      { ...state, settings: undefined },
    ]
    for (const v of bad) expect(isScalingState(v)).toBe(false)
  })

  it('keeps remembered exclusions of runs the project still has and names the others', () => {
    expect(restoreExclusions([17, 4, 99], [1, 4, 9, 17])).toEqual({ kept: [4, 17], missing: [99] })
    expect(restoreExclusions([], [1, 2])).toEqual({ kept: [], missing: [] })
  })
})
