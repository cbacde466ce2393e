/**
 * What the kNN-LM view remembers between sessions (localStorage): the tab, the demo setting, the interpolation
 * (lambda, k, temperature from the Explore lists), the trained model and datastore in use, the prefix, and the last
 * evaluation and sweeps with the model and datastore they were run on; in "Your numbers", the import chosen and its
 * interpolation. Every remembered value is checked; one that no longer fits (a list changed, a model or import was
 * deleted, a result of another shape) falls back.
 */
import type { KnnLmEvalResult, KnnLmSetting, KnnLmSweepResult, KnnLmTokenGain } from '../../../shared/api'

export const EXPLORE_KS = [8, 32, 128, 512, 1024] as const
export const EXPLORE_TEMPERATURES = [1, 3, 10, 30] as const
export const KNNLM_TABS = ['explore', 'train', 'import'] as const
export type KnnLmTab = (typeof KNNLM_TABS)[number]

export interface ExploreState {
  tab: KnnLmTab
  setting: KnnLmSetting
  lambda: number
  k: number
  temperature: number
  /** a model trained here ('' = the shipped demo) and its datastore */
  model: string
  datastore: string
}

const NAME = /^(|lm-\d{8}-\d{6}-[0-9a-f]{6})$/
const STORE = /^(|ds-\d{8}-\d{6}-[0-9a-f]{6})$/

/** lambda on the slider's range, k and the temperature from the tab's lists */
function interpolationFits(s: Record<string, unknown>, ks: readonly number[], temperatures: readonly number[]): boolean {
  return typeof s.lambda === 'number' && s.lambda >= 0 && s.lambda <= 0.95 && ks.includes(s.k as number) && temperatures.includes(s.temperature as number)
}

export function isExploreState(v: unknown): v is ExploreState {
  if (typeof v !== 'object' || v === null) return false
  const s = v as Record<string, unknown>
  return (
    (KNNLM_TABS as readonly unknown[]).includes(s.tab) &&
    (s.setting === 'in-domain' || s.setting === 'adaptation') &&
    interpolationFits(s, EXPLORE_KS, EXPLORE_TEMPERATURES) &&
    typeof s.model === 'string' && NAME.test(s.model) &&
    typeof s.datastore === 'string' && STORE.test(s.datastore)
  )
}

export const IMPORT_KS = [1, 8, 32, 128, 512, 1024] as const
export const IMPORT_TEMPERATURES = [0.1, 0.3, 1, 3, 10, 30] as const

export interface ImportState {
  /** an import's name ('' = the newest) */
  name: string
  lambda: number
  k: number
  temperature: number
}

const IMPORT = /^(|npy-\d{8}-\d{6}-[0-9a-f]{6})$/

export function isImportState(v: unknown): v is ImportState {
  if (typeof v !== 'object' || v === null) return false
  const s = v as Record<string, unknown>
  return typeof s.name === 'string' && IMPORT.test(s.name) && interpolationFits(s, IMPORT_KS, IMPORT_TEMPERATURES)
}

/** a remembered prefix: any text the next-token request takes */
export const isPrefix = (v: unknown): v is string => typeof v === 'string' && v.length <= 4000

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const positive = (v: unknown): boolean => finite(v) && v > 0
const share = (v: unknown): boolean => finite(v) && v >= 0 && v <= 1
const count = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0
const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const rows = (v: unknown, row: (r: Record<string, unknown>) => boolean, max: number): boolean => Array.isArray(v) && v.length <= max && v.every((r) => record(r) && row(r))

function isTokenGain(g: Record<string, unknown>): g is Record<keyof KnnLmTokenGain, unknown> {
  return count(g.position) && typeof g.token === 'string' && typeof g.context === 'string' && finite(g.lmLogProb) && finite(g.knnLmLogProb) && finite(g.gain) && (g.tokenBytes === undefined || typeof g.tokenBytes === 'string')
}

/** the fields of an evaluation the view shows, each of its type and range */
export function isEvalResult(v: unknown): v is KnnLmEvalResult {
  if (!record(v)) return false
  const ok = count(v.tokens) && (v.tokens as number) > 0 && positive(v.ppl_lm) && positive(v.ppl_knnlm) && share(v.lambda) && Number.isInteger(v.k) && (v.k as number) >= 1 && positive(v.temperature) && count(v.datastoreSize) && share(v.knnMissRate) && record(v.memory) && (v.setting === undefined || v.setting === 'in-domain' || v.setting === 'adaptation')
  if (!ok) return false
  if (v.perTokenView === undefined) return true
  const p = v.perTokenView
  return record(p) && share(p.helpedShare) && share(p.topDecileShareOfGain) && rows(p.topGains, isTokenGain, 100) && rows(p.topLosses, isTokenGain, 100)
}

/** the fields of a sweep the view draws (its lambda and datastore-size curves) */
export function isSweepResult(v: unknown): v is KnnLmSweepResult {
  return (
    record(v) &&
    count(v.tokens) &&
    positive(v.ppl_lm) &&
    rows(v.lambdaCurve, (p) => share(p.lambda) && positive(p.ppl), 100) &&
    rows(v.sizeCurve, (p) => share(p.fraction) && count(p.keys) && positive(p.ppl_knnlm) && positive(p.ppl_best) && share(p.bestLambda), 100)
  )
}

/** the last evaluation and sweeps, with the model and datastore they ran on ('' = the shipped demo) and when */
export interface RememberedResults {
  model: string
  datastore: string
  savedAt: string
  evaluation: KnnLmEvalResult | null
  /** by series: the demo's setting ('in-domain', 'adaptation'), or the trained model's datastore sources */
  sweeps: Record<string, KnnLmSweepResult>
}

export function isRememberedResults(v: unknown): v is RememberedResults {
  if (!record(v)) return false
  const sweeps = v.sweeps
  return (
    typeof v.model === 'string' && NAME.test(v.model) &&
    typeof v.datastore === 'string' && STORE.test(v.datastore) &&
    typeof v.savedAt === 'string' && !Number.isNaN(Date.parse(v.savedAt)) &&
    (v.evaluation === null || isEvalResult(v.evaluation)) &&
    record(sweeps) && Object.keys(sweeps).length <= 4 && Object.values(sweeps).every(isSweepResult)
  )
}
