/**
 * Chinchilla Approach 3 by multi-start L-BFGS (Hoffmann et al. 2022, arXiv 2203.15556, Appendix D.2):
 * minimise sum_i Huber_1e-3(LSE(a - alpha log N_i, b - beta log D_i, e) - log L_i) from every point of the
 * 4,500-start grid and keep the best (the procedure Besiroglu et al. 2024, arXiv 2404.10102, replicate).
 *
 * Speed: most starts fall into a handful of basins. Each run records the cells (a box of `cellLog` in a, b, e
 * and `cellExponent` in alpha, beta) its iterates pass through; a later run that steps into a cell an earlier
 * run already crossed stops there and is counted as converging where that earlier run did ("trajectory
 * merging"). Runs that are never merged go to full convergence, so the best optimum is a real L-BFGS optimum.
 * The cells of the whole step from one iterate to the next are recorded (the step is rasterised at half a cell),
 * not only its end points, so a later run that crosses an earlier path merges where it crosses it. Finally the three
 * best distinct optima are polished by restarting L-BFGS with a fresh memory until the objective stops improving.
 * (Dropping runs that crawl far above the best so far was tried and rejected: on synthetic data it lost the best.)
 * `dedupe: false` runs every start to convergence; the tests check both give the same best on the Chinchilla
 * data and on synthetic sets.
 */
import { throwIfCancelled, type ProgressOptions } from '../jobs/cancelled'
import { LbfgsSolver, type LbfgsMemory, type LbfgsOptions, type LbfgsResult, type LbfgsStopReason } from './lbfgs'
import { huberSumObjective, type ChinchillaData } from './chinchilla-objective'
import { chinchillaParamsFromVector, hoffmannGridStarts, type ChinchillaParams } from './chinchilla-law'

export interface GridFitOptions extends ProgressOptions {
  delta?: number
  /** merge trajectories (default true) */
  dedupe?: boolean
  /** merge-cell width in a, b, e (default 0.5) */
  cellLog?: number
  /** merge-cell width in alpha, beta (default 0.1) */
  cellExponent?: number
  /** L-BFGS history pairs (default 10) */
  memory?: number
  /** starting points [a, b, e, alpha, beta]; default the Hoffmann grid */
  starts?: ReadonlyArray<ArrayLike<number>>
  lbfgs?: LbfgsOptions
}

export interface GridOptimum {
  objective: number
  params: ChinchillaParams
  /** starts that ended here (directly or by merging) */
  starts: number
}

export interface GridFitResult {
  x: number[]
  params: ChinchillaParams
  objective: number
  converged: boolean
  reason: LbfgsStopReason
  /** L-BFGS iterations over all starts */
  iterations: number
  evaluations: number
  starts: number
  /** starts run to convergence */
  explorers: number
  /** starts stopped because they entered an earlier trajectory */
  merged: number
  /** index of the start whose run gave the best optimum */
  bestStart: number
  /** distinct optima found (objectives within 1e-6 relative pooled), best first, at most 10 */
  optima: GridOptimum[]
}

export const DEFAULT_LBFGS: LbfgsOptions = { gradientTolerance: 1e-10, relativeTolerance: 1e-12, maxIterations: 1000 }

const OFFSET = 512 // cells per coordinate on either side of 0; coordinates beyond are not merged

/** Fit a single start: one L-BFGS run on the Huber-sum objective, optionally with warm curvature pairs. */
export function fitChinchillaFrom(data: ChinchillaData, x0: ArrayLike<number>, options: { delta?: number; lbfgs?: LbfgsOptions; memory?: LbfgsMemory } = {}): LbfgsResult {
  const solver = new LbfgsSolver(5)
  return solver.minimize(huberSumObjective(data, options.delta ?? 1e-3), x0, { ...DEFAULT_LBFGS, ...options.lbfgs, initialMemory: options.memory })
}

/**
 * Curvature pairs describing the objective near its optimum x*: the memory of a run from a fixed offset of x* back to
 * it (undefined if that run ends elsewhere). Bootstrap resamples start at x* with these pairs and need about a quarter
 * of the iterations (their optima are close to x* and their Hessians close to the full data's).
 */
export function curvatureNear(data: ChinchillaData, optimum: readonly number[], delta = 1e-3): LbfgsMemory | undefined {
  const solver = new LbfgsSolver(5)
  const fg = huberSumObjective(data, delta)
  const scratch = new Float64Array(5)
  const fStar = fg(Float64Array.from(optimum), scratch)
  const start = [optimum[0] + 0.5, optimum[1] + 0.5, optimum[2] - 0.1, optimum[3] + 0.02, optimum[4] + 0.02]
  const r = solver.minimize(fg, start, DEFAULT_LBFGS)
  return r.converged && r.f <= fStar * (1 + 1e-6) ? solver.exportMemory() : undefined
}

export function fitChinchillaGrid(data: ChinchillaData, options: GridFitOptions = {}): GridFitResult {
  const fg = huberSumObjective(data, options.delta ?? 1e-3)
  const starts = options.starts ?? hoffmannGridStarts()
  const lbfgs = { ...DEFAULT_LBFGS, ...options.lbfgs }
  const solver = new LbfgsSolver(5, options.memory ?? 10)
  const ex = exploreStarts(fg, starts, solver, lbfgs, options)
  polishBest(ex, solver, fg, lbfgs)
  options.onProgress?.(1, 'grid done')
  if (ex.best < 0) return noOptimum(ex, starts.length)
  const bestSlot = ex.explorerIndex.get(ex.best) as number
  const bx = ex.explorerX[bestSlot]
  return {
    x: Array.from(bx),
    params: chinchillaParamsFromVector(bx),
    objective: ex.explorerF[bestSlot],
    converged: ex.bestReason === 'gradient' || ex.bestReason === 'relative-change' || ex.bestReason === 'line-search',
    reason: ex.bestReason,
    iterations: ex.iterations,
    evaluations: ex.evaluations,
    starts: starts.length,
    explorers: ex.explorerF.length,
    merged: ex.merged,
    bestStart: ex.best,
    optima: distinctOptima(ex, starts.length),
  }
}

type Objective = ReturnType<typeof huberSumObjective>

/** The runs of the grid: which start ended where, the explorers' optima, and the best start so far. */
interface Exploration {
  /** for each start, the explorer whose optimum it reached */
  outcome: Int32Array
  explorerF: number[]
  explorerX: Float64Array[]
  /** why each explorer's last L-BFGS run stopped (after polishing: the last run that improved it) */
  explorerReason: LbfgsStopReason[]
  /** start index -> explorer slot */
  explorerIndex: Map<number, number>
  best: number
  bestReason: LbfgsStopReason
  iterations: number
  evaluations: number
  merged: number
}

/**
 * The merge cells crossed by the runs so far (trajectory merging): each cell remembers the first start whose
 * run crossed it; a later run entering it stops and is counted as converging where that run did.
 */
class TrajectoryCells {
  private readonly cells = new Map<number, number>()
  private readonly prev = new Float64Array(5)
  private readonly probe = new Float64Array(5)
  private current = 0
  /** the earlier start whose cell the current run entered, -1 while none */
  mergedInto = -1

  constructor(
    private readonly invLog: number,
    private readonly invExp: number,
  ) {}

  private key(x: ArrayLike<number>): number {
    let key = 0
    for (let j = 0; j < 5; j++) {
      const c = Math.round(x[j] * (j < 3 ? this.invLog : this.invExp)) + OFFSET
      if (!(c >= 0 && c < 2 * OFFSET)) return -1
      key = key * (2 * OFFSET) + c
    }
    return key
  }

  /** Start run k at `start`: the earlier start it merges into at once (its start lies on that trajectory), else -1. */
  begin(k: number, start: ArrayLike<number>): number {
    this.current = k
    this.mergedInto = -1
    for (let j = 0; j < 5; j++) this.prev[j] = start[j]
    const key = this.key(this.prev)
    const owner = key < 0 ? undefined : this.cells.get(key)
    if (owner !== undefined) return owner
    if (key >= 0) this.cells.set(key, k)
    return -1
  }

  private visit(x: Float64Array): boolean {
    const key = this.key(x)
    if (key < 0) return false
    const owner = this.cells.get(key)
    if (owner === undefined) {
      this.cells.set(key, this.current)
      return false
    }
    if (owner === this.current) return false
    this.mergedInto = owner
    return true
  }

  /** L-BFGS onIteration: the cells along the step from the previous iterate (at most 64 probes), then the iterate's own; true stops the run. */
  readonly onIteration = (_it: number, _f: number, x: Float64Array): boolean => {
    const { prev, probe } = this
    let len = 0
    for (let j = 0; j < 5; j++) len = Math.max(len, Math.abs(x[j] - prev[j]) * (j < 3 ? this.invLog : this.invExp))
    const steps = Math.min(64, Math.floor(len * 2))
    for (let t = 1; t < steps; t++) {
      for (let j = 0; j < 5; j++) probe[j] = prev[j] + ((x[j] - prev[j]) * t) / steps
      if (this.visit(probe)) return true
    }
    prev.set(x)
    return this.visit(x)
  }
}

/** Run every start (merging trajectories unless dedupe is off), keeping each explorer's optimum and the best. */
function exploreStarts(fg: Objective, starts: ReadonlyArray<ArrayLike<number>>, solver: LbfgsSolver, lbfgs: LbfgsOptions, options: GridFitOptions): Exploration {
  const dedupe = options.dedupe ?? true
  const cells = dedupe ? new TrajectoryCells(1 / (options.cellLog ?? 0.5), 1 / (options.cellExponent ?? 0.1)) : null
  const runOptions: LbfgsOptions = { ...lbfgs, onIteration: cells?.onIteration }
  const ex: Exploration = {
    outcome: new Int32Array(starts.length),
    explorerF: [],
    explorerX: [],
    explorerReason: [],
    explorerIndex: new Map<number, number>(),
    best: -1,
    bestReason: 'non-finite',
    iterations: 0,
    evaluations: 0,
    merged: 0,
  }
  const progressEvery = Math.max(1, Math.floor(starts.length / 50))
  for (let k = 0; k < starts.length; k++) {
    if ((k & 15) === 0) throwIfCancelled(options.signal)
    if (options.onProgress && k % progressEvery === 0) options.onProgress(k / starts.length, `start ${k + 1} of ${starts.length}`)
    // a start lying on an earlier trajectory needs no run at all
    const owner = cells ? cells.begin(k, starts[k]) : -1
    if (owner >= 0) {
      ex.merged++
      ex.outcome[k] = ex.outcome[owner]
      continue
    }
    const r = solver.minimize(fg, starts[k], runOptions)
    ex.iterations += r.iterations
    ex.evaluations += r.evaluations
    const into = cells?.mergedInto ?? -1
    if (r.reason === 'stopped' && into >= 0) {
      ex.merged++
      ex.outcome[k] = ex.outcome[into]
      continue
    }
    addExplorer(ex, k, r)
  }
  return ex
}

/** Start k ran to convergence: its optimum is an explorer's, and the best when it beats the best so far. */
function addExplorer(ex: Exploration, k: number, r: LbfgsResult): void {
  ex.explorerIndex.set(k, ex.explorerF.length)
  ex.outcome[k] = k
  ex.explorerF.push(Number.isFinite(r.f) ? r.f : Infinity)
  ex.explorerX.push(r.x)
  ex.explorerReason.push(r.reason)
  if (Number.isFinite(r.f) && (ex.best < 0 || r.f < ex.explorerF[ex.explorerIndex.get(ex.best) as number])) {
    ex.best = k
    ex.bestReason = r.reason
  }
}

/** Polish the three best distinct optima: restart L-BFGS with a fresh memory until the objective stops improving. */
function polishBest(ex: Exploration, solver: LbfgsSolver, fg: Objective, lbfgs: LbfgsOptions): void {
  const { explorerF, explorerX } = ex
  const ranked = [...explorerF.keys()].filter((i) => Number.isFinite(explorerF[i])).sort((p, q) => explorerF[p] - explorerF[q])
  const polished: number[] = []
  for (const slot of ranked) {
    if (polished.length >= 3) break
    if (polished.some((o) => Math.abs(explorerF[o] - explorerF[slot]) <= 1e-6 * Math.abs(explorerF[slot]))) continue
    polished.push(slot)
    for (let round = 0; round < 5; round++) {
      const r = solver.minimize(fg, explorerX[slot], lbfgs)
      ex.iterations += r.iterations
      ex.evaluations += r.evaluations
      if (!(r.f < explorerF[slot] - 1e-15 * Math.abs(explorerF[slot]))) break
      explorerF[slot] = r.f
      explorerX[slot] = r.x
      ex.explorerReason[slot] = r.reason
    }
  }
  for (const slot of polished) {
    const bestSlot = ex.best >= 0 ? (ex.explorerIndex.get(ex.best) as number) : -1
    if (bestSlot < 0 || explorerF[slot] < explorerF[bestSlot]) {
      for (const [start, s] of ex.explorerIndex) if (s === slot) ex.best = start
    }
  }
  // the stop reason reported (and `converged`) is the best optimum's own, as polished
  if (ex.best >= 0) ex.bestReason = ex.explorerReason[ex.explorerIndex.get(ex.best) as number]
}

/** The explorers' optima grouped by objective (within 1e-6 relative), best first, at most 10, with their starts. */
function distinctOptima(ex: Exploration, nStarts: number): GridOptimum[] {
  const counts = new Map<number, number>()
  for (let k = 0; k < nStarts; k++) {
    const slot = ex.explorerIndex.get(ex.outcome[k]) as number
    counts.set(slot, (counts.get(slot) ?? 0) + 1)
  }
  const slots = [...counts.keys()].filter((s) => Number.isFinite(ex.explorerF[s])).sort((p, q) => ex.explorerF[p] - ex.explorerF[q])
  const optima: GridOptimum[] = []
  for (const s of slots) {
    const f = ex.explorerF[s]
    const last = optima[optima.length - 1]
    if (last && Math.abs(last.objective - f) <= 1e-6 * Math.abs(f)) last.starts += counts.get(s) as number
    else if (optima.length < 10) optima.push({ objective: f, params: chinchillaParamsFromVector(ex.explorerX[s]), starts: counts.get(s) as number })
  }
  return optima
}

/** No start reached a finite objective. */
function noOptimum(ex: Exploration, nStarts: number): GridFitResult {
  return {
    x: [NaN, NaN, NaN, NaN, NaN],
    params: chinchillaParamsFromVector([NaN, NaN, NaN, NaN, NaN]),
    objective: NaN,
    converged: false,
    reason: 'non-finite',
    iterations: ex.iterations,
    evaluations: ex.evaluations,
    starts: nStarts,
    explorers: ex.explorerF.length,
    merged: ex.merged,
    bestStart: -1,
    optima: [],
  }
}
