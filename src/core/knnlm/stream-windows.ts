/**
 * The sliding windows a model scores a token stream with, and how to cut the stream into parts that score the
 * same windows (for worker threads). Windows of C = min(context, count) input positions advance by `stride`; each
 * scores the positions the previous one did not, so every prediction after the first window sees at least
 * C - stride tokens of history (sliding-window evaluation). The last window is moved back to end at the stream's
 * last input position.
 */

export interface StreamWindow {
  /** first input position of the window */
  start: number
  /** first position it scores (the ones before were scored by earlier windows) */
  from: number
}

export interface WindowShape {
  /** window length C */
  length: number
  stride: number
}

/** C and the stride for `count` input positions (stride by default half the context). */
export function windowShape(count: number, context: number, stride?: number): WindowShape {
  const length = Math.min(context, count)
  return { length, stride: Math.max(1, Math.min(stride ?? Math.floor(context / 2), length)) }
}

/** The windows over `count` input positions (targets 1..count of a stream of count + 1 tokens). */
export function slidingWindows(count: number, shape: WindowShape): StreamWindow[] {
  const { length: C, stride } = shape
  const windows: StreamWindow[] = []
  if (count === 0) return windows
  let covered = 0
  for (let s = 0; covered < count; s += stride) {
    const start = Math.min(s, count - C)
    windows.push({ start, from: covered })
    covered = start + C
  }
  return windows
}

/** One part of a stream cut for separate scoring: the tokens to score, and which of its positions to keep. */
export interface StreamPart {
  /** tokens [tokenStart, tokenEnd) of the whole stream */
  tokenStart: number
  tokenEnd: number
  /** keep the part's positions from this one on (earlier ones had less history than in the whole stream) */
  keepFrom: number
}

/**
 * Cut a stream of `n` tokens into at most `parts` pieces whose windows are exactly the whole stream's windows,
 * starting each piece at a multiple of `batch` windows so that the batches are the same too: part p takes windows
 * [J_p, J_(p+1)); its tokens run from window J_p's start to one past the end of window J_(p+1) - 1 (the next
 * target), and its first C - stride positions are dropped (the whole stream scored them in window J_p - 1).
 * Positions kept from the parts, in order, are the whole stream's positions 0..n-2, each once.
 */
export function splitStream(n: number, context: number, parts: number, o: { stride?: number; batch?: number } = {}): StreamPart[] {
  const count = Math.max(0, n - 1)
  const shape = windowShape(count, context, o.stride)
  const windows = slidingWindows(count, shape)
  const batch = Math.max(1, o.batch ?? 32)
  const batches = Math.ceil(windows.length / batch)
  const p = Math.max(1, Math.min(Math.floor(parts), batches))
  if (p === 1) return [{ tokenStart: 0, tokenEnd: n, keepFrom: 0 }]
  // window indices where parts begin: multiples of the batch, as even as the batches allow
  const firsts = Array.from({ length: p }, (_, i) => Math.round((i * batches) / p) * batch)
  return firsts.map((J, i) => {
    const next = firsts[i + 1]
    const start = windows[J]!.start
    const tokenEnd = next === undefined ? n : windows[next - 1]!.start + shape.length + 1
    return { tokenStart: start, tokenEnd, keepFrom: i === 0 ? 0 : windows[J]!.from - start }
  })
}
