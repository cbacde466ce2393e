// The rules checked here are stream-windows.ts's own: every input position scored once by the first window that
// covers it past the previous one, and parts that reproduce the whole stream's windows and batches.
import { describe, expect, it } from 'vitest'
import { slidingWindows, splitStream, windowShape } from '../../../src/core/knnlm/stream-windows'

describe('slidingWindows', () => {
  it('scores every position once, each after at least C - stride tokens of history past the first window', () => {
    for (const [count, context, stride] of [[1, 16, 8], [16, 16, 8], [17, 16, 8], [100, 16, 8], [100, 16, 5], [1000, 64, 32], [999, 64, 1]] as const) {
      const shape = windowShape(count, context, stride)
      const ws = slidingWindows(count, shape)
      const seen: number[] = []
      for (const w of ws) {
        expect(w.start + shape.length).toBeLessThanOrEqual(count)
        for (let i = Math.max(w.from, w.start); i < w.start + shape.length; i++) {
          seen.push(i)
          if (w !== ws[0]) expect(i - w.start).toBeGreaterThanOrEqual(shape.length - shape.stride)
        }
      }
      expect(seen).toEqual(Array.from({ length: count }, (_, i) => i))
    }
  })
})

describe('splitStream', () => {
  const cases = [
    { n: 5000, context: 16, parts: 2, batch: 32 },
    { n: 5000, context: 16, parts: 3, batch: 4 },
    { n: 20001, context: 64, parts: 4, batch: 32 },
    { n: 777, context: 16, parts: 4, batch: 2, stride: 5 },
    { n: 300, context: 64, parts: 8, batch: 1 },
  ]

  it('cuts the stream into parts whose windows and batches are the whole stream\'s, keeping each position once', () => {
    for (const c of cases) {
      const count = c.n - 1
      const shape = windowShape(count, c.context, c.stride)
      const whole = slidingWindows(count, shape)
      const parts = splitStream(c.n, c.context, c.parts, { stride: c.stride, batch: c.batch })
      expect(parts.length).toBeGreaterThan(1)
      expect(parts.length).toBeLessThanOrEqual(c.parts)
      const kept: number[] = []
      let windowIndex = 0
      for (const p of parts) {
        // each part starts at a batch boundary of the whole stream's windows
        expect(windowIndex % c.batch).toBe(0)
        const partCount = p.tokenEnd - p.tokenStart - 1
        const own = slidingWindows(partCount, windowShape(partCount, c.context, c.stride))
        for (const w of own) {
          const original = whole[windowIndex++]!
          expect(w.start + p.tokenStart).toBe(original.start)
          for (let i = Math.max(w.from, w.start, p.keepFrom); i < w.start + shape.length; i++) kept.push(i + p.tokenStart)
          // what the part keeps of the window is what the whole stream scored with it
          expect(Math.max(w.from, p.keepFrom) + p.tokenStart).toBe(Math.max(original.from, original.start))
        }
      }
      expect(windowIndex).toBe(whole.length)
      expect(kept).toEqual(Array.from({ length: count }, (_, i) => i))
    }
  })

  it('keeps a short stream whole', () => {
    expect(splitStream(40, 16, 4, { batch: 32 })).toEqual([{ tokenStart: 0, tokenEnd: 40, keepFrom: 0 }])
    expect(splitStream(5000, 16, 1)).toEqual([{ tokenStart: 0, tokenEnd: 5000, keepFrom: 0 }])
  })
})
