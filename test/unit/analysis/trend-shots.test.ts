/**
 * Shots are not repeats in the trend classifier either: on the real Pythia arithmetic evaluations (5 shot counts,
 * test/fixtures/emergence), one series per shot count by default, each read at its own count; pooling is asked for.
 */
import { describe, expect, it } from 'vitest'
import { classifyTrend } from '../../../src/core/analysis/trend-shape'
import { pythiaArithmetic } from './load-fixtures'

const TASK = 'arithmetic_addition_2operand_x1_0to99'

describe('trend shapes by shot count', () => {
  const points = pythiaArithmetic().filter((p) => p.task === TASK)
  const counts = [...new Set(points.map((p) => p.shots))].sort((a, b) => a! - b!)

  it('gives one series per shot count by default, each with its own points', () => {
    expect(counts.length).toBeGreaterThan(1)
    const results = classifyTrend(points, { task: TASK, simulations: 200 })
    expect(results.map((r) => r.shots)).toEqual(counts)
    for (const r of results) {
      expect(r.pooled_shots).toBeNull()
      const own = classifyTrend(points, { task: TASK, shots: r.shots!, simulations: 200 })
      expect(own).toHaveLength(1)
      expect(r.points.map((p) => p.value)).toEqual(own[0].points.map((p) => p.value))
      expect(r.shape).toBe(own[0].shape)
    }
  })

  it('pools the shot counts as repeats of one size only when asked, and says which', () => {
    const [pooled] = classifyTrend(points, { task: TASK, poolShots: true, simulations: 200 })
    expect(pooled.shots).toBeNull()
    expect(pooled.pooled_shots).toEqual(counts)
    expect(pooled.evidence.noise).toBe('runs')
  })
})
