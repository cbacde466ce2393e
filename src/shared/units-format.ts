/** Counts as the field writes them: 70M, 1.4B, 300B, 1.4T (parameters, tokens). */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-'
  const abs = Math.abs(n)
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ]
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const v = n / size
      const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2
      return `${Number(v.toFixed(digits))}${suffix}`
    }
  }
  return String(Number(n.toPrecision(3)))
}

/** FLOPs in scientific notation: 5.76e23 */
export function formatFlops(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-'
  const [m, e] = n.toExponential(2).split('e')
  return `${Number(m)}e${Number(e)}`
}
