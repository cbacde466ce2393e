/** JSON text columns in and out: tags (array of strings), config and fit fields (any JSON). */

export function parseJsonColumn<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

export function parseTags(text: string | null | undefined): string[] {
  const value = parseJsonColumn<unknown>(text, [])
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []
}

/** Trimmed, non-empty, unique, in first-seen order. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = []
  for (const t of tags) {
    const s = t.trim()
    if (s && !out.includes(s)) out.push(s)
  }
  return out
}

export function toJsonColumn(value: unknown, fallback: string): string {
  if (value === undefined) return fallback
  const text = JSON.stringify(value)
  return text === undefined ? fallback : text
}
