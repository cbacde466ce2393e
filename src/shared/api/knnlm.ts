/**
 * The kNN-LM channels: the shipped demo (model, datastores, held-out texts), the next-token view for a prefix,
 * and evaluation and sweeps as jobs; models trained here and their datastores (train, resume, build a datastore);
 * and a real model's numbers imported as .npy files. Response types mirror src/core/knnlm's results (plain JSON).
 * Pages never name paths: models, datastores and imports are named by the lab, files arrive as uploads. Only the
 * command line (a lab opened with host 'cli') may name files and folders, in the optional `paths` fields below; the
 * handlers refuse them from any other host.
 */
import { z } from 'zod'
import { channel } from './channel'
import { builtInCorpusSpec } from './corpus'

export type KnnLmSetting = 'in-domain' | 'adaptation'

export interface KnnLmLossPoint {
  step: number
  loss: number
  valLoss?: number
}

export interface KnnLmDemoSettingInfo {
  name: KnnLmSetting
  description: string
  datastoreKeys: number
  dims: number
  dtype: string
  diskBytes: number
}

export interface KnnLmDemoResult {
  tokens: number
  datastoreKeys: number
  ppl_lm: number
  ppl_knnlm: number
  best: { lambda: number; k: number; temperature: number; ppl: number }
  sizeCurve: Array<{ fraction: number; keys: number; ppl_best: number; bestLambda: number }>
}

export interface KnnLmDemoInfo {
  modelId: string
  tokenizerId: string
  vocabSize: number
  parameters: number
  config: { layers: number; dModel: number; heads: number; context: number; dFF: number; preLN: boolean }
  steps: number
  lossCurve: KnnLmLossPoint[]
  lmGenres: string[]
  adaptationGenre: string
  defaults: { lambda: number; k: number; temperature: number; maxTokens: number }
  settings: KnnLmDemoSettingInfo[]
  results?: Record<KnnLmSetting, KnnLmDemoResult>
}

export interface KnnLmTokenProbability {
  id: number
  token: string
  p: number
}

export interface KnnLmNeighbour {
  context: string
  next: string
  distance: number
  weight: number
  /** the next token's own bytes (e.g. "E4 B8") when `next` shows a character split over several byte tokens */
  nextBytes?: string
}

export interface KnnLmNextTokenView {
  prefixTokens: number
  lambda: number
  k: number
  temperature: number
  lmTop: KnnLmTokenProbability[]
  knnTop: KnnLmTokenProbability[]
  mixedTop: KnnLmTokenProbability[]
  neighbours: KnnLmNeighbour[]
  /** how far the prefix's last positions are from the datastore's keys (src/core/knnlm/domain-distance.ts) */
  domain?: KnnLmDomainCheck
}

/** median nearest distance of the prefix's last positions over the store's typical nearest-neighbour distance */
export interface KnnLmDomainCheck {
  ratio: number
  threshold: number
  outOfDomain: boolean
  distance: number
  typical: number
  positions: number
  sample: number
  typicalFrom: 'datastore.json' | 'computed on load'
}

export interface KnnLmTokenGain {
  position: number
  token: string
  context: string
  /** the token's own bytes when `token` shows a character split over several byte tokens */
  tokenBytes?: string
  lmLogProb: number
  knnLmLogProb: number
  gain: number
}

export interface KnnLmTokenTypeGain {
  token: string
  count: number
  meanGain: number
  totalGain: number
}

export interface KnnLmPerTokenView {
  tokens: number
  helpedShare: number
  topDecileShareOfGain: number
  topGains: KnnLmTokenGain[]
  topLosses: KnnLmTokenGain[]
  byTokenHelped: KnnLmTokenTypeGain[]
  byTokenHurt: KnnLmTokenTypeGain[]
  histogram: { edges: number[]; counts: number[] }
}

/** result of a startKnnLmEval job */
export interface KnnLmEvalResult {
  tokens: number
  ppl_lm: number
  ppl_knnlm: number
  lambda: number
  k: number
  temperature: number
  datastoreSize: number
  knnMissRate: number
  /** how the neighbours were searched: "exact, native avx2-fma", "exact, WebAssembly; native kernel ..." or HNSW */
  search?: string
  setting?: KnnLmSetting
  /** the trained model and datastore, or the import, evaluated (absent for the demo) */
  model?: string
  datastore?: string
  import?: string
  memory: { keysBytes: number; valuesBytes: number; tokensBytes: number; indexBytes: number; totalBytes: number; diskBytes?: number }
  perTokenView?: KnnLmPerTokenView
}

export interface KnnLmSweepPoint {
  lambda: number
  k: number
  temperature: number
  ppl: number
}

/** result of a startKnnLmSweep job */
export interface KnnLmSweepResult {
  tokens: number
  ppl_lm: number
  grid: KnnLmSweepPoint[]
  best: KnnLmSweepPoint
  lambdaCurve: Array<{ lambda: number; ppl: number }>
  kCurve: Array<{ k: number; ppl: number }>
  temperatureCurve: Array<{ temperature: number; ppl: number }>
  sizeCurve: Array<{ fraction: number; keys: number; ppl_knnlm: number; bestLambda: number; ppl_best: number }>
  datastoreSize: number
  /** how the neighbours were searched (see KnnLmEvalResult.search) */
  search?: string
  setting?: KnnLmSetting
  model?: string
  datastore?: string
  import?: string
}

/** a datastore built here for a trained model */
export interface KnnLmDatastoreInfo {
  name: string
  keys: number
  dims: number
  dtype: string
  /** corpus names (uploaded files by their own names) */
  sources: string[]
  diskBytes: number
  /** tokens of held-out text kept for evaluation (0 when none) */
  heldOutChars: number
  /** built from an earlier checkpoint of the model (training went on since): rebuild it to use it */
  stale: boolean
  createdAt: string
}

export type KnnLmTokenizerChoice = 'auto' | 'bpe' | 'char'

/** a model trained here (in the catalog's folder, knnlm/models/<name>) */
export interface KnnLmModelInfo {
  name: string
  /** absent while the first checkpoint is not written yet */
  modelId?: string
  tokenizerId?: string
  vocabSize?: number
  parameters?: number
  config: { layers: number; dModel: number; heads: number; context: number }
  step: number
  totalSteps: number
  learningRate: number
  batchSize: number
  seed: number
  tokenizer: KnnLmTokenizerChoice
  sources: string[]
  /** share of the corpus's documents kept out of training for the held-out loss (0.1 when the record predates the option) */
  heldOutShare: number
  lossCurve: KnnLmLossPoint[]
  datastores: KnnLmDatastoreInfo[]
  createdAt: string
}

/** result of a startKnnLmTrain / resumeKnnLmTrain job */
export interface KnnLmTrainResult {
  name: string
  modelId: string
  step: number
  parameters: number
  trainingTokens: number
  finalLoss: number
  finalValLoss?: number
  resumedFrom?: number
  lossCurve: KnnLmLossPoint[]
}

/** result of a startKnnLmDatastore job */
export interface KnnLmDatastoreBuildResult {
  model: string
  name: string
  keys: number
  dims: number
  seconds: number
  tokensPerSecond: number
  diskBytes: number
}

/** result of a startKnnLmDatastore job given `paths` (the CLI's summary) */
/** what a startKnnLmTrain job with the CLI's `paths` answers: the training result and the folder the model is in */
export type KnnLmTrainPathsResult = Pick<KnnLmTrainResult, 'modelId' | 'step' | 'parameters' | 'trainingTokens' | 'finalLoss' | 'finalValLoss'> & { modelDir: string }

export interface KnnLmDatastorePathsResult {
  datastoreDir: string
  count: number
  dims: number
  dtype: 'float16' | 'float32'
  seconds: number
  tokensPerSecond: number
  memory: KnnLmEvalResult['memory']
  hnsw: boolean
  decontaminated?: { n: number; removed: string[] }
}

/** a model's live loss curve while it trains */
export interface KnnLmTrainLoss {
  name: string
  step: number
  totalSteps: number
  lossCurve: KnnLmLossPoint[]
}

export interface KnnLmImportInfo {
  name: string
  /** the uploaded files' own names */
  files: { keys: string; values: string; queries: string; targets: string; lmLogProbs: string }
  keys: number
  dims: number
  keysDtype: string
  queries: number
  diskBytes: number
  createdAt: string
}

const setting = z.enum(['in-domain', 'adaptation'])
const lambda = z.number().min(0).lt(1)
const k = z.number().int().min(1).max(4096)
const temperature = z.number().gt(0).max(10_000)
const modelName = z.string().regex(/^lm-\d{8}-\d{6}-[0-9a-f]{6}$/, 'not a model name from listKnnLmModels')
const datastoreName = z.string().regex(/^ds-\d{8}-\d{6}-[0-9a-f]{6}$/, 'not a datastore name from listKnnLmModels')
const importName = z.string().regex(/^npy-\d{8}-\d{6}-[0-9a-f]{6}$/, 'not an import name from listKnnLmImports')
const uploadId = z.string().regex(/^[0-9a-f]{32}$/, 'not an upload id')
/** which model and datastore: the shipped demo (the setting's datastore) when `model` is left out */
const target = { model: modelName.optional(), datastore: datastoreName.optional() }
const sizes = z.array(z.number().gt(0).max(1)).min(1).max(20)
/** a path on the CLI's machine (only the CLI host may send one) */
const localPath = z.string().min(1).max(4096)
const localSources = z.array(localPath).min(1).max(200)
/**
 * CLI only: evaluate a model folder, a datastore folder and a text source (file, folder or built-in corpus name),
 * each falling back to the demo's (setting) when left out; or a real model's numbers as five .npy files. With
 * `paths`, `model` and `datastore` (names) are not given.
 */
const evalPaths = z
  .object({
    modelDir: localPath.optional(),
    datastoreDir: localPath.optional(),
    textSource: localPath.optional(),
    method: z.enum(['exact', 'hnsw']).optional(),
    npy: z.object({ keys: localPath, values: localPath, queries: localPath, targets: localPath, lmLogProbs: localPath }).strict().optional(),
  })
  .strict()
/** share of a corpus's documents kept out (of training, or of a datastore) as held-out text */
const heldOutShare = z.number().min(0.01).max(0.5).default(0.1)

export const knnlmChannels = {
  getKnnLmDemo: channel<KnnLmDemoInfo>()(z.object({}).strict()),
  /** the LM's next tokens after a prefix, its nearest neighbours and the mixture (fast: one forward pass, one search) */
  queryKnnLm: channel<KnnLmNextTokenView>()(
    z
      .object({
        prefix: z.string().max(4000),
        setting: setting.default('in-domain'),
        ...target,
        lambda: lambda.optional(),
        k: k.optional(),
        temperature: temperature.optional(),
        datastoreFraction: z.number().gt(0).max(1).optional(),
        top: z.number().int().min(1).max(50).optional(),
        neighbours: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
  ),
  /** perplexity of the LM and the kNN-LM on the setting's held-out text, as a job (result: KnnLmEvalResult) */
  startKnnLmEval: channel<{ jobId: string }>()(
    z
      .object({
        setting: setting.default('in-domain'),
        ...target,
        lambda: lambda.optional(),
        k: k.optional(),
        temperature: temperature.optional(),
        maxTokens: z.number().int().min(10).max(100_000).optional(),
        datastoreFraction: z.number().gt(0).max(1).optional(),
        perToken: z.boolean().default(false),
        paths: evalPaths.optional(),
      })
      .strict(),
  ),
  /** sweeps over lambda, k, temperature and datastore size, as a job (result: KnnLmSweepResult) */
  startKnnLmSweep: channel<{ jobId: string }>()(
    z
      .object({
        setting: setting.default('in-domain'),
        ...target,
        lambdas: z.array(lambda).min(1).max(40).optional(),
        ks: z.array(k).min(1).max(20).optional(),
        temperatures: z.array(temperature).min(1).max(20).optional(),
        sizes: sizes.optional(),
        maxTokens: z.number().int().min(10).max(100_000).optional(),
        paths: evalPaths.optional(),
      })
      .strict(),
  ),
  /** models trained here, newest first, each with its datastores */
  listKnnLmModels: channel<KnnLmModelInfo[]>()(z.object({}).strict()),
  /** train a small Transformer on built-in corpora and uploaded text files, as a job (result: KnnLmTrainResult) */
  startKnnLmTrain: channel<{ jobId: string; name: string }>()(
    z
      .object({
        sources: z.array(builtInCorpusSpec).max(20).default([]),
        uploadIds: z.array(uploadId).max(20).default([]),
        tokenizer: z.enum(['auto', 'bpe', 'char']).default('auto'),
        vocabSize: z.number().int().min(64).max(16_384).optional(),
        layers: z.number().int().min(1).max(12).default(2),
        dModel: z.number().int().min(8).max(512).default(64),
        heads: z.number().int().min(1).max(16).default(4),
        context: z.number().int().min(4).max(512).default(64),
        steps: z.number().int().min(1).max(200_000).default(500),
        batchSize: z.number().int().min(1).max(256).default(16),
        learningRate: z.number().gt(0).max(0.1).default(3e-3),
        seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
        heldOutShare: heldOutShare,
        /**
         * CLI only: train on these sources (files, folders, built-in corpus names) into `outDir` (resume from its
         * checkpoint with `resume`); `heldOutShare` here replaces the one above: none is held out when it is absent,
         * as `scaling-lab knnlm train` always did. Result: the core's training result (with `modelDir`).
         */
        paths: z.object({ sources: localSources, outDir: localPath, resume: z.boolean().default(false), heldOutShare: z.number().gt(0).max(0.5).optional() }).strict().optional(),
      })
      .strict(),
  ),
  /** continue a cancelled or finished training up to `steps` in all (default: the steps it was started with) */
  resumeKnnLmTrain: channel<{ jobId: string; name: string }>()(z.object({ name: modelName, steps: z.number().int().min(1).max(200_000).optional() }).strict()),
  /** the loss curve written so far by a training (poll while its job runs) */
  getKnnLmTrainLoss: channel<KnnLmTrainLoss>()(z.object({ name: modelName }).strict()),
  /** build a datastore for a trained model from corpora / uploaded files, as a job (result: KnnLmDatastoreBuildResult) */
  startKnnLmDatastore: channel<{ jobId: string; name: string }>()(
    z
      .object({
        /** required unless `paths` names the model folder */
        model: modelName.optional(),
        sources: z.array(builtInCorpusSpec).max(20).default([]),
        uploadIds: z.array(uploadId).max(20).default([]),
        dtype: z.enum(['float16', 'float32']).default('float16'),
        heldOutShare: heldOutShare,
        /**
         * CLI only: store all of these sources' documents (none held out, as `scaling-lab knnlm datastore` always
         * did) with the model in `modelDir` into `outDir`; an HNSW index always (`hnsw`) or when large enough;
         * documents sharing n-grams with `decontaminate` (a text source) left out; keys scored in `threads` threads.
         * Result: KnnLmDatastorePathsResult.
         */
        paths: z
          .object({
            sources: localSources,
            modelDir: localPath,
            outDir: localPath,
            hnsw: z.boolean().default(false),
            decontaminate: localPath.optional(),
            threads: z.number().int().min(1).max(64).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  /** check and store a real model's numbers (uploaded .npy files); throws a LabError naming the file that is wrong */
  importKnnLmNumbers: channel<KnnLmImportInfo>()(
    z.object({ keys: uploadId, values: uploadId, queries: uploadId, targets: uploadId, lmLogProbs: uploadId }).strict(),
  ),
  listKnnLmImports: channel<KnnLmImportInfo[]>()(z.object({}).strict()),
  /** delete a trained model with its datastores and copied sources (refused while it trains or a datastore builds) */
  deleteKnnLmModel: channel<{ deleted: string; bytes: number }>()(z.object({ name: modelName }).strict()),
  /** delete an import's stored .npy files */
  deleteKnnLmImport: channel<{ deleted: string; bytes: number }>()(z.object({ name: importName }).strict()),
  /** kNN-LM perplexity on imported numbers, as a job (result: KnnLmEvalResult) */
  startKnnLmImportEval: channel<{ jobId: string }>()(
    z
      .object({ name: importName, lambda: lambda.optional(), k: k.optional(), temperature: temperature.optional(), datastoreFraction: z.number().gt(0).max(1).optional() })
      .strict(),
  ),
  /** sweeps over lambda, k, temperature and datastore size on imported numbers, as a job (result: KnnLmSweepResult) */
  startKnnLmImportSweep: channel<{ jobId: string }>()(
    z
      .object({
        name: importName,
        lambdas: z.array(lambda).min(1).max(40).optional(),
        ks: z.array(k).min(1).max(20).optional(),
        temperatures: z.array(temperature).min(1).max(20).optional(),
        sizes: sizes.optional(),
      })
      .strict(),
  ),
}
