/**
 * Numbers in the field's own units: parameter and token counts with K/M/B/T suffixes (70M, 1.4B, 300B),
 * compute in scientific notation (5.8e23 FLOPs), losses and accuracies with a few significant digits.
 * Pure functions: no DOM, no locale state (the suffixes are the field's convention in every language).
 */

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
]

const MISSING = '—'

function isFiniteNumber(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n)
}

/** Round to `sig` significant digits and drop trailing zeros: 1.40 -> "1.4", 300 -> "300". */
export function toSignificant(n: number, sig = 3): string {
  if (n === 0) return '0'
  const s = Number(n.toPrecision(sig))
  // toPrecision may produce exponent form for large/small values; Number() + String() normalises it
  if (Math.abs(s) >= 1e21 || (Math.abs(s) < 1e-6 && s !== 0)) return s.toExponential(Math.max(0, sig - 1)).replace(/\.?0+e/, 'e')
  return String(s)
}

/** A count with a suffix: 70e6 -> "70M", 1.4e9 -> "1.4B", 3e11 -> "300B", 1.4e12 -> "1.4T", 512 -> "512". */
export function formatCount(n: number | null | undefined, sig = 3): string {
  if (!isFiniteNumber(n)) return MISSING
  const abs = Math.abs(n)
  if (abs >= 1e15) return formatScientific(n, sig)
  for (const [scale, suffix] of SUFFIXES) {
    if (abs >= scale) {
      let scaled = Number((abs / scale).toPrecision(sig))
      // 999.9M rounds to 1000M: promote to the next suffix
      if (scaled >= 1000 && suffix !== 'T') {
        const idx = SUFFIXES.findIndex(([, s]) => s === suffix)
        const [nextScale, nextSuffix] = SUFFIXES[idx - 1]
        scaled = Number((abs / nextScale).toPrecision(sig))
        return `${n < 0 ? '-' : ''}${toSignificant(scaled, sig)}${nextSuffix}`
      }
      return `${n < 0 ? '-' : ''}${toSignificant(scaled, sig)}${suffix}`
    }
  }
  return toSignificant(n, sig)
}

/** Scientific notation the way papers write compute: 5.76e23 -> "5.76e23", 5.8e23 (sig 2) -> "5.8e23". */
export function formatScientific(n: number | null | undefined, sig = 3): string {
  if (!isFiniteNumber(n)) return MISSING
  if (n === 0) return '0'
  const [mantissa, exponent] = n.toExponential(Math.max(0, sig - 1)).split('e')
  const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa
  return `${m}e${Number(exponent)}`
}

export function formatParams(n: number | null | undefined): string {
  return formatCount(n)
}

export function formatTokens(n: number | null | undefined): string {
  return formatCount(n)
}

export function formatFlops(n: number | null | undefined): string {
  return formatScientific(n)
}

/** A metric value (loss in nats, accuracy): 4 significant digits, scientific outside 1e-4 .. 1e6. */
export function formatMetric(n: number | null | undefined, sig = 4): string {
  if (!isFiniteNumber(n)) return MISSING
  const abs = Math.abs(n)
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return formatScientific(n, sig)
  return toSignificant(n, sig)
}

/** Steps are integers: 143000 -> "143K" on axes, exact with separators in read-outs. */
export function formatStep(n: number | null | undefined): string {
  if (!isFiniteNumber(n)) return MISSING
  if (Math.abs(n) < 1e4) return toSignificant(n, 6)
  return formatCount(n, 4)
}

/** Bytes for file sizes: 1536 -> "1.5 KiB". */
export function formatBytes(n: number | null | undefined): string {
  if (!isFiniteNumber(n)) return MISSING
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let i = 0
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${i === 0 ? v : toSignificant(v, 3)} ${units[i]}`
}

/** The run fields that carry units, and how each is shown. */
export type QuantityKind = 'params' | 'tokens' | 'flops' | 'step' | 'metric' | 'count'

export function formatQuantity(kind: QuantityKind, n: number | null | undefined): string {
  switch (kind) {
    case 'params':
      return formatParams(n)
    case 'tokens':
      return formatTokens(n)
    case 'flops':
      return formatFlops(n)
    case 'step':
      return formatStep(n)
    case 'count':
      return formatCount(n)
    case 'metric':
      return formatMetric(n)
  }
}

/** Tick labels on a log axis: counts with suffixes for params/tokens/steps, 1e21 style for FLOPs. */
export function formatAxisTick(kind: QuantityKind, n: number): string {
  if (kind === 'flops') return formatScientific(n, 2)
  if (kind === 'metric') return formatMetric(n, 3)
  return formatCount(n, 3)
}
