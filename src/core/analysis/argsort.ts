/**
 * Stable ascending argsort of non-negative doubles by LSD radix sort on their IEEE-754 bit patterns
 * (for non-negative doubles the bit pattern orders like the number; Knuth, TAOCP vol. 3, 5.2.5):
 * four 16-bit passes, O(n), ties kept in input order. Used to sort a model's predictions by confidence once.
 */
export function argsortNonNegative(values: Float64Array): Uint32Array {
  const n = values.length
  const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2)
  let order = new Uint32Array(n)
  let next = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  const counts = new Uint32Array(65536)
  // little-endian: word 2i is the low half, 2i + 1 the high half
  for (const [word, shift] of [
    [0, 0],
    [0, 16],
    [1, 0],
    [1, 16],
  ] as const) {
    counts.fill(0)
    for (let i = 0; i < n; i++) counts[(bits[2 * i + word] >>> shift) & 0xffff]++
    let total = 0
    for (let d = 0; d < 65536; d++) {
      const c = counts[d]
      counts[d] = total
      total += c
    }
    for (let k = 0; k < n; k++) {
      const i = order[k]
      next[counts[(bits[2 * i + word] >>> shift) & 0xffff]++] = i
    }
    ;[order, next] = [next, order]
  }
  return order
}
