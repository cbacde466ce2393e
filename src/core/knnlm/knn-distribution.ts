/**
 * kNN-LM (Khandelwal et al. 2020, "Generalization through Memorization: Nearest Neighbor Language Models",
 * arXiv 1911.00172):
 *   p_kNN(y | x) = sum_{(k_i, v_i) in N(x), v_i = y} exp(-d(k_i, q(x)) / T) / sum_{(k_i, v_i) in N(x)} exp(-d(k_i, q(x)) / T)
 * with d the squared L2 distance and N(x) the k nearest keys, and the interpolation
 *   p(y | x) = lambda p_kNN(y | x) + (1 - lambda) p_LM(y | x),
 * computed in log space: log p = logsumexp(log lambda + log p_kNN, log(1 - lambda) + log p_LM).
 * Perplexity = exp(-mean log p) over the evaluated tokens.
 */
import { LabError } from '../../shared/errors'
import { logSumExp2 } from '../numeric/log-sum-exp'
import type { Neighbours } from './exact-search'

export function checkKnnOptions(o: { lambda?: number; k?: number; temperature?: number }): void {
  if (o.lambda !== undefined && !(o.lambda >= 0 && o.lambda < 1)) {
    throw new LabError('bad-option', `lambda must be in [0, 1); got ${o.lambda}.`, { hint: 'lambda = 1 would give tokens no retrieved neighbour predicts probability 0 (infinite perplexity); the paper uses 0.25 in-domain.' })
  }
  if (o.k !== undefined && !(Number.isInteger(o.k) && o.k >= 1)) throw new LabError('bad-option', `k must be a positive integer; got ${o.k}.`, { hint: 'The paper uses k = 1024.' })
  if (o.temperature !== undefined && !(o.temperature > 0 && Number.isFinite(o.temperature))) {
    throw new LabError('bad-option', `temperature must be a positive number; got ${o.temperature}.`, { hint: 'The paper uses T = 1 on raw squared distances.' })
  }
}

/**
 * log p_kNN(target_i) for each query i from its first k neighbours (-Infinity when no neighbour has the target).
 */
export function knnLogProbs(nb: Neighbours, values: Int32Array, targets: Int32Array, k: number, temperature: number): Float64Array {
  const out = new Float64Array(nb.queries)
  const kk = Math.min(k, nb.k)
  for (let q = 0; q < nb.queries; q++) {
    const o = q * nb.k
    let maxLogit = -Infinity
    for (let j = 0; j < kk; j++) {
      if (nb.indices[o + j]! < 0) break
      maxLogit = Math.max(maxLogit, -nb.distances[o + j]! / temperature)
    }
    if (maxLogit === -Infinity) {
      out[q] = -Infinity
      continue
    }
    let all = 0
    let hit = 0
    const y = targets[q]!
    for (let j = 0; j < kk; j++) {
      const idx = nb.indices[o + j]!
      if (idx < 0) break
      const w = Math.exp(-nb.distances[o + j]! / temperature - maxLogit)
      all += w
      if (values[idx] === y) hit += w
    }
    out[q] = hit > 0 ? Math.log(hit / all) : -Infinity
  }
  return out
}

/** The kNN distribution of one query as (token, p) pairs, most probable first. */
export function knnDistribution(nb: Neighbours, q: number, values: Int32Array, k: number, temperature: number): Map<number, number> {
  const kk = Math.min(k, nb.k)
  const o = q * nb.k
  let maxLogit = -Infinity
  for (let j = 0; j < kk && nb.indices[o + j]! >= 0; j++) maxLogit = Math.max(maxLogit, -nb.distances[o + j]! / temperature)
  const mass = new Map<number, number>()
  let all = 0
  for (let j = 0; j < kk; j++) {
    const idx = nb.indices[o + j]!
    if (idx < 0) break
    const w = Math.exp(-nb.distances[o + j]! / temperature - maxLogit)
    all += w
    mass.set(values[idx]!, (mass.get(values[idx]!) ?? 0) + w)
  }
  for (const [t, w] of mass) mass.set(t, w / all)
  return mass
}

/** The interpolation log(lambda p_kNN + (1 - lambda) p_LM) from the two log probabilities (log p_kNN may be -Infinity). */
export function mixLogProb(logPKnn: number, logPLm: number, lambda: number): number {
  if (lambda === 0) return logPLm
  return logSumExp2(Math.log(lambda) + logPKnn, Math.log(1 - lambda) + logPLm)
}

/** exp(-mean log p); throws rather than returning a non-finite number. */
export function perplexity(logProbs: ArrayLike<number>): number {
  if (logProbs.length === 0) throw new LabError('no-tokens', 'There are no tokens to evaluate.', { hint: 'Give a longer evaluation text.' })
  let s = 0
  for (let i = 0; i < logProbs.length; i++) s += logProbs[i]!
  const ppl = Math.exp(-s / logProbs.length)
  if (!Number.isFinite(ppl)) throw new LabError('perplexity-infinite', 'Perplexity is infinite: some token got probability 0.', { hint: 'Use lambda < 1 so the language model keeps some weight.' })
  return ppl
}

export function mixedLogProbs(knn: Float64Array, lm: ArrayLike<number>, lambda: number): Float64Array {
  const out = new Float64Array(knn.length)
  for (let i = 0; i < knn.length; i++) out[i] = mixLogProb(knn[i]!, lm[i]!, lambda)
  return out
}
