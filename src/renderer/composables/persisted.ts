/** Small helpers to remember settings in localStorage; every read is validated, a bad value falls back. */
export const STORAGE_PREFIX = 'scaling-lab.'

export function loadSetting<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + key)
    if (raw === null) return fallback
    const v: unknown = JSON.parse(raw)
    return valid(v) ? v : fallback
  } catch {
    return fallback
  }
}

export function saveSetting(key: string, value: unknown): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value))
  } catch {
    // storage full or disabled: settings are a convenience, not data
  }
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
export const isString = (v: unknown): v is string => typeof v === 'string'
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean'
export const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber)
