/**
 * Keyboard shortcuts as sequences of key chords: "ctrl+o", "/", "?", "g c". Pure helpers: a chord name from
 * a key event, and the matcher that follows a two-key sequence (g then c) the way Gmail and GitHub do.
 */
export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

/** "ctrl+o" for Ctrl+O or Cmd+O; printable keys by their character ("?" already implies shift). */
export function chordOf(e: KeyLike): string {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase()
  const parts: string[] = []
  if (e.ctrlKey || e.metaKey) parts.push('ctrl')
  if (e.altKey) parts.push('alt')
  if (e.shiftKey && e.key.length > 1) parts.push('shift')
  parts.push(key === ' ' ? 'space' : key)
  return parts.join('+')
}

export interface SequenceState {
  pending: string[]
}

/**
 * Feed a chord; returns the binding completed (if any) and the new pending prefix. A chord that neither
 * completes nor extends a binding resets the prefix (and is tried again on its own).
 */
export function feedChord(state: SequenceState, chord: string, bindings: readonly string[]): { matched: string | null; state: SequenceState } {
  const attempt = [...state.pending, chord]
  const joined = attempt.join(' ')
  if (bindings.includes(joined)) return { matched: joined, state: { pending: [] } }
  if (bindings.some((b) => b.startsWith(joined + ' '))) return { matched: null, state: { pending: attempt } }
  if (state.pending.length > 0) return feedChord({ pending: [] }, chord, bindings)
  return { matched: null, state: { pending: [] } }
}

/** Shown in the help overlay: "ctrl+o" -> "Ctrl+O", "g c" -> "G then C". */
export function displayChord(binding: string, then = 'then'): string {
  return binding
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((k) => (k === 'ctrl' ? 'Ctrl' : k === 'alt' ? 'Alt' : k === 'shift' ? 'Shift' : k.length === 1 ? k.toUpperCase() : k[0].toUpperCase() + k.slice(1)))
        .join('+'),
    )
    .join(` ${then} `)
}
