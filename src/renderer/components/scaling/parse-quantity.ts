/**
 * Reading a compute or count typed by the user: 5.76e23, 1e21, 70B, 1.4T, 300M, 2.5k (the field's suffixes:
 * K 1e3, M 1e6, B/G 1e9, T 1e12, P 1e15), optionally followed by FLOPs, or compute in PF-days (3.1e8 PF-days,
 * 1 PF-day = 1e15 FLOP/s for a day = 8.64e19 FLOPs; Kaplan et al. 2020, arXiv 2001.08361), the unit words the
 * importer reads too (src/shared/units.ts). Returns null for anything else, or for values that are not positive.
 */
import { PF_DAY } from '../../../shared/figures/scaling-law-eval'

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12, p: 1e15 }

/** unit words (spaces, hyphens, slashes and brackets removed, lower case) and what they multiply by */
const UNITS: Record<string, number> = {
  '': 1,
  flop: 1,
  flops: 1,
  pfday: PF_DAY,
  pfdays: PF_DAY,
  petaflopday: PF_DAY,
  petaflopdays: PF_DAY,
  petaflopsday: PF_DAY,
  petaflopsdays: PF_DAY,
  pflopday: PF_DAY,
  pflopdays: PF_DAY,
  pflopsday: PF_DAY,
  pflopsdays: PF_DAY,
}

export function parseQuantityText(text: string): number | null {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)(.*)$/i.exec(text.replace(/[_,\s](?=\d)/g, ''))
  if (!m) return null
  const rest = m[2].toLowerCase().replace(/[\s\-/()]/g, '')
  let factor = UNITS[rest]
  if (factor === undefined && rest.length > 0 && rest[0] in SUFFIX && UNITS[rest.slice(1)] !== undefined) factor = SUFFIX[rest[0]] * UNITS[rest.slice(1)]
  if (factor === undefined) return null
  const v = Number(m[1]) * factor
  return Number.isFinite(v) && v > 0 ? v : null
}

export const parseFlops = parseQuantityText
