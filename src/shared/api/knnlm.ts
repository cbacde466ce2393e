/**
 * The kNN-LM channels: the shipped demo (model, datastores, held-out texts), the next-token view for a prefix,
 * and evaluation and sweeps as jobs. Response types mirror src/core/knnlm's results (plain JSON).
 */
import { z } from 'zod'
import { channel } from './channel'

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
}

export interface KnnLmTokenGain {
  position: number
  token: string
  context: string
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
  setting?: KnnLmSetting
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
  setting?: KnnLmSetting
}

const setting = z.enum(['in-domain', 'adaptation'])
const lambda = z.number().min(0).lt(1)
const k = z.number().int().min(1).max(4096)
const temperature = z.number().gt(0).max(10_000)

export const knnlmChannels = {
  getKnnLmDemo: channel<KnnLmDemoInfo>()(z.object({}).strict()),
  /** the LM's next tokens after a prefix, its nearest neighbours and the mixture (fast: one forward pass, one search) */
  queryKnnLm: channel<KnnLmNextTokenView>()(
    z
      .object({
        prefix: z.string().max(4000),
        setting: setting.default('in-domain'),
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
        lambda: lambda.optional(),
        k: k.optional(),
        temperature: temperature.optional(),
        maxTokens: z.number().int().min(10).max(100_000).optional(),
        datastoreFraction: z.number().gt(0).max(1).optional(),
        perToken: z.boolean().default(false),
      })
      .strict(),
  ),
  /** sweeps over lambda, k, temperature and datastore size, as a job (result: KnnLmSweepResult) */
  startKnnLmSweep: channel<{ jobId: string }>()(
    z
      .object({
        setting: setting.default('in-domain'),
        lambdas: z.array(lambda).min(1).max(40).optional(),
        ks: z.array(k).min(1).max(20).optional(),
        temperatures: z.array(temperature).min(1).max(20).optional(),
        sizes: z.array(z.number().gt(0).max(1)).min(1).max(20).optional(),
        maxTokens: z.number().int().min(10).max(100_000).optional(),
      })
      .strict(),
  ),
}
