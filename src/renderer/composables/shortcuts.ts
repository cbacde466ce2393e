/**
 * One keydown listener for the window; the shell and views bind handlers to chords or sequences.
 * Plain keys are ignored while typing in a field (Ctrl chords and Escape still work).
 * Usage in a view: `useShortcut('delete', () => ...)` - removed again when the view unmounts.
 */
import { onBeforeUnmount } from 'vue'
import { chordOf, feedChord, type SequenceState } from './key-sequence'

/** A handler may return false to decline the key (it then keeps its default action). */
type Handler = (e: KeyboardEvent) => void | boolean
const handlers = new Map<string, Handler[]>()
let state: SequenceState = { pending: [] }
let installed = false

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  const tag = target.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable
}

function onKeyDown(e: KeyboardEvent): void {
  if (e.isComposing) return
  const chord = chordOf(e)
  if (typingIn(e.target) && !chord.startsWith('ctrl+') && chord !== 'escape') return
  const res = feedChord(state, chord, [...handlers.keys()])
  state = res.state
  if (res.matched) {
    const list = handlers.get(res.matched)
    const h = list?.[list.length - 1] // the most recently bound handler wins (a dialog over a view)
    if (h && h(e) !== false) e.preventDefault()
  } else if (state.pending.length > 0) {
    e.preventDefault()
  }
}

export function installShortcuts(): void {
  if (installed) return
  installed = true
  window.addEventListener('keydown', onKeyDown)
}

export function bindShortcut(binding: string, h: Handler): () => void {
  const list = handlers.get(binding) ?? []
  list.push(h)
  handlers.set(binding, list)
  return () => {
    const l = handlers.get(binding)
    if (!l) return
    const i = l.lastIndexOf(h)
    if (i >= 0) l.splice(i, 1)
    if (l.length === 0) handlers.delete(binding)
  }
}

/** Bind for the lifetime of the calling component. */
export function useShortcut(binding: string, h: Handler): void {
  const off = bindShortcut(binding, h)
  onBeforeUnmount(off)
}
