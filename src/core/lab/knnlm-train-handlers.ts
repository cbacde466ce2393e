/**
 * kNN-LM channels for models trained here: train (knnlm-train worker) with a live loss curve, resume a cancelled
 * or finished run, list models with their datastores, and build a datastore for a model (knnlm-datastore worker).
 * Uploaded files are copied into the model's or datastore's folder, so a resume still finds them.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LabHandlers } from '../../shared/api'
import type { KnnLmDatastoreBuildResult, KnnLmTrainResult } from '../../shared/api/knnlm'
import { LabError } from '../../shared/errors'
import { buildDatastoreInWorker, readModelJson, trainLanguageModelInWorker } from '../knnlm'
import { clearKnnLmCache } from '../knnlm/api'
import { KnnLmFolders, newKnnLmName, removeFolder, type DatastoreRecord, type TrainRecord } from './knnlm-folders'
import type { LabContext } from './lab-context'

type TrainHandlers = Pick<LabHandlers, 'listKnnLmModels' | 'startKnnLmTrain' | 'resumeKnnLmTrain' | 'getKnnLmTrainLoss' | 'startKnnLmDatastore' | 'deleteKnnLmModel'>

/** Copy uploads into dir/sources; returns their paths and display names. */
function copyUploads(ctx: LabContext, uploadIds: string[], dir: string): { paths: string[]; labels: Record<string, string> } {
  const paths: string[] = []
  const labels: Record<string, string> = {}
  if (uploadIds.length === 0) return { paths, labels }
  mkdirSync(join(dir, 'sources'), { recursive: true })
  uploadIds.forEach((id, i) => {
    const u = ctx.uploads.get(id)
    const path = join(dir, 'sources', `${i + 1}-${u.name}`)
    copyFileSync(u.path, path)
    paths.push(path)
    labels[path] = u.name
  })
  return { paths, labels }
}

/** Checkpoints often enough that a hard stop loses little (at most every 100 steps). */
const checkpointEvery = (steps: number): number => Math.max(5, Math.min(100, Math.round(steps / 20)))
/** Loss points often enough for a live curve: about 50 per run, at least every 50 steps. */
const evalEvery = (steps: number): number => Math.max(1, Math.min(50, Math.round(steps / 50)))

export function knnlmTrainHandlers(ctx: LabContext): TrainHandlers {
  const folders = new KnnLmFolders(ctx.dataDir)
  const training = new Set<string>()
  /** models with a datastore being built */
  const building = new Set<string>()

  const startTraining = (name: string, rec: TrainRecord, resume: boolean): string => {
    const dir = folders.modelDir(name)
    const lossFile = join(dir, 'loss-live.jsonl')
    // the live curve starts from what the checkpoint holds
    const saved = resume && existsSync(join(dir, 'model.json')) ? readModelJson(dir) : undefined
    writeFileSync(lossFile, (saved?.lossCurve ?? []).map((p) => JSON.stringify(p) + '\n').join(''))
    const label = `${resume ? 'Resume' : 'Train'} LM on ${rec.sources.map((s) => rec.labels[s] ?? s).join(', ').slice(0, 80)}`
    training.add(name)
    return ctx.jobs.start('knnlm-train', label, async (opts): Promise<KnnLmTrainResult> => {
      try {
        const hasTokenizer = saved !== undefined && existsSync(join(dir, 'tokenizer.json'))
        const r = await trainLanguageModelInWorker(
          {
            corpus: { sources: rec.sources, labels: rec.labels, heldOutFraction: rec.heldOutShare, heldOutFile: join(dir, 'heldout.txt') },
            tokenizer: hasTokenizer ? { path: join(dir, 'tokenizer.json') } : { kind: rec.tokenizer, vocabSize: rec.vocabSize },
            outDir: dir,
            config: rec.config,
            steps: rec.steps,
            batchSize: rec.batchSize,
            learningRate: rec.learningRate,
            seed: rec.seed,
            resume,
            checkpointEvery: checkpointEvery(rec.steps),
            evalEvery: evalEvery(rec.steps),
            lossFile,
            trainedOn: { sources: rec.sources.map((s) => rec.labels[s] ?? s), tokenizer: rec.tokenizer },
          },
          opts,
        )
        return { name, modelId: r.modelId, step: r.step, parameters: r.parameters, trainingTokens: r.trainingTokens, finalLoss: r.finalLoss, finalValLoss: r.finalValLoss, resumedFrom: r.resumedFrom, lossCurve: r.lossCurve }
      } finally {
        training.delete(name)
      }
    })
  }

  return {
    listKnnLmModels: async () => folders.listModels(),

    startKnnLmTrain: async (req) => {
      if (req.sources.length === 0 && req.uploadIds.length === 0) {
        throw new LabError('corpus-no-source', 'Choose a corpus or upload a text file to train on.', { hint: 'Built-in corpora: Brown genres, Moby Dick, State of the Union, Tang and Song poetry.' })
      }
      if (req.dModel % req.heads !== 0) throw new LabError('bad-option', `d_model ${req.dModel} is not divisible by ${req.heads} heads.`, { hint: 'Pick heads that divide d_model, e.g. 64 and 4.' })
      const name = newKnnLmName('lm')
      const dir = folders.modelDir(name)
      mkdirSync(dir, { recursive: true })
      const uploaded = copyUploads(ctx, req.uploadIds, dir)
      const rec: TrainRecord = {
        sources: [...req.sources, ...uploaded.paths],
        labels: uploaded.labels,
        tokenizer: req.tokenizer,
        config: { layers: req.layers, dModel: req.dModel, heads: req.heads, context: req.context },
        steps: req.steps,
        batchSize: req.batchSize,
        learningRate: req.learningRate,
        seed: req.seed,
        heldOutShare: req.heldOutShare,
      }
      if (req.vocabSize !== undefined) rec.vocabSize = req.vocabSize
      writeFileSync(join(dir, 'train.json'), JSON.stringify(rec, null, 1))
      return { jobId: startTraining(name, rec, false), name }
    },

    resumeKnnLmTrain: async ({ name, steps }) => {
      const rec = folders.trainRecord(name)
      if (training.has(name)) throw new LabError('knnlm-training', `${name} is training now.`, { hint: 'Wait for it to finish, or cancel it first.' })
      const dir = folders.modelDir(name)
      const done = existsSync(join(dir, 'model.json')) ? readModelJson(dir).step : 0
      const total = steps ?? rec.steps
      if (total <= done) throw new LabError('bad-option', `${name} has already trained ${done} steps; ask for more than that to continue.`, { hint: `Set the steps above ${done}.` })
      const next = { ...rec, steps: total }
      writeFileSync(join(dir, 'train.json'), JSON.stringify(next, null, 1))
      return { jobId: startTraining(name, next, true), name }
    },

    getKnnLmTrainLoss: async ({ name }) => {
      const rec = folders.trainRecord(name)
      const lossCurve = folders.lossCurve(name)
      return { name, step: lossCurve.length ? lossCurve[lossCurve.length - 1]!.step : 0, totalSteps: rec.steps, lossCurve }
    },

    deleteKnnLmModel: async ({ name }) => {
      const dir = folders.existingModel(name)
      if (training.has(name)) throw new LabError('knnlm-training', `${name} is training now.`, { hint: 'Cancel the training first, then delete the model.' })
      if (building.has(name)) throw new LabError('knnlm-training', `A datastore is being built for ${name}.`, { hint: 'Cancel that job first, then delete the model.' })
      clearKnnLmCache()
      return { deleted: name, bytes: removeFolder(dir) }
    },

    startKnnLmDatastore: async ({ model, ...req }) => {
      if (model === undefined) throw new LabError('bad-request', 'Name the model to build a datastore for.', { hint: 'Pick a model from listKnnLmModels.' })
      const modelDir = folders.existingModel(model)
      if (!existsSync(join(modelDir, 'model.json'))) throw new LabError('model-not-found', `${model} has no checkpoint yet.`, { hint: 'Let the training write its first checkpoint (or finish), then build a datastore.' })
      if (training.has(model)) throw new LabError('knnlm-training', `${model} is training now; its weights are still changing.`, { hint: 'Build the datastore when the training has finished or is cancelled.' })
      if (req.sources.length === 0 && req.uploadIds.length === 0) throw new LabError('corpus-no-source', 'Choose a corpus or upload a text file for the datastore.')
      const name = newKnnLmName('ds')
      const dir = folders.datastoreDir(model, name)
      mkdirSync(dir, { recursive: true })
      const uploaded = copyUploads(ctx, req.uploadIds, dir)
      const rec: DatastoreRecord = { sources: [...req.sources, ...uploaded.paths], labels: uploaded.labels, dtype: req.dtype, heldOutShare: req.heldOutShare }
      const shown = rec.sources.map((s) => rec.labels[s] ?? s)
      building.add(model)
      const jobId = ctx.jobs.start('knnlm-datastore', `Datastore from ${shown.join(', ').slice(0, 80)}`, async (opts): Promise<KnnLmDatastoreBuildResult> => {
        try {
          const r = await buildDatastoreInWorker(
            { modelDir, outDir: dir, dtype: req.dtype, hnsw: 'auto', source: { sources: shown }, corpus: { sources: rec.sources, labels: rec.labels, heldOutFraction: rec.heldOutShare, heldOutFile: join(dir, 'heldout.txt') } },
            opts,
          )
          // written last: a datastore folder without built.json (cancelled, failed) is not listed
          writeFileSync(join(dir, 'built.json'), JSON.stringify(rec, null, 1))
          return { model: model, name, keys: r.count, dims: r.dims, seconds: r.seconds, tokensPerSecond: r.tokensPerSecond, diskBytes: r.memory.diskBytes ?? 0 }
        } finally {
          building.delete(model)
        }
      })

      return { jobId, name }
    },
  }
}
