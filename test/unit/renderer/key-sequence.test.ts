// Shortcut chords and two-key sequences (g then c), as listed in the help overlay.
import { describe, expect, it } from 'vitest'
import { chordOf, displayChord, feedChord } from '../../../src/renderer/composables/key-sequence'

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods })

describe('chordOf', () => {
  it('names chords', () => {
    expect(chordOf(key('o', { ctrlKey: true }))).toBe('ctrl+o')
    expect(chordOf(key('O', { metaKey: true, shiftKey: true }))).toBe('ctrl+o')
    expect(chordOf(key('?', { shiftKey: true }))).toBe('?')
    expect(chordOf(key('Delete'))).toBe('delete')
    expect(chordOf(key('Tab', { shiftKey: true }))).toBe('shift+tab')
  })
})

describe('feedChord', () => {
  const bindings = ['ctrl+o', '/', 'g c', 'g s']
  it('completes a single chord', () => {
    expect(feedChord({ pending: [] }, 'ctrl+o', bindings)).toEqual({ matched: 'ctrl+o', state: { pending: [] } })
  })
  it('waits after a prefix and completes the sequence', () => {
    const a = feedChord({ pending: [] }, 'g', bindings)
    expect(a).toEqual({ matched: null, state: { pending: ['g'] } })
    expect(feedChord(a.state, 's', bindings).matched).toBe('g s')
  })
  it('resets on a wrong second key and tries the key alone', () => {
    const a = feedChord({ pending: ['g'] }, '/', bindings)
    expect(a).toEqual({ matched: '/', state: { pending: [] } })
    expect(feedChord({ pending: ['g'] }, 'x', bindings)).toEqual({ matched: null, state: { pending: [] } })
  })
  it('writes chords for people', () => {
    expect(displayChord('ctrl+o')).toBe('Ctrl+O')
    expect(displayChord('g c')).toBe('G then C')
  })
})
