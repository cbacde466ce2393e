/**
 * Quantities as people write them in run logs: 70M, 1.4B, 2.5 B, 1.4T, 2P (peta), 300B tokens, 5.76e23, 1,000, 3.1e8
 * PF-days. One PF-day is 1e15 FLOP/s for a day, 1e15 * 86400 = 8.64e19 FLOPs (Kaplan et al. 2020,
 * arXiv 2001.08361, who express compute in PF-days). C ~ 6 N D relates compute, parameters and tokens
 * (Kaplan et al. 2020; Hoffmann et al. 2022, arXiv 2203.15556), so D = C / (6 N) and C = 6 N D.
 * Pure: no imports, usable in the renderer as well as in Node.
 */

export const PF_DAY_FLOPS = 1e15 * 86400

const MULTIPLIERS: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  g: 1e9,
  billion: 1e9,
  t: 1e12,
  trillion: 1e12,
  p: 1e15,
}

/** unit words that leave the number unchanged or convert it to FLOPs */
const UNITS: Record<string, number> = {
  flop: 1,
  flops: 1,
  token: 1,
  tokens: 1,
  param: 1,
  params: 1,
  parameter: 1,
  parameters: 1,
  step: 1,
  steps: 1,
  pfday: PF_DAY_FLOPS,
  pfdays: PF_DAY_FLOPS,
  petaflopday: PF_DAY_FLOPS,
  petaflopdays: PF_DAY_FLOPS,
  petaflopsday: PF_DAY_FLOPS,
  petaflopsdays: PF_DAY_FLOPS,
  pflopsday: PF_DAY_FLOPS,
  pflopsdays: PF_DAY_FLOPS,
  pflopday: PF_DAY_FLOPS,
  pflopdays: PF_DAY_FLOPS,
}

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$/i
const THOUSANDS_COMMA = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?:e[+-]?\d+)?/i
const THOUSANDS_DOT = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?(?:e[+-]?\d+)?/i

export interface QuantityOptions {
  /** the file writes 3,14 for 3.14 (and 1.000,5 for 1000.5) */
  decimalComma?: boolean
}

/**
 * The number a cell holds, with its magnitude suffix or unit applied; undefined when the text is not a
 * number (blank cells included). Never returns NaN or an infinity.
 */
export function parseQuantity(text: string, opts: QuantityOptions = {}): number | undefined {
  let s = text.trim()
  if (s === '') return undefined
  // fast path: a plain decimal or scientific number
  const c = s.charCodeAt(0)
  if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43) {
    const n = Number(s)
    if (Number.isFinite(n) && !isRadixLiteral(s)) return n
  }
  // digit groups separated by spaces, thin spaces, apostrophes or underscores: 1 000 000, 1'000, 1_000
  s = s.replace(/(?<=\d)[\u00a0\u202f'_ ](?=\d{3}(?:\D|$))/g, '')
  if (opts.decimalComma) {
    const m = THOUSANDS_DOT.exec(s)
    s = m ? m[0].replace(/\./g, '') + s.slice(m[0].length) : s
    s = s.replace(/^([+-]?\d*),(\d)/, '$1.$2')
  } else {
    const m = THOUSANDS_COMMA.exec(s)
    if (m) s = m[0].replace(/,/g, '') + s.slice(m[0].length)
  }
  const match = NUMBER.exec(s)
  if (!match) return undefined
  let value = Number(match[1])
  let rest = match[2].trim().toLowerCase()
  if (rest !== '') {
    // a magnitude suffix (70M, 1.4B, 2.5 B), then an optional unit word (300B tokens, 3.1e8 PF-days)
    const suffix = /^(thousand|million|billion|trillion|mn|bn|[kmbgtp])(?![a-z])\s*(.*)$/.exec(rest)
    if (suffix) {
      value *= MULTIPLIERS[suffix[1]]
      rest = suffix[2]
    }
    if (rest !== '') {
      const unit = UNITS[rest.replace(/[\s\-/()]/g, '')]
      if (unit === undefined) return undefined
      value *= unit
    }
  }
  return Number.isFinite(value) ? value : undefined
}

function isRadixLiteral(s: string): boolean {
  // Number('0x10') is 16, Number('0b1') is 1: not how a log writes numbers
  if (s.length < 2) return false
  const c1 = s.charCodeAt(1) | 0x20
  return s.charCodeAt(0) === 48 && (c1 === 120 || c1 === 98 || c1 === 111)
}

const MISSING = new Set(['', 'nan', '-nan', 'na', 'n/a', '#n/a', 'null', 'none', 'nil', '-', '--', '\u2014', 'inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity'])

/**
 * Cells that hold no usable number: blanks and the ways tools write a missing, undefined or diverged value
 * (NaN, None, null, N/A, inf). An import skips them instead of storing a NaN.
 */
export function isMissingValue(text: string): boolean {
  return text.length === 0 || (text.length <= 10 && MISSING.has(text.trim().toLowerCase()))
}

/** Training tokens from compute when only FLOPs were logged: D = C / (6 N). */
export function tokensFromFlops(flops: number, params: number): number {
  return flops / (6 * params)
}

/** Training compute from tokens when only tokens were logged: C = 6 N D. */
export function flopsFromTokens(params: number, tokens: number): number {
  return 6 * params * tokens
}

/** Truthy / falsy cells for a `correct` column: 1/0, true/false, yes/no, y/n, t/f, correct/incorrect. */
export function parseBoolean(text: string): boolean | undefined {
  const s = text.trim().toLowerCase()
  if (s === '1' || s === '1.0' || s === 'true' || s === 'yes' || s === 'y' || s === 't' || s === 'correct') return true
  if (s === '0' || s === '0.0' || s === 'false' || s === 'no' || s === 'n' || s === 'f' || s === 'incorrect' || s === 'wrong') return false
  return undefined
}
