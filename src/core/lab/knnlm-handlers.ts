/**
 * kNN-LM channels over core/knnlm: the shipped demo's facts, the next-token view, and evaluation and sweeps as
 * jobs (they run in this process between awaits, in blocks, so progress and cancel stay live).
 */
import { join } from 'node:path'
import type { LabHandlers } from '../../shared/api'
import type { KnnLmDemoInfo, KnnLmEvalResult, KnnLmSweepResult } from '../../shared/api/knnlm'
import { countParameters, datastoreMemory, evaluateKnnLm, loadDatastore, loadDemo, queryNextToken, readModelJson, sweepKnnLm } from '../knnlm'
import type { LabContext } from './lab-context'

type KnnLmHandlers = Pick<LabHandlers, 'getKnnLmDemo' | 'queryKnnLm' | 'startKnnLmEval' | 'startKnnLmSweep'>

export function knnlmHandlers(ctx: LabContext): KnnLmHandlers {
  const demoDir = (): string => join(ctx.resourcesDir, 'demo-model')
  const withDemo = <T>(fn: () => T): T => {
    // the API finds the demo through SCALING_LAB_DEMO_MODEL or resources/; pin it to this lab's resources
    process.env.SCALING_LAB_DEMO_MODEL ??= demoDir()
    return fn()
  }
  return {
    getKnnLmDemo: async () =>
      withDemo(() => {
        const demo = loadDemo()
        const model = readModelJson(demo.modelDir)
        const r = demo.manifest.recipe
        const settings = (['in-domain', 'adaptation'] as const).map((name) => {
          const ds = loadDatastore(demo.settings[name].datastoreDir, { loadIndex: false })
          return { name, description: demo.settings[name].description, datastoreKeys: ds.meta.count, dims: ds.meta.dims, dtype: ds.meta.dtype, diskBytes: datastoreMemory(ds).diskBytes ?? 0 }
        })
        const info: KnnLmDemoInfo = {
          modelId: model.id,
          tokenizerId: model.tokenizerId,
          vocabSize: model.config.vocabSize,
          parameters: countParameters(model.config),
          config: { layers: model.config.layers, dModel: model.config.dModel, heads: model.config.heads, context: model.config.context, dFF: model.config.dFF, preLN: model.config.preLN },
          steps: model.step,
          lossCurve: model.lossCurve,
          lmGenres: r.lmGenres,
          adaptationGenre: r.adaptation.genre,
          defaults: r.defaults,
          settings,
          results: demo.manifest.results,
        }
        return info
      }),
    queryKnnLm: async (req) => withDemo(() => queryNextToken({ ...req })),
    startKnnLmEval: async (req) =>
      withDemo(() => ({
        jobId: ctx.jobs.start('knnlm-eval', `kNN-LM evaluation (${req.setting})`, (opts) => evaluateKnnLm({ ...req }, opts) as Promise<KnnLmEvalResult>),
      })),
    startKnnLmSweep: async (req) =>
      withDemo(() => ({
        jobId: ctx.jobs.start('knnlm-sweep', `kNN-LM sweep (${req.setting})`, (opts) => sweepKnnLm({ ...req }, opts) as Promise<KnnLmSweepResult>),
      })),
  }
}
