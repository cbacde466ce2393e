// The calibration-against-scale chart names only what it draws: on real GPT-2 BoolQ predictions without the
// declared two choices ECE is not available (the pick's confidence is unknown), so the left axis says Brier only.
import { describe, expect, it } from 'vitest'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { calibrationVsScale } from '../../../src/core/analysis/calibration-scale'
import { calibrationAxisNames, calibrationScaleOption } from '../../../src/shared/figures/analysis-charts'
import { boolqPredictions } from '../analysis/load-fixtures'

const labels = { x: 'Parameters', ece: 'ECE', brier: 'Brier', nll: 'NLL', separator: ', ' }
const zeroShot = boolqPredictions().filter((r) => r.task === 'boolq-0shot-gpt2')

function axisNames(option: ReturnType<typeof calibrationScaleOption>): string[] {
  return (option.yAxis as { name: string }[]).map((a) => a.name)
}

describe('calibration against scale: axis names', () => {
  it('name ECE and Brier on the left, NLL on the right, when all three are drawn', () => {
    const [scale] = calibrationVsScale(analyzeCalibration(zeroShot, { bins: 10, bootstrap: 0, choices: 2 }))
    const option = calibrationScaleOption(scale, labels)
    expect(axisNames(option)).toEqual(['ECE, Brier', 'NLL'])
    expect((option.series as { name: string }[]).map((s) => s.name)).toEqual(['ECE', 'Brier', 'NLL'])
  })

  it('leave ECE out of the left axis when no model has it (BoolQ without the two declared choices)', () => {
    const [scale] = calibrationVsScale(analyzeCalibration(zeroShot, { bins: 10, bootstrap: 0 }))
    expect(scale.models.every((m) => m.ece === null)).toBe(true)
    const option = calibrationScaleOption(scale, labels)
    expect(axisNames(option)).toEqual(['Brier', 'NLL'])
    expect((option.series as { name: string }[]).map((s) => s.name)).toEqual(['Brier', 'NLL'])
  })

  it('leave an axis unnamed when nothing is drawn on it, and join names with the language separator', () => {
    expect(calibrationAxisNames({ ece: true, brier: true, nll: false }, { ...labels, separator: '、' })).toEqual({ left: 'ECE、Brier', right: '' })
    expect(calibrationAxisNames({ ece: false, brier: false, nll: true }, labels)).toEqual({ left: '', right: 'NLL' })
  })
})
