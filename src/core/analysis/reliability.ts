/**
 * Reliability diagram and calibration measures from (possibly weighted) items sorted by confidence
 * (Guo et al. 2017, arXiv 1706.04599; Naeini et al. 2015 for equal-mass "adaptive" bins):
 *   ECE = sum_b (n_b / n) |acc_b - conf_b|,  MCE = max_b over non-empty bins |acc_b - conf_b|,
 *   Brier = mean (c_i - y_i)^2, NLL = mean -log p_i, accuracy = mean y_i, mean confidence = mean c_i.
 * Equal-width bins cover [b / B, (b + 1) / B). Equal-mass bins split the items sorted by confidence at
 * positions floor(b n / B); with integer weights (bootstrap multiplicities) an item of weight w fills w
 * consecutive positions, exactly as if the resample had been sorted, so no per-resample sort is needed.
 */
import type { Binning, ReliabilityBin } from '../../shared/api/analysis-results'
export type { Binning, ReliabilityBin }
import type { CalibrationGroup } from './calibration-data'

export interface CalibrationStats {
  accuracy: number
  mean_confidence: number
  ece: number
  mce: number
  brier: number
  nll: number
}

export interface BinAccumulator {
  count: Float64Array
  conf: Float64Array
  correct: Float64Array
}

export function newAccumulator(bins: number): BinAccumulator {
  return { count: new Float64Array(bins), conf: new Float64Array(bins), correct: new Float64Array(bins) }
}

function reset(acc: BinAccumulator): void {
  acc.count.fill(0)
  acc.conf.fill(0)
  acc.correct.fill(0)
}

/** Accumulate bins and totals; `weights` null means every item once. Returns the calibration measures. */
export function calibrationStats(
  g: CalibrationGroup,
  binning: Binning,
  bins: number,
  widthBin: Int32Array,
  weights: ArrayLike<number> | null,
  acc: BinAccumulator,
): CalibrationStats {
  reset(acc)
  const { confidence, correct, brier, nll } = g
  const n = g.n
  let sBrier = 0
  let sNll = 0
  if (binning === 'width') {
    for (let i = 0; i < n; i++) {
      const w = weights === null ? 1 : weights[i]
      if (w === 0) continue
      const b = widthBin[i]
      const c = confidence[i]
      const y = correct[i]
      acc.count[b] += w
      acc.conf[b] += w * c
      acc.correct[b] += w * y
      sBrier += w * brier[i]
      sNll += w * nll[i]
    }
  } else {
    let W = 0
    if (weights === null) W = n
    else for (let i = 0; i < n; i++) W += weights[i]
    let b = 0
    let edge = Math.floor(W / bins)
    let pos = 0
    for (let i = 0; i < n; i++) {
      let w = weights === null ? 1 : weights[i]
      if (w === 0) continue
      const c = confidence[i]
      const y = correct[i]
      sBrier += w * brier[i]
      sNll += w * nll[i]
      while (w > 0) {
        while (b < bins - 1 && pos >= edge) {
          b++
          edge = Math.floor(((b + 1) * W) / bins)
        }
        const take = b < bins - 1 ? Math.min(w, edge - pos) : w
        acc.count[b] += take
        acc.conf[b] += take * c
        acc.correct[b] += take * y
        pos += take
        w -= take
      }
    }
  }
  return binnedMeasures(acc, sBrier, sNll)
}

/** ECE, MCE, accuracy and mean confidence from filled bins; Brier and NLL from their (weighted) sums. */
export function binnedMeasures(acc: BinAccumulator, sBrier: number, sNll: number): CalibrationStats {
  let total = 0
  let sConf = 0
  let sCorr = 0
  let ece = 0
  let mce = 0
  for (let b = 0; b < acc.count.length; b++) {
    const cnt = acc.count[b]
    if (cnt <= 0) continue
    total += cnt
    sConf += acc.conf[b]
    sCorr += acc.correct[b]
    const gap = Math.abs(acc.correct[b] - acc.conf[b])
    ece += gap
    const rel = gap / cnt
    if (rel > mce) mce = rel
  }
  return {
    accuracy: sCorr / total,
    mean_confidence: sConf / total,
    ece: ece / total,
    mce,
    brier: sBrier / total,
    nll: sNll / total,
  }
}

/** The reliability diagram of the unweighted items. */
export function reliabilityDiagram(g: CalibrationGroup, binning: Binning, bins: number, widthBin: Int32Array): ReliabilityBin[] {
  const acc = newAccumulator(bins)
  calibrationStats(g, binning, bins, widthBin, null, acc)
  const out: ReliabilityBin[] = []
  let start = 0
  for (let b = 0; b < bins; b++) {
    const cnt = acc.count[b]
    let lower = b / bins
    let upper = (b + 1) / bins
    if (binning === 'mass') {
      const end = b === bins - 1 ? g.n : Math.floor(((b + 1) * g.n) / bins)
      lower = cnt > 0 ? g.confidence[start] : NaN
      upper = cnt > 0 ? g.confidence[end - 1] : NaN
      start = end
      if (cnt === 0) continue
    }
    const conf = cnt > 0 ? acc.conf[b] / cnt : null
    const accuracy = cnt > 0 ? acc.correct[b] / cnt : null
    out.push({ lower, upper, count: cnt, mean_confidence: conf, accuracy, gap: conf !== null && accuracy !== null ? accuracy - conf : null })
  }
  return out
}
