import { describe, expect, it } from 'vitest'
import { formatCount, formatFlops } from '../../../src/shared/units-format'

describe('formatCount', () => {
  it('writes counts as the field does', () => {
    // Pythia-70M has 70,426,624 parameters; Chinchilla 70B on 1.4T tokens (Hoffmann et al. 2022)
    expect(formatCount(70_426_624)).toBe('70.4M')
    expect(formatCount(70e9)).toBe('70B')
    expect(formatCount(1.4e12)).toBe('1.4T')
    expect(formatCount(300e9)).toBe('300B')
    expect(formatCount(null)).toBe('-')
    expect(formatFlops(5.76e23)).toBe('5.76e23')
  })
})
