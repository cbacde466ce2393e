// Where an error happened, as the CLI and the renderer's error box print it before the message.
import { describe, expect, it } from 'vitest'
import { errorLocation } from '../../../src/shared/error-location'

describe('errorLocation', () => {
  it('gives FILE:LINE:COLUMN with the unknown parts left out', () => {
    expect(errorLocation({ file: 'runs.csv', line: 2, column: 10, message: '"abc" is not a number' })).toBe('runs.csv:2:10')
    expect(errorLocation({ file: 'keys.npy', line: null, message: 'keys must be a 2-D array' })).toBe('keys.npy')
    expect(errorLocation({ message: 'no file' })).toBe('')
  })
  it('is empty when the message already begins with the location, so the file is not said twice', () => {
    expect(errorLocation({ file: '/tmp/bad.npy', message: '/tmp/bad.npy: not a NumPy .npy file' })).toBe('')
    // a message that only mentions the file further on still gets the location in front
    expect(errorLocation({ file: 'v.npy', message: 'values in v.npy must be int32' })).toBe('v.npy')
  })
})
