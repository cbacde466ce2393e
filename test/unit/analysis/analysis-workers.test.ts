/**
 * The analyses off the lab's thread (issue 11): trend shapes and emergence run in their workers and give the same
 * results as in this thread; emergence on a task known only from per-example predictions derives its points in the
 * worker (BoolQ predictions, ../shared/data); one calibration group goes to a worker as well; stored analyses emit no
 * catalog-changed (no run or project changed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { runInWorker } from '../../../src/core/jobs/run-in-worker'
import { analyzeEmergence, calibrateGroupsParallel, classifyTrend, groupPredictions, metricComparison, trainingDynamics, type EmergenceResult, type TrendResult } from '../../../src/core/analysis'
import { calibrateGroups } from '../../../src/core/analysis/calibration'
import { evalPointsFromCatalog } from '../../../src/core/analysis/from-catalog'
import { evalPointsFromPredictions } from '../../../src/core/analysis/prediction-metrics'
import type { EmergenceJobInput, QuickAnalysisInput } from '../../../src/core/analysis/analysis-jobs'
import type { LabEvent } from '../../../src/shared/api/jobs'
import { boolqPredictions } from './load-fixtures'

let lab: Lab
let projectId = 0
const events: LabEvent[] = []

beforeAll(async () => {
  lab = await createLab({ catalogPath: ':memory:', host: 'web' })
  projectId = lab.context.catalog.listProjects().find((p) => p.name === 'Demo: Pythia')!.id
  lab.onEvent((e) => events.push(e))
}, 120_000)

afterAll(() => lab?.close())

describe('analyses in worker threads', () => {
  it('classifies trends in the trend worker exactly as in this thread', async () => {
    const fromWorker = (await lab.invoke('analyzeTrend', { projectId, task: 'piqa' })) as TrendResult[]
    const here = classifyTrend(evalPointsFromCatalog(lab.context.catalog.listEvaluations({ projectId, task: 'piqa' })), { task: 'piqa' })
    expect(fromWorker.length).toBeGreaterThan(0)
    expect(fromWorker).toEqual(here)
  }, 60_000)

  it('gives training dynamics through the lab and compares metrics in the analysis-quick worker exactly as in this thread', async () => {
    const points = evalPointsFromCatalog(lab.context.catalog.listEvaluations({ projectId, task: 'piqa' }))
    const dynamics = await lab.invoke('trainingDynamics', { projectId, task: 'piqa', family: 'Pythia' })
    expect(dynamics).toEqual(trainingDynamics(points, { task: 'piqa', family: 'Pythia' }))
    // the demo's tasks have one metric each: BoolQ predictions give accuracy, log-likelihood and Brier score
    const predictions = boolqPredictions().filter((r) => r.task === 'boolq-0shot-gpt2' && Number(r.item) < 100)
    const opts = { task: 'boolq-0shot-gpt2', poolShots: false, predictions, bootstrap: 50, seed: 1 }
    const input: QuickAnalysisInput = { analysis: 'compare-metrics', points: [], opts }
    const fromWorker = await runInWorker('analysis-quick', input)
    expect(fromWorker).toEqual(metricComparison([], opts))
  }, 60_000)

  it('keeps a LabError from a worker whole (two-step prediction on a task without a loss metric)', async () => {
    await expect(lab.invoke('twoStepPrediction', { projectId, task: 'piqa', lossMetric: 'task_loss', accuracyMetric: 'accuracy' })).rejects.toMatchObject({ name: 'LabError' })
  }, 60_000)

  it('refuses a trend request on a task without evaluations before any worker starts', async () => {
    await expect(lab.invoke('analyzeTrend', { projectId, task: 'no-such-task' })).rejects.toMatchObject({ code: 'no-evaluations' })
  })

  it('derives emergence points from per-example predictions in the worker', async () => {
    // the 0-shot experiment, 500 items per model: small enough to run twice in a test
    const predictions = boolqPredictions().filter((r) => r.task === 'boolq-0shot-gpt2' && Number(r.item) < 500)
    const opts = { seed: 1, bootstrap: 20, poolShots: false }
    const input: EmergenceJobInput = { opts, predictions }
    const fromWorker = await runInWorker<EmergenceResult[]>('analysis-emergence', input)
    const here = analyzeEmergence(evalPointsFromPredictions(predictions), { ...opts, predictions })
    expect(fromWorker.length).toBeGreaterThan(0)
    expect(fromWorker).toEqual(here)
  }, 60_000)

  it('calibrates a single (task, model) group in a worker too: timers keep firing, same numbers as in this thread', async () => {
    const rows = boolqPredictions().filter((r) => r.task === 'boolq-0shot-gpt2' && r.model === 'gpt2')
    const groups = groupPredictions(rows, 2)
    expect(groups).toHaveLength(1)
    const opts = { bins: 10, bootstrap: 50, seed: 3 }
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    const pending = calibrateGroupsParallel(groups, opts, {}, 1)
    const ticksAtStart = ticks
    try {
      // on this thread the bootstrap would be over before any timer fired; in a worker, timers fire while it runs
      const [fromWorker, ticksAtEnd] = await pending.then((r) => [r, ticks] as const)
      expect(ticksAtEnd).toBeGreaterThan(ticksAtStart)
      expect(fromWorker).toEqual(calibrateGroups(groups, opts))
    } finally {
      clearInterval(timer)
    }
  }, 60_000)

  it('stores an emergence analysis without a catalog-changed event', async () => {
    const mark = events.length
    const { jobId } = (await lab.invoke('analyzeEmergence', { projectId, task: 'piqa', bootstrap: 20, seed: 1 })) as { jobId: string }
    await new Promise<void>((resolve) => {
      const stop = lab.onEvent((e) => {
        if (e.type === 'job' && e.job.id === jobId && e.job.status !== 'running') {
          stop()
          resolve()
        }
      })
    })
    expect(lab.context.jobs.get(jobId)!.status).toBe('done')
    expect(lab.context.catalog.listFits(projectId).some((f) => f.kind === 'emergence')).toBe(true)
    expect(events.slice(mark).filter((e) => e.type !== 'job')).toEqual([])
  }, 60_000)
})
