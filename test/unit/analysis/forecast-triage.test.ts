/**
 * Triage on degenerate and shaped ladders (synthetic runs whose checkpoints alternate around a final value, so the
 * checkpoint noise is known exactly). The real-data verdicts are in ladder-forecast.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { triageTask, sizeLine } from '../../../src/core/analysis/forecast-triage'
import { ladderForecast } from '../../../src/core/analysis/ladder-forecast'
import { lastMean, populationSd, trailingMovingAverage, type LadderRun } from '../../../src/core/analysis/ladder-series'
import type { EvalPoint } from '../../../src/core/analysis/types'

/** a run of 12 checkpoints alternating +-noise around (loss, accuracy); tokens = 20 N */
function run(params: number, accuracy: number, loss: number, noise = { acc: 0.002, loss: 0.001 }): LadderRun {
  const checkpoints = Array.from({ length: 12 }, (_, j) => {
    const sign = j % 2 === 0 ? -1 : 1
    return { checkpoint: (j + 1) * 100, tokens: 20 * params * ((j + 1) / 12), loss: loss + sign * noise.loss, accuracy: accuracy + sign * noise.acc }
  })
  return { model: `m${params}`, params, tokens: 20 * params, checkpoints }
}
const SIZES = [1e8, 2e8, 4e8, 8e8, 1.6e9]
const ladder = (acc: number[], loss: number[] = acc.map((_, i) => 1.2 - 0.1 * i), noise?: { acc: number; loss: number }): LadderRun[] =>
  acc.map((a, i) => run(SIZES[i], a, loss[i], noise))

describe('triage verdicts', () => {
  it('refuses fewer than 3 sizes (insufficient)', () => {
    const t = triageTask(ladder([0.3, 0.4]))
    expect(t.verdict).toBe('insufficient')
    expect(t.reasons.at(-1)).toMatch(/Only 2 sizes/)
  })

  it('calls constant scores trendless', () => {
    const t = triageTask(ladder([0.25, 0.25, 0.25, 0.25], undefined, { acc: 0, loss: 0.001 }))
    expect(t.verdict).toBe('trendless')
    expect(t.reasons.at(-1)).toMatch(/scores the same accuracy/)
  })

  it('calls a change below the tolerance trendless', () => {
    expect(triageTask(ladder([0.3, 0.302, 0.303, 0.304])).verdict).toBe('trendless')
  })

  it('calls falling accuracy inverse', () => {
    const t = triageTask(ladder([0.6, 0.5, 0.4, 0.3]))
    expect(t.verdict).toBe('inverse')
    expect(t.evidence.accuracy_trend?.fit).toBe('inverse')
  })

  it('calls a task loss that rises with size inverse even when accuracy rises', () => {
    const t = triageTask(ladder([0.3, 0.4, 0.5, 0.6], [0.9, 1.0, 1.1, 1.2]))
    expect(t.verdict).toBe('inverse')
    expect(t.reasons.at(-1)).toMatch(/task loss rises/)
  })

  it('calls a rise and fall non-monotonic', () => {
    const t = triageTask(ladder([0.3, 0.5, 0.6, 0.45, 0.3]))
    expect(t.verdict).toBe('non-monotonic')
    expect(t.evidence.accuracy_trend?.fit).toBe('inverted-u')
  })

  it('calls a change buried in checkpoint noise noisy', () => {
    const t = triageTask(ladder([0.30, 0.33, 0.31, 0.34], undefined, { acc: 0.05, loss: 0.001 }))
    expect(t.verdict).toBe('noisy')
    expect(t.evidence.accuracy_trend?.fit).toBe('flat')
  })

  it('calls a noisy task loss (CV above the threshold) noisy', () => {
    const t = triageTask(ladder([0.3, 0.4, 0.5, 0.6], undefined, { acc: 0.002, loss: 0.01 }))
    expect(t.verdict).toBe('noisy')
    expect(t.evidence.noise?.loss_cv).toBeGreaterThan(0.003)
  })

  it('calls a late jump from a flat floor breakthrough', () => {
    const t = triageTask(ladder([0.25, 0.252, 0.254, 0.45]))
    expect(t.verdict).toBe('breakthrough')
  })

  it('calls a clean monotone rise predictable, with its evidence', () => {
    const t = triageTask(ladder([0.3, 0.4, 0.5, 0.6]))
    expect(t.verdict).toBe('predictable')
    expect(t.evidence.sizes.map((s) => s.params)).toEqual(SIZES.slice(0, 4))
    expect(t.evidence.sizes[0].accuracy_sd).toBeCloseTo(0.002, 12)
    expect(t.evidence.noise?.model).toBe('m800000000')
  })
})

describe('the ladder line', () => {
  it('reads the tokens-per-parameter line with the most sizes', () => {
    const a = ladder([0.3, 0.4, 0.5])
    const b = [run(1e8, 0.35, 1.1), run(2e8, 0.45, 1.0)].map((r) => ({ ...r, model: r.model + '-long', tokens: 100 * r.params }))
    const line = sizeLine([...a, ...b])
    expect(line.ratio).toBe(20)
    expect(line.runs.map((r) => r.model)).toEqual(a.map((r) => r.model))
  })
})

describe('smoothing helpers (allenai/OLMo-ladder src/scaling/utils.py moving_average)', () => {
  it('averages over a trailing window, shorter at the start', () => {
    // numpy: moving_average([1, 2, 3, 4, 5, 6], 3) = [1, 1.5, 2, 3, 4, 5]
    expect(trailingMovingAverage([1, 2, 3, 4, 5, 6], 3)).toEqual([1, 1.5, 2, 3, 4, 5])
    expect(lastMean([1, 2, 3, 4, 5, 6], 5)).toBe(4)
    expect(populationSd([1, 3])).toBe(1)
  })
})

describe('forecast on degenerate input', () => {
  const points = (runs: LadderRun[]): EvalPoint[] =>
    runs.flatMap((r) =>
      r.checkpoints.flatMap((c) => [
        { model: r.model, params: r.params, tokens: c.tokens ?? undefined, task: 't', metric: 'bpb', value: c.loss, checkpoint: c.checkpoint ?? undefined },
        { model: r.model, params: r.params, tokens: c.tokens ?? undefined, task: 't', metric: 'acc', value: c.accuracy, checkpoint: c.checkpoint ?? undefined },
      ]),
    )
  it('refuses step 1 on fewer than 6 runs, saying how many it has', () => {
    expect(() => ladderForecast(points(ladder([0.3, 0.4, 0.5, 0.6])), { task: 't', lossMetric: 'bpb', accuracyMetric: 'acc', target: { params: 1e10, tokens: 2e11 } })).toThrow(
      /at least 6 ladder runs.*has 4 run/,
    )
  })
  it('refuses a target without tokens', () => {
    expect(() => ladderForecast(points(ladder([0.3, 0.4, 0.5, 0.6])), { task: 't', lossMetric: 'bpb', accuracyMetric: 'acc', target: { params: 1e10, tokens: 0 } })).toThrow(/positive parameter count and token count/)
  })
  it('names a run it cannot find', () => {
    expect(() =>
      ladderForecast(points(ladder([0.3, 0.4, 0.5, 0.6])), { task: 't', lossMetric: 'bpb', accuracyMetric: 'acc', runs: ['nope'], target: { params: 1e10, tokens: 2e11 } }),
    ).toThrow(/"nope"/)
  })
})

describe('the ladder fit refuses what it cannot use', () => {
  const six = (): LadderRun[] => [1e8, 2e8, 4e8].flatMap((N) => [20, 40].map((m) => ({ ...run(N, 0.3 + N / 2e9, 1.2 - N / 1e9), model: `m${N}-${m}`, tokens: m * N })))
  it('keeps the final checkpoint of a run known only by its final model', async () => {
    const { step2Points, BHAGIA_2024_RECIPE } = await import('../../../src/core/analysis/ladder-fit')
    const one: LadderRun = { model: 'final-only', params: 1e8, tokens: 2e9, checkpoints: [{ checkpoint: null, tokens: 2e9, loss: 1, accuracy: 0.4 }] }
    expect(step2Points(one, BHAGIA_2024_RECIPE)).toEqual({ loss: [1], accuracy: [0.4] })
  })
  it('refuses accuracy given in percent, naming the run and checkpoint', async () => {
    const { fitLadder, BHAGIA_2024_RECIPE } = await import('../../../src/core/analysis/ladder-fit')
    const runs = six()
    runs[2].checkpoints[3].accuracy = 41.5
    expect(() => fitLadder(runs, BHAGIA_2024_RECIPE)).toThrow(/"m200000000-20" at checkpoint 400 has accuracy 41\.5, outside \[0, 1\]/)
  })
})
