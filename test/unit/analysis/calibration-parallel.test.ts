import { describe, expect, it } from 'vitest'
import { calibrationWorkerBody, shareGroups } from '../../../src/core/analysis/calibration-parallel'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { groupPredictions } from '../../../src/core/analysis/calibration-data'
import { boolqPredictions } from './load-fixtures'

describe('calibration on threads', () => {
  it('shares groups over threads, balanced by item count', () => {
    const groups = [100, 80, 60, 50, 10].map((n, i) => ({ n, id: i }))
    const shares = shareGroups(groups, 2)
    expect(shares.map((s) => s.reduce((t, g) => t + g.n, 0))).toEqual([150, 150])
    expect(shareGroups(groups, 8)).toHaveLength(5)
  })

  it('the worker body gives what the single-threaded call gives for its share', () => {
    const rows = boolqPredictions()
    const opts = { bootstrap: 50, seed: 3, binning: 'mass' as const, choices: 2 }
    const all = analyzeCalibration(rows, opts)
    const groups = groupPredictions(rows, 2)
    const [first, second] = shareGroups(groups, 2)
    const fromWorkers = [...calibrationWorkerBody({ groups: first, opts }, () => {}), ...calibrationWorkerBody({ groups: second, opts }, () => {})]
    const key = (r: { task: string; model: string }): string => `${r.task}/${r.model}`
    const byKey = new Map(all.map((r) => [key(r), r]))
    expect(fromWorkers).toHaveLength(all.length)
    for (const r of fromWorkers) expect(r).toEqual(byKey.get(key(r)))
  })
})
