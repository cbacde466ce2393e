/**
 * Evaluation of kNN-LM interpolation on prepared per-token inputs (the LM's log-probability of each actual next
 * token, the query vector before it, the token itself), whoever produced them: a model trained here or a real
 * model's numbers imported as .npy. Perplexities for the LM alone and the kNN-LM (formulas in
 * knn-distribution.ts), sweeps over lambda, k, temperature and datastore size (Khandelwal et al. 2020, Fig. 2-3;
 * Xu et al. 2023 on temperature), and the per-token view of where retrieval helped (Wang et al. 2023,
 * arXiv 2305.14625, found the gains concentrate on a subset of tokens).
 */
import { LabError } from '../../shared/errors'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { searchDatastore, type Datastore, type SearchMethod } from './datastore'
import { checkDims, type Neighbours } from './exact-search'
import { checkKnnOptions, knnLogProbs, mixedLogProbs, perplexity } from './knn-distribution'

export interface EvalInputs {
  dims: number
  /** [count, dims] */
  queries: Float32Array
  /** [count] natural-log probability of each actual next token under the LM */
  lmLogProbs: Float32Array
  /** [count] the actual next tokens */
  targets: Int32Array
}

export interface KnnSettings {
  lambda: number
  k: number
  temperature: number
  method?: SearchMethod
}

export interface KnnLmEvaluation {
  tokens: number
  ppl_lm: number
  ppl_knnlm: number
  lambda: number
  k: number
  temperature: number
  datastoreSize: number
  /** share of tokens for which no retrieved neighbour had the right next token */
  knnMissRate: number
  /** how the neighbours were searched: "exact, native avx2-fma", "exact, WebAssembly; native kernel not built (...)", HNSW */
  search: string
}

export function checkInputs(inputs: EvalInputs, ds: Datastore): void {
  checkDims('The query vectors', inputs.dims, ds.meta.dims)
  const n = inputs.targets.length
  if (inputs.queries.length !== n * inputs.dims || inputs.lmLogProbs.length !== n) {
    throw new LabError('dims-mismatch', `The evaluation inputs disagree: ${n} targets, ${inputs.queries.length / inputs.dims} query vectors, ${inputs.lmLogProbs.length} LM log-probabilities.`, { hint: 'Give one query vector and one log-probability per evaluated token.' })
  }
  if (n === 0) throw new LabError('no-tokens', 'There are no tokens to evaluate.', { hint: 'Give a longer evaluation text.' })
  for (let i = 0; i < n; i++) {
    const lp = inputs.lmLogProbs[i]!
    if (!(lp <= 1e-4) || !Number.isFinite(lp)) {
      throw new LabError('bad-logprob', `LM log-probability ${lp} at token ${i} is not a finite natural log of a probability (must be <= 0).`, { hint: 'Give log-softmax values of the actual next tokens, in nats.' })
    }
  }
}

async function neighboursFor(inputs: EvalInputs, ds: Datastore, k: number, o: { method?: SearchMethod; limit?: number } & ProgressOptions): Promise<Neighbours & { search: string }> {
  const kk = Math.min(k, o.limit ?? ds.meta.count, ds.meta.count)
  if (kk < 1) throw new LabError('datastore-empty', 'The datastore has no keys.', { hint: 'Build it from a non-empty text.' })
  return searchDatastore(ds, inputs.queries, kk, o)
}

function missRate(knn: Float64Array): number {
  let miss = 0
  for (const v of knn) if (v === -Infinity) miss++
  return miss / Math.max(1, knn.length)
}

export async function evaluateInterpolation(inputs: EvalInputs, ds: Datastore, s: KnnSettings & { limit?: number }, opts: ProgressOptions = {}): Promise<KnnLmEvaluation & { perToken: { lm: Float32Array; knnlm: Float64Array; knn: Float64Array } }> {
  checkKnnOptions(s)
  checkInputs(inputs, ds)
  const nb = await neighboursFor(inputs, ds, s.k, { method: s.method, limit: s.limit, ...opts })
  const knn = knnLogProbs(nb, ds.values, inputs.targets, s.k, s.temperature)
  const mixed = mixedLogProbs(knn, inputs.lmLogProbs, s.lambda)
  return {
    tokens: inputs.targets.length,
    ppl_lm: perplexity(inputs.lmLogProbs),
    ppl_knnlm: perplexity(mixed),
    lambda: s.lambda,
    k: s.k,
    temperature: s.temperature,
    datastoreSize: Math.min(s.limit ?? ds.meta.count, ds.meta.count),
    knnMissRate: missRate(knn),
    search: nb.search,
    perToken: { lm: inputs.lmLogProbs, knnlm: mixed, knn },
  }
}

export interface SweepGrid {
  lambdas?: number[]
  ks?: number[]
  temperatures?: number[]
  /** fractions of the datastore (its first rows) for the size curve */
  sizes?: number[]
  method?: SearchMethod
}

export interface SweepPoint {
  lambda: number
  k: number
  temperature: number
  ppl: number
}

export interface SizePoint {
  fraction: number
  keys: number
  ppl_knnlm: number
  bestLambda: number
  ppl_best: number
}

export interface KnnLmSweep {
  tokens: number
  ppl_lm: number
  grid: SweepPoint[]
  best: SweepPoint
  /** perplexity against lambda at the best k and temperature */
  lambdaCurve: Array<{ lambda: number; ppl: number }>
  kCurve: Array<{ k: number; ppl: number }>
  temperatureCurve: Array<{ temperature: number; ppl: number }>
  sizeCurve: SizePoint[]
  datastoreSize: number
  /** how the neighbours were searched (see KnnLmEvaluation.search) */
  search: string
}

export const DEFAULT_GRID: Required<Omit<SweepGrid, 'method'>> = {
  lambdas: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  ks: [8, 32, 128, 512, 1024],
  temperatures: [1, 3, 10, 30],
  sizes: [0.05, 0.1, 0.25, 0.5, 1],
}

function bestOver(knn: Float64Array, lm: Float32Array, lambdas: number[]): { lambda: number; ppl: number } {
  let best = { lambda: 0, ppl: Infinity }
  for (const l of lambdas) {
    const p = perplexity(mixedLogProbs(knn, lm, l))
    if (p < best.ppl) best = { lambda: l, ppl: p }
  }
  return best
}

/** One search with the largest k; every (lambda, k, temperature) from it; one search per datastore size. */
export async function sweepInterpolation(inputs: EvalInputs, ds: Datastore, g: SweepGrid & { defaults: KnnSettings }, opts: ProgressOptions = {}): Promise<KnnLmSweep> {
  checkInputs(inputs, ds)
  const lambdas = g.lambdas ?? DEFAULT_GRID.lambdas
  const ks = (g.ks ?? DEFAULT_GRID.ks).filter((k) => k <= ds.meta.count)
  if (ks.length === 0) ks.push(ds.meta.count)
  const temps = g.temperatures ?? DEFAULT_GRID.temperatures
  const sizes = g.sizes ?? DEFAULT_GRID.sizes
  for (const l of lambdas) checkKnnOptions({ lambda: l })
  for (const k of ks) checkKnnOptions({ k })
  for (const t of temps) checkKnnOptions({ temperature: t })
  const kMax = Math.max(...ks)
  const report = (f: number, m: string): void => opts.onProgress?.(f, m)
  const nb = await neighboursFor(inputs, ds, kMax, { method: g.method, signal: opts.signal, onProgress: (f, m) => report(0.4 * f, m ?? 'searching') })
  const grid: SweepPoint[] = []
  for (const k of ks) {
    for (const t of temps) {
      throwIfCancelled(opts.signal)
      const knn = knnLogProbs(nb, ds.values, inputs.targets, k, t)
      for (const l of lambdas) grid.push({ lambda: l, k, temperature: t, ppl: perplexity(mixedLogProbs(knn, inputs.lmLogProbs, l)) })
    }
  }
  const best = grid.reduce((a, b) => (b.ppl < a.ppl ? b : a))
  const at = (p: Partial<SweepPoint>): SweepPoint[] => grid.filter((x) => (p.lambda === undefined || x.lambda === p.lambda) && (p.k === undefined || x.k === p.k) && (p.temperature === undefined || x.temperature === p.temperature))
  const lambdaCurve = at({ k: best.k, temperature: best.temperature }).map((x) => ({ lambda: x.lambda, ppl: x.ppl }))
  const kCurve = ks.map((k) => ({ k, ppl: Math.min(...at({ k, temperature: best.temperature }).map((x) => x.ppl)) }))
  const temperatureCurve = temps.map((t) => ({ temperature: t, ppl: Math.min(...at({ k: best.k, temperature: t }).map((x) => x.ppl)) }))
  const sizeCurve: SizePoint[] = []
  for (let i = 0; i < sizes.length; i++) {
    const fraction = sizes[i]!
    const keys = Math.max(1, Math.round(fraction * ds.meta.count))
    const kk = Math.min(best.k, keys)
    const nbs = fraction >= 1 ? nb : await neighboursFor(inputs, ds, kk, { method: g.method, limit: keys, signal: opts.signal })
    const knn = knnLogProbs(nbs, ds.values, inputs.targets, kk, best.temperature)
    const b = bestOver(knn, inputs.lmLogProbs, lambdas)
    sizeCurve.push({ fraction, keys, ppl_knnlm: perplexity(mixedLogProbs(knn, inputs.lmLogProbs, g.defaults.lambda)), bestLambda: b.lambda, ppl_best: b.ppl })
    report(0.4 + (0.6 * (i + 1)) / sizes.length, `datastore size ${keys}`)
  }
  return { tokens: inputs.targets.length, ppl_lm: perplexity(inputs.lmLogProbs), grid, best, lambdaCurve, kCurve, temperatureCurve, sizeCurve, datastoreSize: ds.meta.count, search: nb.search }
}
