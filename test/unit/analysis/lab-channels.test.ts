/**
 * The analysis channels through the lab facade (as IPC and HTTP call them), on the demo project (real Pythia
 * results from resources/demo) in an in-memory catalog: tasks, trend shapes, training dynamics, the emergence
 * job with its stored fit, and the request schema refusing bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import type { AnalysisTask, EmergenceResult, TrainingDynamicsResult, TrendResult } from '../../../src/shared/api'
import { checkpointNumber, predictionRowsFromCatalog } from '../../../src/core/analysis/from-catalog'
import type { PredictionRow as CatalogPrediction } from '../../../src/core/catalog/types'

let lab: Lab
let projectId = 0

beforeAll(async () => {
  lab = await createLab({ catalogPath: ':memory:', host: 'web' })
  const demo = lab.context.catalog.listProjects().find((p) => p.name === 'Demo: Pythia')
  if (!demo) throw new Error('the demo project was not seeded')
  projectId = demo.id
}, 120_000)

afterAll(() => lab?.close())

describe('analysis channels', () => {
  it('lists the demo tasks with their metrics and families', async () => {
    const tasks = (await lab.invoke('analysisTasks', { projectId })) as AnalysisTask[]
    const lambada = tasks.find((t) => t.task === 'lambada_openai')!
    expect(lambada.families).toEqual(['Pythia', 'Pythia-deduped'])
    expect(lambada.metrics).toEqual(['accuracy'])
    expect(tasks.map((t) => t.task)).toContain('arithmetic_addition_2operand_x1_0to99')
  })

  it('classifies the demo trends and gives training dynamics', async () => {
    const trends = (await lab.invoke('analyzeTrend', { projectId, task: 'lambada_openai' })) as TrendResult[]
    expect(trends.map((t) => [t.family, t.shape])).toEqual([
      ['Pythia', 'positive'],
      ['Pythia-deduped', 'positive'],
    ])
    const [dyn] = (await lab.invoke('trainingDynamics', { projectId, task: 'piqa', family: 'Pythia' })) as TrainingDynamicsResult[]
    expect(dyn.series).toHaveLength(7)
    expect(dyn.series[0].points).toHaveLength(27)
  })

  it('runs emergence as a job and stores it as a fit', async () => {
    const { jobId } = (await lab.invoke('analyzeEmergence', { projectId, task: 'arithmetic_addition_2operand_x1_0to99', bootstrap: 100, seed: 2 })) as { jobId: string }
    const results = await new Promise<EmergenceResult[]>((resolve, reject) => {
      const check = (): boolean => {
        const job = lab.context.jobs.get(jobId)
        if (!job || job.status === 'running') return false
        if (job.status === 'done') resolve(job.result as EmergenceResult[])
        else reject(new Error(job.error?.message ?? job.status))
        return true
      }
      if (check()) return
      const stop = lab.context.jobs.onChange(() => check() && stop())
    })
    // one series per shot count (0, 2, 4, 8, 16): the 2-shot one jumps between 1.4B and 2.8B
    expect(results.map((r) => r.shots)).toEqual([[0], [2], [4], [8], [16]])
    expect(results[1].kind).toBe('emergent')
    expect(results[1].bracket).toEqual([1414647808, 2775208960])
    const fits = lab.context.catalog.listFits(projectId).filter((f) => f.kind === 'emergence')
    expect(fits).toHaveLength(1)
    expect(fits[0].seed).toBe(2)
    expect(fits[0].selection).toMatchObject({ task: 'arithmetic_addition_2operand_x1_0to99', x: 'params', pool_shots: false })
  }, 60_000)

  it('refuses bad requests before any handler runs', async () => {
    await expect(lab.invoke('analyzeCalibration', { projectId, bins: 0 })).rejects.toThrow(/bins/)
    await expect(lab.invoke('analyzeEmergence', { projectId, x: 'steps' })).rejects.toThrow(/x/)
    // the demo has predictions (the lab LM cloze); a project without any is refused
    const empty = (await lab.invoke('createProject', { name: 'no predictions' })) as { id: number }
    await expect(lab.invoke('analyzeCalibration', { projectId: empty.id })).rejects.toThrow(/No per-example predictions/)
  })
})

describe('catalog rows as analysis inputs', () => {
  it('reads a checkpoint written as text by its last number', () => {
    expect(checkpointNumber('step143000')).toBe(143000)
    expect(checkpointNumber('global_step_2000')).toBe(2000)
    expect(checkpointNumber('final')).toBeUndefined()
    expect(checkpointNumber(null)).toBeUndefined()
  })

  it('keeps each stored column as it is and never derives one by assuming two answer options', () => {
    const base: CatalogPrediction = { id: 1, projectId: 1, runId: 1, task: 't', item: 'a', probability: 0.3, confidence: null, correct: true, importId: null, run: 'm', family: null, params: 1e9 }
    const [withP] = predictionRowsFromCatalog([base])
    // p = 0.3 and right: a multiple-choice pick with 0.3 can be the largest option; correct is kept as stored
    expect(withP).toEqual({ model: 'm', params: 1e9, task: 't', item: 'a', probability: 0.3, correct: 1 })
    const [noP] = predictionRowsFromCatalog([{ ...base, probability: null, confidence: 0.8, correct: false }])
    // a wrong pick with confidence 0.8: the correct answer's probability is unknown (not 0.2) unless there are two options
    expect(noP).toEqual({ model: 'm', params: 1e9, task: 't', item: 'a', confidence: 0.8, correct: 0 })
    expect(() => predictionRowsFromCatalog([{ ...base, probability: null, correct: null }])).toThrow(/neither a probability nor correct/)
  })
})
