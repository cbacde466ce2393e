/**
 * The kNN-LM view's remembered state: taken only when every field is one the view offers and the lab's request
 * schemas (queryKnnLm, startKnnLmImportEval) accept, so a stale or hand-edited localStorage entry falls back to the defaults.
 */
import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../../src/shared/api'
import { EXPLORE_KS, EXPLORE_TEMPERATURES, IMPORT_KS, IMPORT_TEMPERATURES, isExploreState, isImportState, isPrefix, type ExploreState } from '../../../src/renderer/components/knnlm/remembered-state'

const base: ExploreState = { tab: 'explore', setting: 'adaptation', lambda: 0.3, k: 1024, temperature: 10, model: '', datastore: '' }
const query = (s: ExploreState) => ({
  prefix: 'The jury',
  setting: s.setting,
  lambda: s.lambda,
  k: s.k,
  temperature: s.temperature,
  ...(s.model ? { model: s.model, datastore: s.datastore } : {}),
})

describe('the remembered kNN-LM view state', () => {
  it('takes the demo and a trained model in use, which the request schema takes too', () => {
    const trained = { ...base, tab: 'train' as const, model: 'lm-20261129-035037-a1b2c3', datastore: 'ds-20261129-035112-0f9e8d' }
    for (const s of [base, trained]) {
      expect(isExploreState(s)).toBe(true)
      expect(CHANNELS.queryKnnLm.request.safeParse(query(s)).success).toBe(true)
    }
    for (const k of EXPLORE_KS) expect(isExploreState({ ...base, k })).toBe(true)
    for (const temperature of EXPLORE_TEMPERATURES) expect(isExploreState({ ...base, temperature })).toBe(true)
  })

  it('refuses values the view does not offer or the schema refuses', () => {
    const bad: Array<Partial<Record<keyof ExploreState, unknown>>> = [
      { tab: 'settings' }, { setting: 'romance' }, { lambda: -0.1 }, { lambda: 1 }, { lambda: '0.2' }, { k: 7 }, { k: 4096 },
      { temperature: 0 }, { temperature: 100 }, { model: '../etc' }, { model: 'lm-1' }, { datastore: 'npy-20261129-035112-0f9e8d' },
    ]
    for (const b of bad) expect(isExploreState({ ...base, ...b }), JSON.stringify(b)).toBe(false)
    for (const v of [null, 'explore', [], {}]) expect(isExploreState(v)).toBe(false)
  })

  it('remembers a prefix the request takes', () => {
    expect(isPrefix('她看着他')).toBe(true)
    expect(isPrefix('x'.repeat(4000))).toBe(true)
    expect(CHANNELS.queryKnnLm.request.safeParse({ prefix: 'x'.repeat(4001) }).success).toBe(false)
    expect(isPrefix('x'.repeat(4001))).toBe(false)
    expect(isPrefix(3)).toBe(false)
  })

  it('takes a chosen import and its interpolation that the import-eval request takes', () => {
    const chosen = { name: 'npy-20261129-035112-0f9e8d', lambda: 0.5, k: 8, temperature: 0.3 }
    expect(isImportState(chosen)).toBe(true)
    expect(isImportState({ ...chosen, name: '' })).toBe(true)
    expect(CHANNELS.startKnnLmImportEval.request.safeParse(chosen).success).toBe(true)
    for (const k of IMPORT_KS) expect(isImportState({ ...chosen, k })).toBe(true)
    for (const temperature of IMPORT_TEMPERATURES) expect(isImportState({ ...chosen, temperature })).toBe(true)
    for (const b of [{ name: 'lm-20261129-035112-0f9e8d' }, { k: 2 }, { temperature: 100 }, { lambda: 0.99 }]) expect(isImportState({ ...chosen, ...b })).toBe(false)
  })
})
