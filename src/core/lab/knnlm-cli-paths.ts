/**
 * The kNN-LM channels' CLI-only `paths` (src/shared/api/knnlm.ts): `scaling-lab knnlm` trains into, builds into and
 * evaluates folders and text sources the user names, where the app works on models and datastores named in the data
 * folder. Only a lab opened by the CLI (host 'cli') may name a path: a page must never make the lab read or write
 * one. The work runs in this process as a job (progress, cancel, result through getJob), as the command always ran
 * it: the same core calls, so the command's numbers and output stay what they were.
 */
import { writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { ParsedRequestOf } from '../../shared/api'
import type { KnnLmDatastorePathsResult } from '../../shared/api/knnlm'
import { LabError } from '../../shared/errors'
import { loadCorpusSource, type CorpusDocument } from '../corpus'
import { buildDatastore, evaluateImported, evaluateKnnLm, loadTokenizer, splitHeldOut, sweepImported, sweepKnnLm, trainLanguageModel, trainTokenizer, type Tokenizer } from '../knnlm'
import type { LabContext } from './lab-context'

type TrainRequest = ParsedRequestOf<'startKnnLmTrain'>
type DatastoreRequest = ParsedRequestOf<'startKnnLmDatastore'>
type EvalRequest = ParsedRequestOf<'startKnnLmEval'>
type SweepRequest = ParsedRequestOf<'startKnnLmSweep'>
type EvalPaths = NonNullable<EvalRequest['paths']>

/** Refuse a path from any host but the CLI (a page names models and datastores, never files). */
export function refusePathsUnlessCli(ctx: LabContext, channel: string): void {
  if (ctx.host === 'cli') return
  throw new LabError('bad-request', `${channel}: only the command line may name files and folders (paths); this lab was opened by the ${ctx.host} host.`, {
    hint: 'Name a trained model and datastore from listKnnLmModels, or upload the files.',
  })
}

function documentsOf(sources: string[]): CorpusDocument[] {
  return sources.flatMap((s) => loadCorpusSource(s))
}

function textOf(spec: string): string {
  return documentsOf([spec])
    .map((d) => d.text)
    .join('\n\n')
}

/** A tokenizer saved in the folder (resume), else one learned from the texts (BPE 2048 or characters 4000 by default). */
function tokenizerFor(req: TrainRequest, outDir: string, resume: boolean, texts: string[], docs: CorpusDocument[]): Tokenizer {
  if (resume) {
    try {
      return loadTokenizer(join(outDir, 'tokenizer.json'))
    } catch {
      // no saved tokenizer yet: learn one, as a fresh start does
    }
  }
  const kind = req.tokenizer === 'auto' ? (docs.every((d) => d.lang === 'zh') ? 'char' : 'bpe') : req.tokenizer
  return trainTokenizer(texts, { kind, vocabSize: req.vocabSize ?? (kind === 'bpe' ? 2048 : 4000) })
}

export function knnlmCliPathJobs(ctx: LabContext, demoDir: () => string) {
  const evalTarget = (p: EvalPaths, setting: EvalRequest['setting']) => ({
    modelDir: p.modelDir,
    datastoreDir: p.datastoreDir,
    text: p.textSource !== undefined ? textOf(p.textSource) : undefined,
    setting,
    method: p.method,
    demoDir: demoDir(),
  })
  const noNames = (req: { model?: string; datastore?: string }, channel: string): void => {
    if (req.model !== undefined || req.datastore !== undefined) throw new LabError('bad-request', `${channel}: name a model and datastore, or give paths, not both.`)
  }

  return {
    train(req: TrainRequest, paths: NonNullable<TrainRequest['paths']>): { jobId: string; name: string } {
      refusePathsUnlessCli(ctx, 'startKnnLmTrain')
      if (req.sources.length > 0 || req.uploadIds.length > 0) throw new LabError('bad-request', 'startKnnLmTrain: give the sources in paths, or as corpus names and uploads, not both.')
      const { outDir, resume, heldOutShare } = paths
      const jobId = ctx.jobs.start('knnlm-train', `Train LM into ${outDir}`, async (opts) => {
        const docs = documentsOf(paths.sources)
        const split = heldOutShare === undefined ? undefined : splitHeldOut(docs, heldOutShare)
        const texts = split ? split.train : docs.map((d) => d.text)
        const tokenizer = tokenizerFor(req, outDir, resume, texts, docs)
        const r = await trainLanguageModel(
          {
            texts,
            tokenizer,
            outDir,
            config: { layers: req.layers, dModel: req.dModel, heads: req.heads, context: req.context },
            steps: req.steps,
            batchSize: req.batchSize,
            learningRate: req.learningRate,
            seed: req.seed,
            resume,
            validationTexts: split?.heldOut,
            trainedOn: { sources: paths.sources },
          },
          opts,
        )
        if (split) writeFileSync(join(outDir, 'heldout.txt'), split.heldOut.join('\n\n'))
        return r
      })
      // the CLI's model is known by its folder
      return { jobId, name: outDir }
    },

    datastore(req: DatastoreRequest, paths: NonNullable<DatastoreRequest['paths']>): { jobId: string; name: string } {
      refusePathsUnlessCli(ctx, 'startKnnLmDatastore')
      if (req.model !== undefined || req.sources.length > 0 || req.uploadIds.length > 0) {
        throw new LabError('bad-request', 'startKnnLmDatastore: give the model and sources in paths, or by name and as corpus names and uploads, not both.')
      }
      const { modelDir, outDir, sources } = paths
      const jobId = ctx.jobs.start('knnlm-datastore', `Datastore into ${outDir}`, async (opts): Promise<KnnLmDatastorePathsResult> => {
        const docs = documentsOf(sources)
        const r = await buildDatastore(
          {
            modelDir,
            texts: docs.map((d) => d.text),
            documentIds: docs.map((d) => d.id),
            outDir,
            dtype: req.dtype,
            hnsw: paths.hnsw ? true : 'auto',
            source: { sources, documents: docs.map((d) => d.id) },
            decontaminateAgainst: paths.decontaminate !== undefined ? textOf(paths.decontaminate) : undefined,
            scoringThreads: paths.threads ?? Math.min(4, availableParallelism()),
          },
          opts,
        )
        const out: KnnLmDatastorePathsResult = { datastoreDir: outDir, count: r.count, dims: r.dims, dtype: req.dtype, seconds: r.seconds, tokensPerSecond: r.tokensPerSecond, memory: r.memory, hnsw: r.datastore.index !== undefined }
        if (r.decontaminated) out.decontaminated = r.decontaminated
        return out
      })
      return { jobId, name: outDir }
    },

    evaluate({ paths, setting, model, datastore, perToken, ...s }: EvalRequest & { paths: EvalPaths }): { jobId: string } {
      refusePathsUnlessCli(ctx, 'startKnnLmEval')
      noNames({ model, datastore }, 'startKnnLmEval')
      const { npy } = paths
      return {
        jobId: ctx.jobs.start('knnlm-eval', `kNN-LM evaluation (${npy?.keys ?? paths.modelDir ?? setting})`, (opts) =>
          npy
            ? evaluateImported({ ...npy, lambda: s.lambda, k: s.k, temperature: s.temperature, datastoreFraction: s.datastoreFraction, method: paths.method }, opts)
            : evaluateKnnLm({ ...evalTarget(paths, setting), ...s, perToken }, opts),
        ),
      }
    },

    sweep({ paths, setting, model, datastore, maxTokens, ...grid }: SweepRequest & { paths: EvalPaths }): { jobId: string } {
      refusePathsUnlessCli(ctx, 'startKnnLmSweep')
      noNames({ model, datastore }, 'startKnnLmSweep')
      const { npy } = paths
      return {
        jobId: ctx.jobs.start('knnlm-sweep', `kNN-LM sweep (${npy?.keys ?? paths.modelDir ?? setting})`, (opts) =>
          npy ? sweepImported({ ...npy, ...grid, method: paths.method } as Parameters<typeof sweepImported>[0], opts) : sweepKnnLm({ ...evalTarget(paths, setting), ...grid, maxTokens }, opts),
        ),
      }
    },
  }
}
