/**
 * Reading a compute or count typed by the user: 5.76e23, 1e21, 70B, 1.4T, 300M, 2.5k (the field's suffixes:
 * K 1e3, M 1e6, B/G 1e9, T 1e12, P 1e15). Returns null for anything else, or for values that are not positive.
 */
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12, p: 1e15 }

export function parseQuantityText(text: string): number | null {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([kmbgtp])?\s*(?:flops?)?\s*$/i.exec(text.replace(/[_,\s](?=\d)/g, ''))
  if (!m) return null
  const v = Number(m[1]) * (m[2] ? SUFFIX[m[2].toLowerCase()] : 1)
  return Number.isFinite(v) && v > 0 ? v : null
}

export const parseFlops = parseQuantityText
