/**
 * The Curves view's hover read-out (axis pointer and tooltip), driven here instead of by ECharts (its tooltip's
 * `triggerOn: 'none'`). ECharts looks up every line's nearest point on every mouse move and wheel step, also while
 * the user drags or wheels to pan and zoom, and shows the read-out again after each redraw of a zoom: with 100 runs
 * that was a tenth of each frame of a gesture (bench/curves-chart.bench.ts). Here the read-out is hidden while a
 * gesture lasts (a button held, or a wheel step in the last GESTURE_MS) and shown again, once per animation frame at
 * most, where the pointer is when it moves without one.
 */
import type { PointerNote } from '../charts/pointer-note'

export const GESTURE_MS = 200

export interface ReadoutChart {
  dispatchAction(action: { type: 'showTip'; x: number; y: number } | { type: 'hideTip' } | { type: 'updateAxisPointer'; currTrigger: 'leave' }): void
}

export interface ReadoutClock {
  now(): number
  nextFrame(cb: () => void): number
  cancelFrame(handle: number): void
}

const browserClock: ReadoutClock = {
  now: () => performance.now(),
  nextFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (h) => cancelAnimationFrame(h),
}

export function createHoverReadout(chart: () => ReadoutChart | null | undefined, clock: ReadoutClock = browserClock) {
  let gestureUntil = -Infinity
  let shown = false
  let pending: { x: number; y: number } | null = null
  /** where the read-out shows (px in the chart), while it shows */
  let at: { x: number; y: number } | null = null
  let frame: number | null = null

  function cancelPending(): void {
    pending = null
    if (frame !== null) clock.cancelFrame(frame)
    frame = null
  }
  function hide(): void {
    cancelPending()
    at = null
    if (!shown) return
    shown = false
    const c = chart()
    // the tooltip, and the axis pointer's line with it (it would stay at its pixel, at another x once zoomed)
    c?.dispatchAction({ type: 'hideTip' })
    c?.dispatchAction({ type: 'updateAxisPointer', currTrigger: 'leave' })
  }
  function show(): void {
    frame = null
    const next = pending
    pending = null
    const c = chart()
    if (!next || !c) return
    shown = true
    at = next
    c.dispatchAction({ type: 'showTip', x: next.x, y: next.y })
  }

  function onPointer(p: PointerNote): void {
    const now = clock.now()
    if (p.kind === 'mousewheel') gestureUntil = now + GESTURE_MS
    // a press starts a drag (the moves that follow carry the button); a release ends it
    if (p.kind === 'mousewheel' || p.kind === 'mousedown' || p.kind === 'globalout') return hide()
    if (p.kind === 'mouseup') return
    if (p.buttons !== 0 || now < gestureUntil || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return hide()
    pending = { x: p.x, y: p.y }
    if (frame === null) frame = clock.nextFrame(show)
  }

  return {
    onPointer,
    hide,
    dispose: cancelPending,
    /** the pointer's place in the chart (px) the read-out shows for, or null when it is hidden */
    pointer: (): { x: number; y: number } | null => at,
  }
}
