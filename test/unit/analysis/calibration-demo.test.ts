/**
 * The demo's calibration data (resources/demo/lab_lm_cloze4.csv, the lab's own LM at three sizes on a four-way
 * next-word cloze; scripts/make-calibration-demo.ts): seeded into the demo project on first start, the Calibration
 * analysis of each task matches an independent numpy computation from the shipped file
 * (scripts/reference/calibration-demo-cloze.py -> test/fixtures/calibration/lab-lm-cloze4.expected.json), and each
 * task says which file its numbers come from.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { analyzeCalibration } from '../../../src/core/analysis/calibration'
import { predictionRowsFromCatalog } from '../../../src/core/analysis/from-catalog'
import type { AnalysisTask } from '../../../src/shared/api'

const expected = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'calibration', 'lab-lm-cloze4.expected.json'), 'utf8')) as {
  tasks: Record<string, Record<string, Record<string, number>>>
}

let lab: Lab
let projectId = 0
beforeAll(async () => {
  lab = await createLab({ catalogPath: ':memory:', host: 'web' })
  projectId = lab.context.catalog.listProjects().find((p) => p.name === 'Demo: Pythia')!.id
}, 120_000)
afterAll(() => lab?.close())

describe('the demo project opens the Calibration view on the lab LM cloze', () => {
  it('lists both cloze tasks with three sizes each and the file they come from', async () => {
    const tasks = (await lab.invoke('analysisTasks', { projectId })) as AnalysisTask[]
    for (const name of Object.keys(expected.tasks)) {
      const t = tasks.find((x) => x.task === name)!
      expect(t).toMatchObject({ predictions: 750, runs: 3, sources: ['lab_lm_cloze4.csv'] })
    }
    expect(tasks.find((x) => x.task === 'lambada_openai')!.sources).toEqual(['pythia_v1_lambada_piqa_zeroshot.csv'])
  })

  it('matches the numpy reference per task and size (accuracy, confidence, ECE, MCE, Brier, NLL)', () => {
    const rows = predictionRowsFromCatalog(lab.context.catalog.listPredictions({ projectId }))
    for (const [task, models] of Object.entries(expected.tasks)) {
      const results = analyzeCalibration(rows, { task, bins: 10, binning: 'width', bootstrap: 0 })
      expect(results.map((r) => r.model)).toEqual(['lab-lm-d16', 'lab-lm-d32', 'lab-lm-d64'])
      for (const r of results) {
        const ref = models[r.model]!
        expect(r.params).toBe(ref.params)
        expect(r.n).toBe(ref.n)
        expect(r.accuracy!).toBeCloseTo(ref.accuracy!, 10)
        expect(r.mean_confidence!).toBeCloseTo(ref.mean_confidence!, 10)
        expect(r.ece!).toBeCloseTo(ref.ece_width!, 10)
        expect(r.mce!).toBeCloseTo(ref.mce_width!, 10)
        expect(r.brier!).toBeCloseTo(ref.brier_gold!, 10)
        expect(r.nll!).toBeCloseTo(ref.nll!, 10)
      }
    }
  })
})
