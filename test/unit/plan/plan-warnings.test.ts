/**
 * A plan says when its runs buy almost no certainty: the expected interval less than 1% narrower than now (the
 * width is the runs' scatter around the law, which more runs do not reduce). Data: a 15-run ladder from a
 * Chinchilla-form law (Hoffmann et al. 2022 eq. 10) with 1% or 10% seeded log-normal noise.
 */
import { describe, expect, it } from 'vitest'
import { chinchillaLoss } from '../../../src/core/fit/chinchilla-law'
import { seededRandom } from '../../../src/core/random'
import { planInThread } from '../../../src/core/plan/plan-job'
import type { ScalingPoint } from '../../../src/core/catalog/types'

const law = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }
function ladder(noise: number): ScalingPoint[] {
  const rng = seededRandom(5)
  return [2e7, 4e7, 8e7, 1.6e8, 3.2e8].flatMap((N) =>
    [10, 20, 40].map((m) => ({ runId: 0, run: `n${N}-m${m}`, family: null, params: N, tokens: m * N, flops: 6 * N * m * N, loss: chinchillaLoss(law, N, m * N) * Math.exp(noise * rng.normal()) }) as ScalingPoint),
  )
}
const narrowing = (p: ReturnType<typeof planInThread>): number => 1 - (p.interval_expected[1] - p.interval_expected[0]) / (p.interval_now[1] - p.interval_now[0])

describe('plan warnings', () => {
  it('says a spend narrows the interval by under 1%, and stays quiet when it narrows more', () => {
    // a small spend on a scattered ladder (10% noise): the interval is the scatter, which a few small runs leave
    const tiny = planInThread({ points: ladder(0.1), targetFlops: 1e22, spendFlops: 3e16, bootstrap: 30, seed: 7 })
    const real = planInThread({ points: ladder(0.01), targetFlops: 1e22, spendFlops: 5e19, bootstrap: 30, seed: 7 })
    const says = (p: typeof tiny): boolean => p.warnings.some((w) => w.code === 'little-narrowing')
    expect(tiny.recommendations.length).toBeGreaterThan(0)
    expect(narrowing(tiny)).toBeLessThan(0.01)
    expect(says(tiny)).toBe(true)
    expect(tiny.warnings.find((w) => w.code === 'little-narrowing')!.message).toMatch(/narrow the interval by only \d+\.\d\d%/)
    expect(narrowing(real)).toBeGreaterThanOrEqual(0.01)
    expect(says(real)).toBe(false)
  })
})
