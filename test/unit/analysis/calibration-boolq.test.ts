import { describe, expect, it } from 'vitest'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { calibrationVsScale } from '../../../src/core/analysis/calibration-scale'
import { boolqPredictions } from './load-fixtures'

/**
 * Expected values printed by scripts/reference/analysis-calibration.py (numpy, independent of the lab's
 * code) on test/fixtures/calibration/boolq_gpt2_per_example.csv, 10 bins, rounded to 10 decimals.
 * Columns: n, accuracy, mean confidence, ECE / MCE equal width, ECE / MCE equal mass, Brier, NLL.
 */
const REFERENCE: Record<string, number[]> = {
  'boolq-0shot-gpt2/gpt2': [3270, 0.5357798165, 0.638799808, 0.1030199915, 0.2314214051, 0.1030199915, 0.2309667431, 0.2618446653, 0.7222987483],
  'boolq-0shot-gpt2/gpt2-large': [3270, 0.6186544343, 0.7159677934, 0.1023199713, 0.1726821766, 0.1003633995, 0.1617674679, 0.2466302014, 0.6956078957],
  'boolq-0shot-gpt2/gpt2-medium': [3270, 0.5981651376, 0.6838116738, 0.0856465362, 0.1710094528, 0.0918455344, 0.1653887321, 0.2471408762, 0.6931255854],
  'boolq-0shot-gpt2/gpt2-xl': [3270, 0.5718654434, 0.6264922869, 0.0552038385, 0.1119925299, 0.0546268434, 0.1011682905, 0.242979156, 0.6796668728],
  'boolq-1shot-gpt2/gpt2': [3270, 0.5859327217, 0.6688734222, 0.088474939, 0.4187229167, 0.08837775, 0.2189054113, 0.255909557, 0.7129303582],
  'boolq-1shot-gpt2/gpt2-large': [3270, 0.6241590214, 0.699152108, 0.0749930866, 0.1384604148, 0.0749930866, 0.1599682446, 0.2377686477, 0.6736252997],
  'boolq-1shot-gpt2/gpt2-medium': [3270, 0.6082568807, 0.7534671405, 0.1452102598, 0.1810993686, 0.1452102598, 0.2000409067, 0.2569848392, 0.7256282491],
  'boolq-1shot-gpt2/gpt2-xl': [3270, 0.6480122324, 0.6477038767, 0.0110273207, 0.1128436038, 0.028036991, 0.0647625749, 0.2206701294, 0.633107175],
}

const rows = boolqPredictions()

describe('calibration on GPT-2 BoolQ (real data)', () => {
  it('matches the independent reference with equal-width bins', () => {
    const results = analyzeCalibration(rows, { bins: 10, binning: 'width', bootstrap: 0, choices: 2 })
    expect(results).toHaveLength(8)
    for (const r of results) {
      const ref = REFERENCE[`${r.task}/${r.model}`]
      expect(ref, `${r.task}/${r.model}`).toBeDefined()
      expect(r.n).toBe(ref[0])
      expect(r.accuracy!).toBeCloseTo(ref[1], 9)
      expect(r.mean_confidence!).toBeCloseTo(ref[2], 9)
      expect(r.ece!).toBeCloseTo(ref[3], 9)
      expect(r.mce!).toBeCloseTo(ref[4], 9)
      expect(r.brier!).toBeCloseTo(ref[7], 9)
      expect(r.nll!).toBeCloseTo(ref[8], 9)
      expect(r.confidence_source).toBe('two-choice')
      expect(r.ece_unavailable).toBeNull()
      // reliability bins add up to the items, and confidence >= 0.5 leaves the lower half empty
      expect(r.reliability.reduce((s, b) => s + b.count, 0)).toBe(ref[0])
      expect(r.reliability.slice(0, 5).every((b) => b.count === 0)).toBe(true)
    }
  })

  it('without the declared two choices, reports accuracy (from correct), Brier and NLL, and says why ECE is not available', () => {
    const results = analyzeCalibration(rows, { bins: 10, bootstrap: 50, seed: 2 })
    expect(results).toHaveLength(8)
    for (const r of results) {
      const ref = REFERENCE[`${r.task}/${r.model}`]
      expect(r.accuracy!).toBeCloseTo(ref[1], 9)
      expect(r.brier!).toBeCloseTo(ref[7], 9)
      expect(r.nll!).toBeCloseTo(ref[8], 9)
      expect(r.brier_on).toBe('gold')
      expect([r.ece, r.mce, r.mean_confidence, r.confidence_source]).toEqual([null, null, null, null])
      expect(r.reliability).toEqual([])
      expect(r.ece_unavailable).toMatch(/^ECE is not available because none of the 3270 items gives the confidence of the model's pick/)
      expect(Object.keys(r.intervals!).sort()).toEqual(['accuracy', 'brier', 'nll'])
    }
  })

  it('matches the independent reference with equal-mass bins', () => {
    const results = analyzeCalibration(rows, { bins: 10, binning: 'mass', bootstrap: 0, choices: 2 })
    for (const r of results) {
      const ref = REFERENCE[`${r.task}/${r.model}`]
      expect(r.ece!).toBeCloseTo(ref[5], 9)
      expect(r.mce!).toBeCloseTo(ref[6], 9)
      expect(r.reliability.map((b) => b.count)).toEqual([327, 327, 327, 327, 327, 327, 327, 327, 327, 327])
    }
  })

  it('gives seeded bootstrap intervals over items that cover the estimate', () => {
    const opts = { task: 'boolq-1shot-gpt2', bins: 10, binning: 'width' as const, bootstrap: 200, seed: 5, choices: 2 }
    const a = analyzeCalibration(rows, opts)
    const b = analyzeCalibration(rows, opts)
    expect(a).toEqual(b)
    for (const r of a) {
      expect(r.bootstrap?.engine).toBe('exact')
      const iv = r.intervals!
      for (const name of ['accuracy', 'brier', 'nll', 'mean_confidence'] as const) {
        expect(iv[name]![0]!).toBeLessThan(r[name]!)
        expect(iv[name]![1]!).toBeGreaterThan(r[name]!)
      }
      // binomial standard error of an accuracy over 3,270 items is about sqrt(p (1 - p) / n) ~ 0.0085
      expect(r.standard_errors!.accuracy).toBeGreaterThan(0.006)
      expect(r.standard_errors!.accuracy).toBeLessThan(0.011)
    }
    const other = analyzeCalibration(rows, { ...opts, seed: 6 })
    expect(other[0].intervals).not.toEqual(a[0].intervals)
  })

  it('lists calibration against scale in order of size with a trend per measure', () => {
    const scale = calibrationVsScale(analyzeCalibration(rows, { bootstrap: 100, seed: 1, choices: 2 }))
    expect(scale.map((s) => s.task)).toEqual(['boolq-0shot-gpt2', 'boolq-1shot-gpt2'])
    for (const s of scale) {
      expect(s.models.map((m) => m.model)).toEqual(['gpt2', 'gpt2-medium', 'gpt2-large', 'gpt2-xl'])
      for (const m of ['ece', 'brier', 'nll', 'accuracy'] as const) {
        expect(s.trends[m]!.evidence.sizes).toBe(4)
        expect(s.trends[m]!.higher_is_better).toBe(m === 'accuracy')
      }
    }
    // 1-shot accuracy rises steadily 0.586, 0.608, 0.624, 0.648 (standard errors ~0.008): positive
    expect(scale[1].trends.accuracy!.shape).toBe('positive')
    // 0-shot NLL falls 0.722 -> 0.680 and lower is better: positive too
    expect(scale[0].trends.nll!.shape).toBe('positive')
    // 1-shot ECE goes 0.088, 0.145, 0.075, 0.011 with bootstrap errors near 0.01: worse from gpt2 to
    // gpt2-medium, then better; one turn beats any monotone fit, so on the score (lower ECE is better) a U
    const ece = scale[1].trends.ece!
    expect(ece.shape).toBe('u-shaped')
    expect(ece.evidence.test!.turn.p_value).toBeLessThan(0.05)
    expect(ece.evidence.test!.turn.at).toBe(scale[1].models[1].params)
  })
})
