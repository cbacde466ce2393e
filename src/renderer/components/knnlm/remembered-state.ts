/**
 * What the kNN-LM view remembers between sessions (localStorage): the tab, the demo setting, the interpolation
 * (lambda, k, temperature from the Explore lists), the trained model and datastore in use, and the prefix; in
 * "Your numbers", the import chosen and its interpolation. Every remembered value is checked; one that no longer
 * fits (a list changed, a model or import was deleted) falls back.
 */
import type { KnnLmSetting } from '../../../shared/api'

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
