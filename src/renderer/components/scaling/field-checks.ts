/**
 * The Scaling form's typed fields, checked as the user types: a budget or cut-off in FLOPs (70B, 5.76e23,
 * 3.1e8 PF-days), the bootstrap size and the seed. A field that does not parse or is out of the range the fit
 * request schema accepts (src/shared/api/fit.ts) gets a message beside it (an i18n key with its values), never
 * a thrown error, and the last good value stays in the settings.
 */
import { parseQuantityText } from './parse-quantity'

export interface FieldMessage {
  key: string
  values?: Record<string, string | number>
}
export type FieldCheck = { ok: true; value: number } | { ok: false; message: FieldMessage }

/** fitRequestOptions.budget's range */
export const BUDGET_MIN = 1e10
export const BUDGET_MAX = 1e32
/** fitRequestOptions.bootstrap's range */
export const BOOTSTRAP_MAX = 10000
export const SEED_MAX = 2 ** 31

const bad = (key: string, values?: Record<string, string | number>): FieldCheck => ({ ok: false, message: { key, values } })

/** The budget for N_opt, D_opt and the predicted loss, in FLOPs. */
export function checkBudget(text: string): FieldCheck {
  if (text.trim() === '') return bad('scalingKeep.field.budgetEmpty')
  const v = parseQuantityText(text)
  if (v === null) return bad('scalingKeep.field.notCompute', { text: text.trim() })
  if (v < BUDGET_MIN || v > BUDGET_MAX) return bad('scalingKeep.field.budgetRange', { min: '1e10', max: '1e32' })
  return { ok: true, value: v }
}

/** The backtest cut-off in FLOPs; blank means none (0). */
export function checkCutoff(text: string): FieldCheck {
  if (text.trim() === '') return { ok: true, value: 0 }
  const v = parseQuantityText(text)
  return v === null ? bad('scalingKeep.field.notCompute', { text: text.trim() }) : { ok: true, value: v }
}

function wholeNumber(text: string, max: number, key: string): FieldCheck {
  const s = text.trim()
  if (!/^[+-]?\d+$/.test(s)) return bad(key, { max })
  const v = Number(s)
  return v >= 0 && v <= max ? { ok: true, value: v } : bad(key, { max })
}

/** Bootstrap resamples: a whole number from 0 (no intervals) to 10000. */
export const checkBootstrap = (text: string): FieldCheck => wholeNumber(text, BOOTSTRAP_MAX, 'scalingKeep.field.bootstrap')

/** The seed of every random step: a whole number from 0 to 2^31. */
export const checkSeed = (text: string): FieldCheck => wholeNumber(text, SEED_MAX, 'scalingKeep.field.seed')
