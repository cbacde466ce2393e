import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../src/core/random'
import { equalWidthBins, fromColumns } from '../../../src/core/analysis/calibration-data'
import { calibrationStats, newAccumulator } from '../../../src/core/analysis/reliability'
import { calibrateGroups } from '../../../src/core/analysis/calibration'
import { blockedBootstrap, exactBootstrap } from '../../../src/core/analysis/calibration-bootstrap'
import { poissonVariate } from '../../../src/core/analysis/poisson-variate'
import { binomialVariate } from '../../../src/core/analysis/binomial-variate'
import { argsortNonNegative } from '../../../src/core/analysis/argsort'
import { sampleSd } from '../../../src/core/numeric/stats'

/** Synthetic binary predictions, over-confident by `shift`. */
function synthetic(n: number, seed: number, shift = 0.05) {
  const rng = seededRandom(seed)
  const conf = new Float64Array(n)
  const corr = new Float64Array(n)
  const prob = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const c = 0.5 + 0.5 * rng.next()
    const right = rng.next() < c - shift
    conf[i] = c
    corr[i] = right ? 1 : 0
    prob[i] = right ? c : 1 - c
  }
  return fromColumns('t', 'm', null, 1e9, conf, corr, prob)
}

describe('equal-mass bins with multiplicities', () => {
  it('equal the bins of the explicitly expanded and sorted resample', () => {
    const g = synthetic(57, 3)
    const rng = seededRandom(9)
    const weights = new Int32Array(g.n)
    for (let k = 0; k < g.n; k++) weights[rng.int(g.n)]++
    const bins = 7
    const weighted = calibrationStats(g, 'mass', bins, equalWidthBins(g.confidence, bins), weights, newAccumulator(bins))
    // expand: item i repeated weights[i] times, then sort and bin as an ordinary sample
    const conf: number[] = []
    const corr: number[] = []
    const prob: number[] = []
    for (let i = 0; i < g.n; i++)
      for (let w = 0; w < weights[i]; w++) {
        conf.push(g.confidence[i])
        corr.push(g.correct[i])
        prob.push(Math.exp(-g.nll[i]))
      }
    const expanded = fromColumns('t', 'm', null, 1e9, Float64Array.from(conf), Float64Array.from(corr), Float64Array.from(prob))
    const direct = calibrationStats(expanded, 'mass', bins, equalWidthBins(expanded.confidence, bins), null, newAccumulator(bins))
    for (const k of ['accuracy', 'mean_confidence', 'ece', 'mce', 'brier', 'nll'] as const) expect(weighted[k]).toBeCloseTo(direct[k], 12)
  })
})

describe('bootstrap engines', () => {
  const g = synthetic(25_000, 11)
  for (const binning of ['width', 'mass'] as const) {
    it(`blocked (Poisson, per cell) agrees with the exact multinomial bootstrap, ${binning} bins`, () => {
      const wb = equalWidthBins(g.confidence, 10)
      const exact = exactBootstrap(g, binning, 10, wb, 300, seededRandom(1))
      const blocked = blockedBootstrap(g, binning, 10, wb, 300, seededRandom(2))
      for (const k of ['accuracy', 'ece', 'brier', 'nll', 'mean_confidence'] as const) {
        const a = sampleSd(exact[k])
        const b = sampleSd(blocked[k])
        // two independent 300-resample estimates of one standard error differ by ~6 %; 20 % flags a bias
        expect(b / a, k).toBeGreaterThan(0.8)
        expect(b / a, k).toBeLessThan(1.25)
        const meanA = exact[k].reduce((s, v) => s + v, 0) / 300
        const meanB = blocked[k].reduce((s, v) => s + v, 0) / 300
        expect(Math.abs(meanA - meanB), k).toBeLessThan(0.5 * a)
      }
    })
  }

  it('chooses the exact engine for small data and the blocked one for large', () => {
    const small = calibrateGroups([synthetic(2000, 1)], { bootstrap: 100 })[0]
    expect(small.bootstrap?.engine).toBe('exact')
    const big = calibrateGroups([g], { bootstrap: 1000 })[0] // 25,000 x 1,000 > 2e7 draws
    expect(big.bootstrap?.engine).toBe('blocked')
    expect(big.intervals!.ece![0]!).toBeLessThan(big.ece!)
    expect(big.intervals!.ece![1]!).toBeGreaterThan(big.ece!)
  })

  it('gives the same result for a group whatever else is analysed (one stream per group)', () => {
    const a = synthetic(3000, 21)
    const b = fromColumns('t', 'other', null, 2e9, a.confidence, a.correct, a.correct.map((y, i) => (y ? a.confidence[i] : 1 - a.confidence[i])))
    const alone = calibrateGroups([a], { bootstrap: 100, seed: 4 })
    const together = calibrateGroups([b, a], { bootstrap: 100, seed: 4 })
    expect(together[1]).toEqual(alone[0])
  })
})

describe('random variates', () => {
  it('Poisson variates have mean and variance lambda', () => {
    for (const lambda of [0.7, 4, 37, 2000]) {
      const rng = seededRandom(lambda * 1000)
      const xs = Array.from({ length: 20_000 }, () => poissonVariate(lambda, rng))
      const m = xs.reduce((s, v) => s + v, 0) / xs.length
      const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)
      expect(Math.abs(m - lambda)).toBeLessThan(5 * Math.sqrt(lambda / xs.length))
      expect(v / lambda).toBeGreaterThan(0.95)
      expect(v / lambda).toBeLessThan(1.05)
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true)
    }
  })

  it('binomial variates have mean k p and variance k p (1 - p)', () => {
    for (const [k, p] of [
      [10, 0.3],
      [200, 0.5],
      [5000, 0.02],
      [3000, 0.9],
    ] as const) {
      const rng = seededRandom(k)
      const xs = Array.from({ length: 20_000 }, () => binomialVariate(k, p, rng))
      const m = xs.reduce((s, v) => s + v, 0) / xs.length
      const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)
      const variance = k * p * (1 - p)
      expect(Math.abs(m - k * p)).toBeLessThan(5 * Math.sqrt(variance / xs.length))
      expect(v / variance).toBeGreaterThan(0.95)
      expect(v / variance).toBeLessThan(1.05)
      expect(xs.every((x) => x >= 0 && x <= k)).toBe(true)
    }
  })

  it('argsort is ascending and keeps ties in input order', () => {
    const values = Float64Array.from([0.5, 0.25, 0.5, 1, 0, 0.25, 0.75, 0.5])
    expect(Array.from(argsortNonNegative(values))).toEqual([4, 1, 5, 0, 2, 7, 6, 3])
  })
})
