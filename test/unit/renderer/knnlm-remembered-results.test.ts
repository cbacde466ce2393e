/**
 * The kNN-LM view's remembered results (the last evaluation and sweeps): taken after a reload only when every field
 * the view shows has its type and range, and they name a model and datastore the way the lab does.
 */
import { describe, expect, it } from 'vitest'
import type { KnnLmEvalResult, KnnLmSweepResult } from '../../../src/shared/api'
import { isEvalResult, isRememberedResults, isSweepResult, type RememberedResults } from '../../../src/renderer/components/knnlm/remembered-state'

const gain = { position: 12, token: '中', tokenBytes: 'B8', context: ' he said', lmLogProb: -5.1, knnLmLogProb: -2.3, gain: 2.8 }
const evaluation: KnnLmEvalResult = {
  tokens: 2000,
  ppl_lm: 182.4,
  ppl_knnlm: 171.9,
  lambda: 0.25,
  k: 1024,
  temperature: 10,
  datastoreSize: 23576,
  knnMissRate: 0.31,
  setting: 'in-domain',
  memory: { keysBytes: 1, valuesBytes: 1, tokensBytes: 1, indexBytes: 0, totalBytes: 3 },
  perTokenView: { tokens: 2000, helpedShare: 0.4, topDecileShareOfGain: 0.7, topGains: [gain], topLosses: [{ ...gain, gain: -1 }], byTokenHelped: [], byTokenHurt: [], histogram: { edges: [], counts: [] } },
}
const sweep: KnnLmSweepResult = {
  tokens: 2000,
  ppl_lm: 182.4,
  grid: [],
  best: { lambda: 0.3, k: 1024, temperature: 10, ppl: 170 },
  lambdaCurve: [{ lambda: 0, ppl: 182.4 }, { lambda: 0.3, ppl: 170 }],
  kCurve: [],
  temperatureCurve: [],
  sizeCurve: [{ fraction: 1, keys: 23576, ppl_knnlm: 172, bestLambda: 0.3, ppl_best: 170 }],
  datastoreSize: 23576,
}
const kept: RememberedResults = { model: '', datastore: '', savedAt: '2026-12-03T08:00:00.000Z', evaluation, sweeps: { 'in-domain': sweep } }

describe('the remembered kNN-LM results', () => {
  it('takes an evaluation and sweeps of the demo or of a trained model and datastore', () => {
    expect(isRememberedResults(kept)).toBe(true)
    expect(isRememberedResults({ ...kept, evaluation: null })).toBe(true)
    expect(isRememberedResults({ ...kept, sweeps: {} })).toBe(true)
    expect(isRememberedResults({ ...kept, model: 'lm-20261129-035037-a1b2c3', datastore: 'ds-20261129-035112-0f9e8d' })).toBe(true)
    // a result survives the JSON round trip of localStorage
    expect(isRememberedResults(JSON.parse(JSON.stringify(kept)))).toBe(true)
  })

  it('refuses results of another shape or out of range', () => {
    const bad: unknown[] = [
      null,
      'results',
      { ...kept, model: '../etc' },
      { ...kept, datastore: 'ds-x' },
      { ...kept, savedAt: 'yesterday' },
      { ...kept, evaluation: { ...evaluation, ppl_knnlm: -1 } },
      { ...kept, evaluation: { ...evaluation, ppl_lm: null } },
      { ...kept, evaluation: { ...evaluation, lambda: 1.5 } },
      { ...kept, evaluation: { ...evaluation, tokens: 0 } },
      { ...kept, evaluation: { ...evaluation, setting: 'other' } },
      { ...kept, evaluation: { ...evaluation, perTokenView: { ...evaluation.perTokenView, topGains: [{ ...gain, token: 3 }] } } },
      { ...kept, sweeps: { a: { ...sweep, lambdaCurve: [{ lambda: 0.2, ppl: 'x' }] } } },
      { ...kept, sweeps: { a: { ...sweep, sizeCurve: 'none' } } },
      { ...kept, sweeps: [sweep] },
      { ...kept, sweeps: { a: sweep, b: sweep, c: sweep, d: sweep, e: sweep } },
    ]
    for (const v of bad) expect(isRememberedResults(v)).toBe(false)
    expect(isEvalResult({ ...evaluation, memory: undefined })).toBe(false)
    expect(isSweepResult({ ...sweep, ppl_lm: Infinity })).toBe(false)
  })
})
