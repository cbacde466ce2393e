/**
 * Issue 11: names went unescaped into ECharts tooltips, which ECharts puts into the page as HTML. A run, model,
 * task or family called `<img src=x onerror=alert(1)>` must come out of every tooltip formatter as text. The
 * analysis results are computed by the engine from real public data (Pythia arithmetic, GPT-2 BoolQ) with the
 * names replaced, so the names reach the charts the way they do in the app.
 */
import { describe, expect, it } from 'vitest'
import { escapeHtml } from '../../../src/shared/escape-html'
import { computeAllocationOption, isoflopOption, scalingLawOption } from '../../../src/shared/figures/scaling-charts'
import { calibrationScaleOption, emergenceOption, reliabilityOption, trendGroupOption } from '../../../src/shared/figures/analysis-charts'
import { PRESETS } from '../../../src/core/fit/presets'
import { classifyTrend } from '../../../src/core/analysis/trend-shape'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { calibrationVsScale } from '../../../src/core/analysis/calibration-scale'
import { analyzeEmergence } from '../../../src/core/analysis/emergence'
import type { FitResultInfo, ScalingPointInfo } from '../../../src/shared/api/fit'
import { boolqPredictions, pythiaArithmetic } from '../analysis/load-fixtures'

const EVIL = '<img src=x onerror=alert(1)>'
const ESCAPED = '&lt;img src=x onerror=alert(1)&gt;'

type Formatter = (p: unknown) => string
const formatterOf = (option: unknown): Formatter => (option as { tooltip: { formatter: Formatter } }).tooltip.formatter

/** The tooltip shows the name as text: escaped, and no tag but the formatter's own <br/> and <b>. */
function expectText(html: string): void {
  expect(html).toContain(ESCAPED)
  expect(html).not.toContain('<img')
  expect(html.replace(/<\/?b>|<br\/>/g, '')).not.toMatch(/[<>]/)
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;')
    expect(escapeHtml(null)).toBe('')
    expect(escapeHtml(undefined)).toBe('')
    expect(escapeHtml(3)).toBe('3')
  })
})

describe('scaling chart tooltips', () => {
  const p = PRESETS.chinchilla.params
  const points: ScalingPointInfo[] = [1e8, 2e8, 4e8, 8e8].map((N, i) => ({ runId: i + 1, run: EVIL, family: EVIL, params: N, tokens: 20 * N, flops: 120 * N * N, loss: p.E + p.A / N ** p.alpha + p.B / (20 * N) ** p.beta }))
  const fit: FitResultInfo = { law: 'chinchilla', n_points: 4, params: { ...p }, objective: 0, derived: {}, converged: true, iterations: 1 }

  it('a run named like a tag is text on its point and on its residual', () => {
    const f = formatterOf(scalingLawOption(points, fit, { x: 'params' }))
    expectText(f({ seriesName: 'Runs', name: EVIL, value: [1e8, 3, 1], seriesId: 'points' }))
    expectText(f({ seriesName: EVIL, name: '', value: [1e8, 3, 1], seriesId: 'points' }))
    expectText(f({ seriesName: 'Residuals', name: EVIL, value: [1e8, 0.01, 1], seriesId: 'residuals' }))
  })

  it('IsoFLOP points and groups, and compute-allocation laws, are text', () => {
    const groups = [1e19, 1e20].map((C) => ({ flops: C, runs: [EVIL, EVIL, EVIL], points: [[8, 3], [8.5, 2.8], [9, 2.9]] as [number, number][], parabola: [0, 0, 0] as [number, number, number], vertex: { N: 3e8, D: C / 1.8e9, loss: 2.79, log10N: 8.48, inRange: true } }))
    const iso = formatterOf(isoflopOption({ law: 'isoflop', params: { a: 0.5, b: 0.5, k_N: 0.1, k_D: 1.6 }, diagnostics: { groups } }))
    expectText(iso({ seriesName: EVIL, name: EVIL, value: [3e8, 2.8] }))
    const compute = formatterOf(computeAllocationOption([{ name: EVIL, source: { law: 'chinchilla', params: { ...p } } }]))
    expectText(compute({ seriesName: EVIL, value: [1e22, 1e9, 20, 2.5] }))
  })
})

describe('analysis chart tooltips (real data, hostile names)', () => {
  it('trend shapes: task, family and the classification reason are text', () => {
    const points = pythiaArithmetic()
      .filter((q) => q.task === 'arithmetic_addition_2operand_x1_0to99' && q.shots === 0)
      .map((q) => ({ ...q, task: EVIL, family: EVIL }))
    const results = classifyTrend(points, { task: EVIL, simulations: 50 })
    expect(results.length).toBeGreaterThan(0)
    const html = formatterOf(trendGroupOption(results, { x: 'N', y: 'score' }))({ seriesIndex: 0, value: [1e8, 0.1] })
    expectText(html)
  })

  it('emergence: the series names ECharts hands the formatter are text', () => {
    const points = pythiaArithmetic()
      .filter((q) => q.task === 'arithmetic_addition_2operand_x1_0to99' && q.shots === 0)
      .map((q) => ({ ...q, task: EVIL, family: EVIL }))
    const [r] = analyzeEmergence(points, { bootstrap: 0 })
    const labels = { x: 'N', y: 'score', observed: EVIL, flat: 'flat', linear: 'linear', logistic: 'logistic', chance: 'chance', threshold: 'threshold', scale: 'scale' }
    expectText(formatterOf(emergenceOption(r, labels))({ seriesName: EVIL, value: [1e8, 0.1] }))
  })

  it('calibration: a model named like a tag is text in the reliability diagram and against scale', () => {
    const byModel = new Map<string, number>()
    const rows = boolqPredictions()
      .filter((row) => {
        const seen = byModel.get(row.model + row.task) ?? 0
        byModel.set(row.model + row.task, seen + 1)
        return seen < 200
      })
      .map((row) => ({ ...row, model: `${EVIL} ${row.model}`, task: EVIL }))
    const results = analyzeCalibration(rows, { choices: 2, bootstrap: 0 })
    expect(results.length).toBeGreaterThan(1)
    const reliability = reliabilityOption(results, { x: 'confidence', y: 'accuracy', diagonal: 'perfect', count: 'items' }) as unknown as { series: { name: string }[] }
    const modelSeries = reliability.series.find((s) => s.name.includes(EVIL))!
    expectText(formatterOf(reliability)({ seriesName: modelSeries.name, value: [0.6, 0.55, 20] }))
    const [scale] = calibrationVsScale(results)
    const html = formatterOf(calibrationScaleOption(scale, { x: 'N', ece: 'ECE', brier: 'Brier', nll: 'NLL', separator: ' / ' }))([{ seriesName: 'ECE', dataIndex: 0, value: [1e8, 0.1] }])
    expectText(html)
  })
})
