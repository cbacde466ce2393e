/** Names printed to a terminal: control characters and bidirectional overrides shown as \u escapes. */
import { describe, expect, it } from 'vitest'
import { visible } from '../../../src/cli/visible'

describe('visible', () => {
  it('escapes C0, DEL, C1 and bidi controls, and leaves other text alone', () => {
    expect(visible('\x1b[31mred\x1b[0m')).toBe('\\u001b[31mred\\u001b[0m')
    expect(visible('a\tb\nc\rd\x7f\x9b')).toBe('a\\u0009b\\u000ac\\u000dd\\u007f\\u009b')
    expect(visible('abc\u202edcba')).toBe('abc\\u202edcba')
    expect(visible('pythia-1.4b 缩放 ±0.5')).toBe('pythia-1.4b 缩放 ±0.5')
  })
})
