/**
 * Text from a file (run names, file names, messages that quote cells) printed to a terminal: control
 * characters (C0, DEL, C1) and the bidirectional overrides that can hide or reorder what follows are shown
 * as visible \u escapes (ESC as \u001b), so that a run name cannot move the cursor, recolour or clear the
 * terminal. JSON output needs none of this: JSON.stringify escapes control characters itself.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
