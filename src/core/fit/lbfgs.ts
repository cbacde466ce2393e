/**
 * L-BFGS: limited-memory BFGS with the two-loop recursion and a Wolfe line search
 * (Nocedal 1980, "Updating quasi-Newton matrices with limited storage", Math. Comp. 35;
 * Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithms 7.4, 3.5 and 3.6).
 *
 *   d_k = -H_k g_k,  H_k from the last m pairs s_i = x_{i+1} - x_i, y_i = g_{i+1} - g_i, H_k^0 = (s'y / y'y) I
 *   x_{k+1} = x_k + t_k d_k with t_k satisfying  f(x + t d) <= f(x) + c1 t g'd  and  g(x + t d)'d >= c2 g'd
 *   (c1 = 1e-4, c2 = 0.9; bracketing by expansion, zoom by safeguarded cubic interpolation; after a few zoom probes
 *   the best sufficient-decrease point is taken, since the kinks of a Huber objective can make the curvature
 *   condition unreachable; pairs with s'y <= 0 are skipped, and a failed search restarts from steepest descent)
 *
 * The caller supplies f and its analytic gradient in one call. All work vectors are Float64Arrays owned by
 * an LbfgsSolver and reused from run to run, so a multi-start fit allocates almost nothing per start.
 */

/** Writes the gradient at x into `grad` and returns f(x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number

export interface LbfgsOptions {
  /** stop when max_i |g_i| <= this (default 1e-10) */
  gradientTolerance?: number
  /** stop when (f_k - f_{k+1}) <= this * max(|f_k|, |f_{k+1}|) (default 1e-12; 0 disables the test) */
  relativeTolerance?: number
  /** hard cap on iterations: never a hang (default 1000) */
  maxIterations?: number
  /** history pairs kept, for minimizeLbfgs (an LbfgsSolver fixes it at construction; default 10) */
  memory?: number
  /** function evaluations allowed per line search (default 30) */
  maxLineSearch?: number
  /** zoom probes before settling for the best sufficient-decrease point (default 4) */
  maxZoom?: number
  /**
   * Called after every accepted step; return true to stop this run early (used by multi-start fits to drop
   * starts that are already known to be heading somewhere worse or somewhere already found).
   */
  onIteration?: (iteration: number, f: number, x: Float64Array, gradientNorm: number) => boolean
  /**
   * start from these curvature pairs instead of an empty memory (from LbfgsSolver.exportMemory after a run on a
   * similar problem, e.g. the full-data fit before its bootstrap resamples)
   */
  initialMemory?: LbfgsMemory
}

/** A snapshot of the curvature pairs of a finished run. */
export interface LbfgsMemory {
  n: number
  memory: number
  s: Float64Array
  y: Float64Array
  rho: Float64Array
  count: number
  head: number
  gamma: number
}

export type LbfgsStopReason = 'gradient' | 'relative-change' | 'max-iterations' | 'line-search' | 'non-finite' | 'stopped'

export interface LbfgsResult {
  x: Float64Array
  f: number
  /**
   * true when a gradient or relative-change tolerance was met, or when not even a steepest-descent step can lower f
   * (a minimum at the resolution of floating point, or at a kink of a non-smooth objective)
   */
  converged: boolean
  reason: LbfgsStopReason
  iterations: number
  evaluations: number
  gradientNorm: number
}

const C1 = 1e-4
const C2 = 0.9

function maxAbs(v: Float64Array, n: number): number {
  let m = 0
  for (let i = 0; i < n; i++) {
    const a = Math.abs(v[i])
    if (a > m) m = a
  }
  return m
}

function dot(u: Float64Array, v: Float64Array, n: number, uOffset = 0): number {
  let s = 0
  for (let i = 0; i < n; i++) s += u[uOffset + i] * v[i]
  return s
}

/** Cubic interpolation minimiser of the cubic through (a, fa, da) and (b, fb, db); NaN when it has none. */
function cubicMinimum(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b)
  const disc = d1 * d1 - da * db
  if (!(disc >= 0)) return NaN
  const d2 = Math.sign(b - a) * Math.sqrt(disc)
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2))
}

export class LbfgsSolver {
  readonly n: number
  readonly memory: number
  private readonly x: Float64Array
  private readonly g: Float64Array
  private readonly d: Float64Array
  private readonly xt: Float64Array
  private readonly gt: Float64Array
  private readonly xLo: Float64Array
  private readonly gLo: Float64Array
  private readonly s: Float64Array
  private readonly y: Float64Array
  private readonly rho: Float64Array
  private readonly alphaBuf: Float64Array
  private evaluations = 0
  private lastCount = 0
  private lastHead = 0
  private lastGamma = 1

  constructor(n: number, memory = 10) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`LbfgsSolver needs n >= 1, got ${n}`)
    this.n = n
    this.memory = memory
    this.x = new Float64Array(n)
    this.g = new Float64Array(n)
    this.d = new Float64Array(n)
    this.xt = new Float64Array(n)
    this.gt = new Float64Array(n)
    this.xLo = new Float64Array(n)
    this.gLo = new Float64Array(n)
    this.s = new Float64Array(n * memory)
    this.y = new Float64Array(n * memory)
    this.rho = new Float64Array(memory)
    this.alphaBuf = new Float64Array(memory)
  }

  /** The curvature pairs the last run ended with (a copy), to warm-start runs on similar problems. */
  exportMemory(): LbfgsMemory {
    return {
      n: this.n,
      memory: this.memory,
      s: Float64Array.from(this.s),
      y: Float64Array.from(this.y),
      rho: Float64Array.from(this.rho),
      count: this.lastCount,
      head: this.lastHead,
      gamma: this.lastGamma,
    }
  }

  /** Evaluate f and g at x + t d into xt, gt. */
  private probe(fg: ObjectiveWithGradient, t: number): number {
    const { n, x, d, xt, gt } = this
    for (let i = 0; i < n; i++) xt[i] = x[i] + t * d[i]
    this.evaluations++
    return fg(xt, gt)
  }

  /**
   * Wolfe line search along d from x (f0, slope0 = g'd < 0): bracket with expansion, then zoom with safeguarded
   * cubic interpolation until f(t) <= f0 + c1 t slope0 and g(t)'d >= c2 slope0. After `maxZoom` zoom probes it
   * settles for the best sufficient-decrease point (kinks of a Huber objective can make the curvature condition
   * unreachable). Leaves the accepted point in xt/gt and returns [t, f(t)]; t = 0 when nothing decreased f.
   */
  private lineSearch(fg: ObjectiveWithGradient, f0: number, slope0: number, t0: number, maxEvals: number, maxZoom: number): [number, number] {
    const { n, xt, gt, xLo, gLo } = this
    let loT = 0
    let loF = f0
    let loD = slope0
    let hiT = 0
    let hiF = 0
    let hiD = 0
    let t = t0
    let evals = 0
    let zoomEvals = 0
    let zooming = false
    const keepLo = (): void => {
      for (let i = 0; i < n; i++) {
        xLo[i] = xt[i]
        gLo[i] = gt[i]
      }
    }
    while (evals < maxEvals) {
      const f = this.probe(fg, t)
      evals++
      const slope = dot(gt, this.d, n)
      const finite = Number.isFinite(f) && Number.isFinite(slope)
      if (!zooming) {
        if (!finite) {
          // too long a step into an overflow region: shrink toward the last good step
          t = loT + 0.1 * (t - loT)
          continue
        }
        if (f > f0 + C1 * t * slope0 || (loT > 0 && f >= loF)) {
          hiT = t
          hiF = f
          hiD = slope
          zooming = true
        } else if (slope >= C2 * slope0) {
          return [t, f]
        } else {
          loT = t
          loF = f
          loD = slope
          keepLo()
          t *= 4
          continue
        }
      } else {
        zoomEvals++
        if (!finite || f > f0 + C1 * t * slope0 || f >= loF) {
          hiT = t
          hiF = finite ? f : Infinity
          hiD = finite ? slope : NaN
        } else {
          if (slope >= C2 * slope0) return [t, f]
          loT = t
          loF = f
          loD = slope
          keepLo()
        }
        if (loT > 0 && zoomEvals >= maxZoom) break
      }
      // next trial inside the bracket [lo, hi]
      const width = hiT - loT
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(loT))) break
      let next = Number.isFinite(hiF) && Number.isFinite(hiD) ? cubicMinimum(loT, loF, loD, hiT, hiF, hiD) : NaN
      const lower = Math.min(loT, hiT) + 0.1 * Math.abs(width)
      const upper = Math.max(loT, hiT) - 0.1 * Math.abs(width)
      if (!(next >= lower && next <= upper)) next = loT + 0.5 * width
      t = next
    }
    // no Wolfe point: take the best sufficient-decrease point seen, if any
    if (loT > 0 && loF < f0) {
      for (let i = 0; i < n; i++) {
        xt[i] = xLo[i]
        gt[i] = gLo[i]
      }
      return [loT, loF]
    }
    return [0, f0]
  }

  minimize(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
    const n = this.n
    const m = this.memory
    const gtol = options.gradientTolerance ?? 1e-10
    const ftol = options.relativeTolerance ?? 1e-12
    const maxIter = options.maxIterations ?? 1000
    const maxLs = options.maxLineSearch ?? 30
    const maxZoom = options.maxZoom ?? 4
    const onIteration = options.onIteration
    const { x, g, d, xt, gt, s, y, rho, alphaBuf } = this
    if (x0.length !== n) throw new Error(`LbfgsSolver: x0 has ${x0.length} entries, expected ${n}`)
    for (let i = 0; i < n; i++) x[i] = x0[i]
    this.evaluations = 1
    let f = fg(x, g)
    let count = 0 // pairs stored
    let head = 0 // index of the next slot to write
    let gamma = 1
    const init = options.initialMemory
    if (init && init.n === n && init.memory === m) {
      s.set(init.s)
      y.set(init.y)
      rho.set(init.rho)
      count = init.count
      head = init.head
      gamma = init.gamma
    }
    const finish = (reason: LbfgsStopReason, iterations: number): LbfgsResult => {
      this.lastCount = count
      this.lastHead = head
      this.lastGamma = gamma
      return {
        x: Float64Array.from(x),
        f,
        converged: reason === 'gradient' || reason === 'relative-change' || reason === 'line-search',
        reason,
        iterations,
        evaluations: this.evaluations,
        gradientNorm: maxAbs(g, n),
      }
    }
    if (!Number.isFinite(f) || !Number.isFinite(maxAbs(g, n))) return finish('non-finite', 0)
    if (maxAbs(g, n) <= gtol) return finish('gradient', 0)

    let iter = 0
    while (iter < maxIter) {
      // two-loop recursion: d = -H g
      for (let i = 0; i < n; i++) d[i] = -g[i]
      for (let k = 0; k < count; k++) {
        const slot = (head - 1 - k + m) % m
        const a = rho[slot] * dot(s, d, n, slot * n)
        alphaBuf[slot] = a
        const off = slot * n
        for (let i = 0; i < n; i++) d[i] -= a * y[off + i]
      }
      if (count > 0) for (let i = 0; i < n; i++) d[i] *= gamma
      for (let k = count - 1; k >= 0; k--) {
        const slot = (head - 1 - k + m) % m
        const off = slot * n
        const b = rho[slot] * dot(y, d, n, off)
        const coef = alphaBuf[slot] - b
        for (let i = 0; i < n; i++) d[i] += coef * s[off + i]
      }
      let slope = dot(g, d, n)
      if (!(slope < 0)) {
        // not a descent direction (bad curvature info): restart from steepest descent
        count = 0
        for (let i = 0; i < n; i++) d[i] = -g[i]
        slope = dot(g, d, n)
      }
      let t0 = 1
      if (count === 0) {
        let norm = 0
        for (let i = 0; i < n; i++) norm += d[i] * d[i]
        t0 = Math.min(1, 1 / Math.sqrt(norm))
      }
      const [t, fNew] = this.lineSearch(fg, f, slope, t0, maxLs, maxZoom)
      if (t === 0) {
        if (count > 0) {
          // curvature pairs misled us: forget them and try steepest descent once more
          count = 0
          iter++
          continue
        }
        return finish('line-search', iter)
      }
      iter++
      // new pair
      const off = head * n
      let sy = 0
      let yy = 0
      for (let i = 0; i < n; i++) {
        const si = xt[i] - x[i]
        const yi = gt[i] - g[i]
        s[off + i] = si
        y[off + i] = yi
        sy += si * yi
        yy += yi * yi
      }
      if (sy > 1e-16 * yy && yy > 0) {
        rho[head] = 1 / sy
        gamma = sy / yy
        head = (head + 1) % m
        if (count < m) count++
      }
      const fOld = f
      f = fNew
      for (let i = 0; i < n; i++) {
        x[i] = xt[i]
        g[i] = gt[i]
      }
      const gNorm = maxAbs(g, n)
      if (!Number.isFinite(f) || !Number.isFinite(gNorm)) return finish('non-finite', iter)
      if (gNorm <= gtol) return finish('gradient', iter)
      if (ftol > 0 && fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f))) return finish('relative-change', iter)
      if (onIteration && onIteration(iter, f, x, gNorm)) return finish('stopped', iter)
    }
    return finish('max-iterations', iter)
  }
}

/** One-off convenience: minimise fg from x0 with a fresh solver. */
export function minimizeLbfgs(fg: ObjectiveWithGradient, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  return new LbfgsSolver(x0.length, options.memory ?? 10).minimize(fg, x0, options)
}
