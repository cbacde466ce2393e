/**
 * Bootstrap over items of the calibration measures (Efron & Tibshirani 1993), seeded. Two engines:
 *
 * exact    the ordinary (multinomial) bootstrap: n item indices drawn with replacement per resample,
 *          turned into multiplicities and run through reliability.ts (no per-resample sort). Cost n per
 *          resample; used while n * resamples <= 2e7.
 *
 * blocked  the Poisson bootstrap (every item weighted by an independent Poisson(1) count; Hanley &
 *          MacGibbon 2006, Chamandy et al. 2012), computed per cell instead of per item. Items sorted by
 *          confidence are cut into blocks of up to 4096 neighbours (never across an equal-width bin edge)
 *          and each block into its correct and wrong items (cells). A cell of n_c items receives
 *          m_c ~ Poisson(n_c) draws, exactly; given m_c the draws are uniform over the cell, and the sums
 *          of confidence, Brier and NLL over them are drawn from their normal limit
 *          N(m_c mu_c, m_c Sigma_c) when m_c > 16, else item by item. Where sigma^2 / (mu^2 + sigma^2)
 *          < 1e-4 for all three sums, the normal term is left out (it changes no interval).
 *          Equal-mass bin edges fall inside blocks: such a block is split in two recursively, at the
 *          position where the edge is expected, the draws of each cell shared between the parts by an
 *          exact binomial (given m_c uniform draws, the number in a sub-range is Binomial(m_c, share)),
 *          down to 32 items, which are drawn one by one, so each edge splits the resampled items exactly
 *          as sorting the resample would. The confidence sum of a part that is not split further is
 *          drawn from its normal limit (mean and variance from prefix sums). Cost per resample: about
 *          2 n / 4096 cells plus a few binomial splits per edge.
 */
import type { BootstrapEngine, StatName } from '../../shared/api/analysis-results'
export type { BootstrapEngine, StatName }
import type { Random } from '../random'
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import type { CalibrationGroup } from './calibration-data'
import { binnedMeasures, calibrationStats, newAccumulator, type Binning, type CalibrationStats } from './reliability'
import { poissonVariate } from './poisson-variate'
import { binomialVariate } from './binomial-variate'

export const EXACT_DRAW_LIMIT = 2e7
const BLOCK_SIZE = 4096
const LEAF_SIZE = 32
const EXACT_CELL_DRAWS = 16

export const STAT_NAMES: readonly StatName[] = ['accuracy', 'mean_confidence', 'ece', 'mce', 'brier', 'nll']

/** Replicates per statistic. */
export type Replicates = Record<StatName, Float64Array>

function store(out: Replicates, r: number, s: CalibrationStats): void {
  out.accuracy[r] = s.accuracy
  out.mean_confidence[r] = s.mean_confidence
  out.ece[r] = s.ece
  out.mce[r] = s.mce
  out.brier[r] = s.brier
  out.nll[r] = s.nll
}

function allocate(resamples: number): Replicates {
  return {
    accuracy: new Float64Array(resamples),
    mean_confidence: new Float64Array(resamples),
    ece: new Float64Array(resamples),
    mce: new Float64Array(resamples),
    brier: new Float64Array(resamples),
    nll: new Float64Array(resamples),
  }
}

export function chooseEngine(n: number, resamples: number, requested: BootstrapEngine | 'auto' = 'auto'): BootstrapEngine {
  if (requested !== 'auto') return requested
  return n * resamples <= EXACT_DRAW_LIMIT ? 'exact' : 'blocked'
}

export function exactBootstrap(
  g: CalibrationGroup,
  binning: Binning,
  bins: number,
  widthBin: Int32Array,
  resamples: number,
  rng: Random,
  progress: ProgressOptions = {},
): Replicates {
  const n = g.n
  const counts = new Int32Array(n)
  const acc = newAccumulator(bins)
  const out = allocate(resamples)
  for (let r = 0; r < resamples; r++) {
    if ((r & 15) === 0) {
      throwIfCancelled(progress.signal)
      progress.onProgress?.(r / resamples)
    }
    counts.fill(0)
    for (let k = 0; k < n; k++) counts[rng.int(n)]++
    store(out, r, calibrationStats(g, binning, bins, widthBin, counts, acc))
  }
  return out
}

interface Cell {
  /** number of items */
  count: number
  /** sorted positions of the cell's items (for draws one by one) */
  items: Int32Array
  correct: number
  mean: [number, number, number]
  /** lower-triangular Cholesky factor of the covariance of (confidence, brier, nll), row-major 3x3 */
  chol: Float64Array
  /** how many standard normals a draw needs (0 when the spread is negligible) */
  normals: number
}

interface Block {
  start: number
  end: number
  widthBin: number
  cells: Cell[]
}

function choleskySemidefinite(cov: number[]): Float64Array {
  const L = new Float64Array(9)
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[i * 3 + j]
      for (let k = 0; k < j; k++) s -= L[i * 3 + k] * L[j * 3 + k]
      if (i === j) L[i * 3 + i] = s > 1e-300 ? Math.sqrt(s) : 0
      else L[i * 3 + j] = L[j * 3 + j] > 0 ? s / L[j * 3 + j] : 0
    }
  }
  return L
}

function makeBlocks(g: CalibrationGroup, widthBin: Int32Array): Block[] {
  const blocks: Block[] = []
  let start = 0
  while (start < g.n) {
    let end = Math.min(g.n, start + BLOCK_SIZE)
    for (let i = start + 1; i < end; i++)
      if (widthBin[i] !== widthBin[start]) {
        end = i
        break
      }
    const cells: Cell[] = []
    for (const y of [0, 1]) {
      let count = 0
      for (let i = start; i < end; i++) if (g.correct[i] === y) count++
      if (count === 0) continue
      const idx = new Int32Array(count)
      let m0 = 0
      let m1 = 0
      let m2 = 0
      for (let i = start, k = 0; i < end; i++)
        if (g.correct[i] === y) {
          idx[k++] = i
          m0 += g.confidence[i]
          m1 += g.brier[i]
          m2 += g.nll[i]
        }
      m0 /= count
      m1 /= count
      m2 /= count
      let c00 = 0
      let c01 = 0
      let c02 = 0
      let c11 = 0
      let c12 = 0
      let c22 = 0
      for (let k = 0; k < count; k++) {
        const i = idx[k]
        const d0 = g.confidence[i] - m0
        const d1 = g.brier[i] - m1
        const d2 = g.nll[i] - m2
        c00 += d0 * d0
        c01 += d0 * d1
        c02 += d0 * d2
        c11 += d1 * d1
        c12 += d1 * d2
        c22 += d2 * d2
      }
      const cov = [c00, c01, c02, c01, c11, c12, c02, c12, c22].map((v) => v / count)
      const m: [number, number, number] = [m0, m1, m2]
      // The Poisson-bootstrap variance of a cell's sum is n_c (mu^2 + sigma^2); a spread share
      // sigma^2 / (mu^2 + sigma^2) below 1e-4 is dropped.
      const spread = [0, 1, 2].some((k) => cov[k * 3 + k] > 1e-4 * (m[k] * m[k] + cov[k * 3 + k]))
      const chol = choleskySemidefinite(cov)
      const scale = Math.max(Math.abs(chol[0]), Math.abs(chol[4]), Math.abs(chol[8]), 1e-300)
      const normals = !spread ? 0 : Math.abs(chol[8]) > 1e-9 * scale ? 3 : Math.abs(chol[4]) > 1e-9 * scale || Math.abs(chol[7]) > 1e-9 * scale ? 2 : 1
      cells.push({ count, items: idx, correct: y, mean: m, chol, normals })
    }
    blocks.push({ start, end, widthBin: widthBin[start], cells })
    start = end
  }
  return blocks
}

/** Prefix sums per cell (wrong = 0, right = 1) over sorted positions, to split any range's draws. */
interface Prefix {
  /** count[y][i] = number of items of cell y among positions [0, i) */
  count: [Int32Array, Int32Array]
  conf: [Float64Array, Float64Array]
  conf2: [Float64Array, Float64Array]
  /** sorted positions of the items of each cell */
  positions: [Int32Array, Int32Array]
}

function makePrefix(g: CalibrationGroup): Prefix {
  const n = g.n
  const count: [Int32Array, Int32Array] = [new Int32Array(n + 1), new Int32Array(n + 1)]
  const conf: [Float64Array, Float64Array] = [new Float64Array(n + 1), new Float64Array(n + 1)]
  const conf2: [Float64Array, Float64Array] = [new Float64Array(n + 1), new Float64Array(n + 1)]
  for (let i = 0; i < n; i++) {
    const y = g.correct[i] === 1 ? 1 : 0
    for (const c of [0, 1]) {
      count[c][i + 1] = count[c][i] + (c === y ? 1 : 0)
      conf[c][i + 1] = conf[c][i] + (c === y ? g.confidence[i] : 0)
      conf2[c][i + 1] = conf2[c][i] + (c === y ? g.confidence[i] * g.confidence[i] : 0)
    }
  }
  const positions: [Int32Array, Int32Array] = [new Int32Array(count[0][n]), new Int32Array(count[1][n])]
  for (let i = 0; i < n; i++) {
    const y = g.correct[i] === 1 ? 1 : 0
    positions[y][count[y][i]] = i
  }
  return { count, conf, conf2, positions }
}

/** Bins being filled in one resample, and where the next resampled item goes. */
interface MassState {
  bins: number
  W: number
  b: number
  edge: number
  pos: number
  count: Float64Array
  conf: Float64Array
  correct: Float64Array
}

function advance(st: MassState): void {
  while (st.b < st.bins - 1 && st.pos >= st.edge) {
    st.b++
    st.edge = Math.floor(((st.b + 1) * st.W) / st.bins)
  }
}

/** Room left in the current bin (infinite in the last). */
function room(st: MassState): number {
  return st.b < st.bins - 1 ? st.edge - st.pos : Infinity
}

/** Confidence sum of k uniform draws from the items of cell y in [a, b): normal limit from prefix sums. */
function rangeConfSum(px: Prefix, y: 0 | 1, a: number, b: number, k: number, rng: Random): number {
  if (k === 0) return 0
  const n = px.count[y][b] - px.count[y][a]
  const mean = (px.conf[y][b] - px.conf[y][a]) / n
  const variance = Math.max(0, (px.conf2[y][b] - px.conf2[y][a]) / n - mean * mean)
  if (variance <= 1e-4 * mean * mean) return k * mean
  return k * mean + Math.sqrt(k * variance) * rng.normal()
}

/**
 * Put the draws that fall in [a, b) (k0 wrong, k1 right) into the equal-mass bins: whole when they fit
 * in the current bin, else by halves (binomial split), down to LEAF_SIZE items drawn one by one.
 */
function fillRange(g: CalibrationGroup, px: Prefix, st: MassState, a: number, b: number, k0: number, k1: number, local: Int32Array, rng: Random): void {
  const k = k0 + k1
  if (k === 0) return
  advance(st)
  if (k <= room(st)) {
    st.count[st.b] += k
    st.conf[st.b] += rangeConfSum(px, 0, a, b, k0, rng) + rangeConfSum(px, 1, a, b, k1, rng)
    st.correct[st.b] += k1
    st.pos += k
    return
  }
  if (b - a <= LEAF_SIZE) {
    local.fill(0, 0, b - a)
    const first0 = px.count[0][a]
    const n0 = px.count[0][b] - first0
    for (let t = 0; t < k0; t++) local[px.positions[0][first0 + rng.int(n0)] - a]++
    const first1 = px.count[1][a]
    const n1 = px.count[1][b] - first1
    for (let t = 0; t < k1; t++) local[px.positions[1][first1 + rng.int(n1)] - a]++
    for (let q = 0; q < b - a; q++) {
      let w = local[q]
      const i = a + q
      while (w > 0) {
        advance(st)
        const take = Math.min(w, room(st))
        st.count[st.b] += take
        st.conf[st.b] += take * g.confidence[i]
        st.correct[st.b] += take * g.correct[i]
        st.pos += take
        w -= take
      }
    }
    return
  }
  // Split where the edge is expected (interpolation), so the part holding the edge shrinks fast.
  const share = Math.min(1, room(st) / k)
  const mid = Math.min(b - 1, Math.max(a + 1, a + Math.round(share * (b - a))))
  const n0 = px.count[0][b] - px.count[0][a]
  const n1 = px.count[1][b] - px.count[1][a]
  const l0 = n0 > 0 ? binomialVariate(k0, (px.count[0][mid] - px.count[0][a]) / n0, rng) : 0
  const l1 = n1 > 0 ? binomialVariate(k1, (px.count[1][mid] - px.count[1][a]) / n1, rng) : 0
  fillRange(g, px, st, a, mid, l0, l1, local, rng)
  fillRange(g, px, st, mid, b, k0 - l0, k1 - l1, local, rng)
}

export function blockedBootstrap(
  g: CalibrationGroup,
  binning: Binning,
  bins: number,
  widthBin: Int32Array,
  resamples: number,
  rng: Random,
  progress: ProgressOptions = {},
): Replicates {
  const blocks = makeBlocks(g, widthBin)
  const prefix = binning === 'mass' ? makePrefix(g) : null
  const nb = blocks.length
  const out = allocate(resamples)
  const draws0 = new Int32Array(nb)
  const draws1 = new Int32Array(nb)
  const bConf = new Float64Array(nb)
  const local = new Int32Array(LEAF_SIZE)
  const binCount = new Float64Array(bins)
  const binConf = new Float64Array(bins)
  const binCorr = new Float64Array(bins)
  const st: MassState = { bins, W: 0, b: 0, edge: 0, pos: 0, count: binCount, conf: binConf, correct: binCorr }

  for (let r = 0; r < resamples; r++) {
    if ((r & 15) === 0) {
      throwIfCancelled(progress.signal)
      progress.onProgress?.(r / resamples)
    }
    let W = 0
    let sBrier = 0
    let sNll = 0
    for (let j = 0; j < nb; j++) {
      const blk = blocks[j]
      let sc = 0
      draws0[j] = 0
      draws1[j] = 0
      for (let c = 0; c < blk.cells.length; c++) {
        const cell = blk.cells[c]
        const nc = cell.count
        const m = poissonVariate(nc, rng)
        if (cell.correct === 1) draws1[j] = m
        else draws0[j] = m
        if (m === 0) continue
        W += m
        if (nc === 1) {
          const i = cell.items[0]
          sc += m * g.confidence[i]
          sBrier += m * g.brier[i]
          sNll += m * g.nll[i]
        } else if (m <= EXACT_CELL_DRAWS) {
          for (let k = 0; k < m; k++) {
            const i = cell.items[rng.int(nc)]
            sc += g.confidence[i]
            sBrier += g.brier[i]
            sNll += g.nll[i]
          }
        } else if (cell.normals === 0) {
          sc += m * cell.mean[0]
          sBrier += m * cell.mean[1]
          sNll += m * cell.mean[2]
        } else {
          const L = cell.chol
          const root = Math.sqrt(m)
          const k = cell.normals
          const z0 = rng.normal()
          const z1 = k > 1 ? rng.normal() : 0
          const z2 = k > 2 ? rng.normal() : 0
          sc += m * cell.mean[0] + root * (L[0] * z0)
          sBrier += m * cell.mean[1] + root * (L[3] * z0 + L[4] * z1)
          sNll += m * cell.mean[2] + root * (L[6] * z0 + L[7] * z1 + L[8] * z2)
        }
      }
      bConf[j] = sc
    }
    if (W === 0) {
      r--
      continue
    }
    binCount.fill(0)
    binConf.fill(0)
    binCorr.fill(0)
    if (binning === 'width' || prefix === null) {
      for (let j = 0; j < nb; j++) {
        const b = blocks[j].widthBin
        binCount[b] += draws0[j] + draws1[j]
        binConf[b] += bConf[j]
        binCorr[b] += draws1[j]
      }
    } else {
      st.W = W
      st.b = 0
      st.edge = Math.floor(W / bins)
      st.pos = 0
      for (let j = 0; j < nb; j++) {
        const m = draws0[j] + draws1[j]
        if (m === 0) continue
        advance(st)
        if (m <= room(st)) {
          binCount[st.b] += m
          binConf[st.b] += bConf[j]
          binCorr[st.b] += draws1[j]
          st.pos += m
        } else {
          fillRange(g, prefix, st, blocks[j].start, blocks[j].end, draws0[j], draws1[j], local, rng)
        }
      }
    }
    store(out, r, binnedMeasures(st, sBrier, sNll))
  }
  return out
}
