/**
 * What a chart forwards of the pointer (zrender's mouse events on the chart's surface): the kind of event, where
 * in the chart it happened (px) and which buttons were down. Views that drive the hover read-out themselves (the
 * Curves view: src/renderer/curves/hover-readout.ts) listen to these.
 */
export type PointerKind = 'mousemove' | 'mousewheel' | 'mousedown' | 'mouseup' | 'globalout'

export interface PointerNote {
  kind: PointerKind
  x: number
  y: number
  buttons: number
}

interface ZrEventLike {
  offsetX?: number
  offsetY?: number
  event?: { buttons?: number }
}

export function pointerNote(kind: PointerKind, e: unknown): PointerNote {
  const z = (e ?? {}) as ZrEventLike
  return { kind, x: z.offsetX ?? NaN, y: z.offsetY ?? NaN, buttons: z.event?.buttons ?? 0 }
}
