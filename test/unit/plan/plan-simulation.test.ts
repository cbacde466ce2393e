/**
 * Validation by simulation (issue 13): a known Chinchilla law (Hoffmann et al. 2022, eq. 10) with log-normal noise
 * of 1% on a 15-run ladder (5 sizes x 10, 20, 40 tokens per parameter). The plan is made from one noisy draw of the
 * ladder; then the real interval of the forecast at the target is measured for three designs (the ladder, the ladder
 * plus the recommended runs, the ladder plus the naive next size of the same cost) as the 95% spread of the refitted
 * compute-optimal loss over 300 fresh noise draws (and its standard deviation, the steadier
 * measure of the same spread) of the whole design (each fit started from the true law, as the
 * bootstrap starts from the full-data optimum). Seeds are fixed; the full-size run is bench/plan.bench.ts.
 */
import { describe, expect, it } from 'vitest'
import { chinchillaAllocation } from '../../../src/core/fit/allocation'
import { chinchillaLoss, chinchillaVectorFromParams } from '../../../src/core/fit/chinchilla-law'
import { fitLaw } from '../../../src/core/fit/fit-laws'
import { percentileInterval, sampleSd } from '../../../src/core/numeric/stats'
import { seededRandom } from '../../../src/core/random'
import { planInThread } from '../../../src/core/plan/plan-job'

const law = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }
const SIGMA = 0.01
const TARGET = 1e22
type Design = { params: number; tokens: number }[]
const ladder: Design = [2e7, 4e7, 8e7, 1.6e8, 3.2e8].flatMap((N) => [10, 20, 40].map((m) => ({ params: N, tokens: m * N })))

function draw(design: Design, rng: ReturnType<typeof seededRandom>) {
  return design.map((r, i) => ({ run: `r${i}`, params: r.params, tokens: r.tokens, flops: 6 * r.params * r.tokens, loss: chinchillaLoss(law, r.params, r.tokens) * Math.exp(SIGMA * rng.normal()) }))
}

/** Width of the 95% spread, and standard deviation, of the refitted forecast at the target over `draws` noise draws of the design. */
function realSpread(design: Design, seed: number, draws = 300): { width: number; sd: number } {
  const rng = seededRandom(seed)
  const start = chinchillaVectorFromParams(law)
  const forecasts: number[] = []
  for (let k = 0; k < draws; k++) {
    const f = fitLaw('chinchilla', draw(design, rng), {}, {}, { vector: start })
    forecasts.push(chinchillaAllocation({ E: f.params.E, A: f.params.A, B: f.params.B, alpha: f.params.alpha, beta: f.params.beta }, TARGET).loss)
  }
  const [lo, hi] = percentileInterval(forecasts, 0.95)
  return { width: hi - lo, sd: sampleSd(forecasts) }
}

describe('plan by simulation on a known law', () => {
  it('recommends runs that narrow the real interval at the target, more than the naive next size of the same cost', () => {
    const spend = 6 * 6.4e8 * 20 * 6.4e8
    const plan = planInThread({ points: draw(ladder, seededRandom(1)), targetFlops: TARGET, spendFlops: spend, bootstrap: 40, seed: 1 })
    expect(plan.recommendations.length).toBeGreaterThan(0)
    expect(plan.spent_flops).toBeLessThanOrEqual(spend)
    const naiveCost = plan.naive.runs.reduce((s, r) => s + r.flops, 0)
    expect(naiveCost / spend).toBeCloseTo(1, 6)
    // the plan's own expectation
    const width = (i: [number, number]): number => i[1] - i[0]
    expect(width(plan.interval_expected)).toBeLessThan(width(plan.interval_now))
    expect(width(plan.interval_expected)).toBeLessThan(width(plan.naive.interval_expected))
    // the real intervals, same noise seed for every design
    const now = realSpread(ladder, 99)
    const recommended = realSpread([...ladder, ...plan.recommendations], 99)
    const naive = realSpread([...ladder, ...plan.naive.runs], 99)
    expect(recommended.width).toBeLessThan(0.8 * now.width)
    expect(recommended.sd).toBeLessThan(0.8 * now.sd)
    expect(recommended.width).toBeLessThan(naive.width)
    expect(recommended.sd).toBeLessThan(naive.sd)
  })
})
