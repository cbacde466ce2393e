// The Curves view's hover read-out: shown where the pointer rests, at most once a frame, hidden while the user
// wheels or drags to zoom and pan, and shown again when the pointer moves freely after the gesture.
import { describe, expect, it } from 'vitest'
import { createHoverReadout, GESTURE_MS } from '../../../../src/renderer/curves/hover-readout'
import type { PointerNote } from '../../../../src/renderer/charts/pointer-note'

function rig() {
  const actions: unknown[] = []
  let now = 1000
  let frames: (() => void)[] = []
  const clock = {
    now: () => now,
    nextFrame: (cb: () => void) => frames.push(cb),
    cancelFrame: (h: number) => {
      frames[h - 1] = () => {}
    },
  }
  const readout = createHoverReadout(() => ({ dispatchAction: (a: unknown) => actions.push(a) }), clock)
  const at = (kind: PointerNote['kind'], x = 10, y = 20, buttons = 0) => readout.onPointer({ kind, x, y, buttons })
  const frame = () => {
    const due = frames
    frames = []
    due.forEach((f) => f())
  }
  return { actions, at, frame, tick: (ms: number) => (now += ms), readout }
}

describe('createHoverReadout', () => {
  it('shows the read-out where the pointer is, once a frame however many moves came', () => {
    const r = rig()
    r.at('mousemove', 10, 20)
    r.at('mousemove', 11, 20)
    r.at('mousemove', 12, 21)
    expect(r.actions).toEqual([])
    r.frame()
    expect(r.actions).toEqual([{ type: 'showTip', x: 12, y: 21 }])
    expect(r.readout.pointer()).toEqual({ x: 12, y: 21 })
    r.at('globalout')
    expect(r.readout.pointer()).toBeNull()
  })
  it('hides it for a wheel step and keeps it hidden while the wheel goes on', () => {
    const r = rig()
    r.at('mousemove')
    r.frame()
    r.at('mousewheel')
    expect(r.actions.slice(-2)).toEqual([{ type: 'hideTip' }, { type: 'updateAxisPointer', currTrigger: 'leave' }])
    r.tick(GESTURE_MS - 1)
    r.at('mousemove')
    r.frame()
    expect(r.actions.filter((a) => (a as { type: string }).type === 'showTip')).toHaveLength(1)
    expect(r.actions).toHaveLength(3)
    r.tick(2)
    r.at('mousemove', 30, 40)
    r.frame()
    expect(r.actions.at(-1)).toEqual({ type: 'showTip', x: 30, y: 40 })
  })
  it('hides it for a drag (a press, moves with the button down) and shows it after the release', () => {
    const r = rig()
    r.at('mousemove')
    r.frame()
    r.at('mousedown')
    r.at('mousemove', 20, 20, 1)
    r.frame()
    expect(r.actions).toEqual([{ type: 'showTip', x: 10, y: 20 }, { type: 'hideTip' }, { type: 'updateAxisPointer', currTrigger: 'leave' }])
    r.at('mouseup', 20, 20)
    r.at('mousemove', 21, 20)
    r.frame()
    expect(r.actions.at(-1)).toEqual({ type: 'showTip', x: 21, y: 20 })
  })
  it('drops a show still waiting for its frame when a gesture starts or the pointer leaves', () => {
    const r = rig()
    r.at('mousemove')
    r.at('mousewheel')
    r.frame()
    expect(r.actions).toEqual([])
    r.tick(GESTURE_MS + 1)
    r.at('mousemove')
    r.at('globalout')
    r.frame()
    expect(r.actions).toEqual([])
  })
  it('says hideTip only when something is shown', () => {
    const r = rig()
    r.at('mousedown')
    r.at('globalout')
    expect(r.actions).toEqual([])
  })
})
