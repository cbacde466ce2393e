/**
 * kNN-LM channels over core/knnlm: the shipped demo's facts, the next-token view, and evaluation and sweeps as
 * jobs in the knnlm-eval worker thread (progress posted back; cancel terminates the thread). The model is the
 * shipped demo (with the setting's datastore and held-out text) or one trained here with one of its datastores
 * (evaluated on the datastore corpus's held-out text). Training, datastores and imported numbers have their own
 * handler files, merged here.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { LabHandlers } from '../../shared/api'
import type { KnnLmDemoInfo, KnnLmEvalResult, KnnLmSetting, KnnLmSweepResult } from '../../shared/api/knnlm'
import { LabError } from '../../shared/errors'
import { countParameters, datastoreMemory, loadDatastore, loadDemo, queryNextToken, readModelJson } from '../knnlm'
import { runKnnLmJobInWorker, type KnnLmTarget } from '../knnlm/api'
import { knnlmCliPathJobs } from './knnlm-cli-paths'
import { KnnLmFolders } from './knnlm-folders'
import { knnlmImportHandlers } from './knnlm-import-handlers'
import { knnlmTrainHandlers } from './knnlm-train-handlers'
import type { LabContext } from './lab-context'

type KnnLmHandlers = Pick<
  LabHandlers,
  | 'getKnnLmDemo'
  | 'queryKnnLm'
  | 'startKnnLmEval'
  | 'startKnnLmSweep'
  | 'listKnnLmModels'
  | 'startKnnLmTrain'
  | 'resumeKnnLmTrain'
  | 'getKnnLmTrainLoss'
  | 'startKnnLmDatastore'
  | 'importKnnLmNumbers'
  | 'listKnnLmImports'
  | 'deleteKnnLmModel'
  | 'deleteKnnLmImport'
  | 'startKnnLmImportEval'
  | 'startKnnLmImportSweep'
>

/** held-out tokens evaluated by default for a trained model (the demo's recipe caps its texts the same way) */
const TRAINED_MAX_TOKENS = 2000

export function knnlmHandlers(ctx: LabContext): KnnLmHandlers {
  const demoDir = (): string => process.env.SCALING_LAB_DEMO_MODEL ?? join(ctx.resourcesDir, 'demo-model')
  const folders = new KnnLmFolders(ctx.dataDir)
  const cliPaths = knnlmCliPathJobs(ctx, demoDir)
  const train = knnlmTrainHandlers(ctx)

  /** The demo (setting) or a trained model and one of its datastores, as core's target. */
  const targetOf = (req: { setting: KnnLmSetting; model?: string; datastore?: string }): KnnLmTarget & { label: string; names: { model?: string; datastore?: string } } => {
    if (req.model === undefined) {
      if (req.datastore !== undefined) throw new LabError('bad-request', 'A datastore was named without its model.', { hint: 'Name the trained model too, or neither for the demo.' })
      return { setting: req.setting, demoDir: demoDir(), label: req.setting, names: {} }
    }
    const modelDir = folders.existingModel(req.model)
    if (!existsSync(join(modelDir, 'model.json'))) throw new LabError('model-not-found', `${req.model} has no checkpoint yet.`, { hint: 'Wait for the training to write its first checkpoint.' })
    if (req.datastore === undefined) {
      throw new LabError('knnlm-no-datastore', `Pick a datastore for ${req.model}.`, { hint: 'Build one from a corpus in the Train tab (Datastore), then choose it.' })
    }
    const datastoreDir = folders.datastoreDir(req.model, req.datastore)
    if (!existsSync(join(datastoreDir, 'built.json'))) throw new LabError('unknown-datastore', `${req.model} has no datastore ${req.datastore}.`, { hint: 'Pick one from the list, or build one.' })
    const held = [join(datastoreDir, 'heldout.txt'), join(modelDir, 'heldout.txt')].find((f) => existsSync(f))
    if (!held) throw new LabError('no-heldout', `There is no held-out text for ${req.datastore}.`, { hint: 'Build the datastore again from a corpus with more than one document.' })
    return { modelDir, datastoreDir, textFile: held, label: req.model, names: { model: req.model, datastore: req.datastore } }
  }

  return {
    getKnnLmDemo: async () => {
      const demo = loadDemo(demoDir())
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
    },

    queryKnnLm: async ({ model, datastore, setting, ...rest }) => {
      const { label: _label, names: _names, ...target } = targetOf({ setting, model, datastore })
      void _label
      void _names
      return queryNextToken({ ...rest, ...target })
    },

    startKnnLmEval: async (req) => {
      if (req.paths) return cliPaths.evaluate({ ...req, paths: req.paths })
      const { model, datastore, setting, paths: _paths, ...s } = req
      const { label, names, ...target } = targetOf({ setting, model, datastore })
      const request = { ...target, ...s, maxTokens: s.maxTokens ?? (model ? TRAINED_MAX_TOKENS : undefined) }
      return {
        jobId: ctx.jobs.start('knnlm-eval', `kNN-LM evaluation (${label})`, async (opts): Promise<KnnLmEvalResult> => ({ ...(await runKnnLmJobInWorker({ kind: 'eval', request }, opts)), ...names })),
      }
    },

    startKnnLmSweep: async (req) => {
      if (req.paths) return cliPaths.sweep({ ...req, paths: req.paths })
      const { model, datastore, setting, paths: _paths, ...grid } = req
      const { label, names, ...target } = targetOf({ setting, model, datastore })
      const request = { ...target, ...grid, maxTokens: grid.maxTokens ?? (model ? TRAINED_MAX_TOKENS : undefined) }
      return {
        jobId: ctx.jobs.start('knnlm-sweep', `kNN-LM sweep (${label})`, async (opts): Promise<KnnLmSweepResult> => ({ ...(await runKnnLmJobInWorker({ kind: 'sweep', request }, opts)), ...names })),
      }
    },

    ...train,
    startKnnLmTrain: async (req) => (req.paths ? cliPaths.train(req, req.paths) : train.startKnnLmTrain(req)),
    startKnnLmDatastore: async (req) => (req.paths ? cliPaths.datastore(req, req.paths) : train.startKnnLmDatastore(req)),
    ...knnlmImportHandlers(ctx),
  }
}
