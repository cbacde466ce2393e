/**
 * Nelder-Mead simplex minimiser (Nelder & Mead 1965, Computer Journal 7:308) with the standard
 * coefficients (reflection 1, expansion 2, contraction 0.5, shrink 0.5) and box bounds enforced by
 * projecting every trial point into the box. Used for the two-dimensional non-linear parts of the
 * variable-projection fits in this folder (the linear parameters are solved exactly inside f).
 */

export interface NelderMeadOptions {
  /** initial step per coordinate */
  step: number[]
  lower?: number[]
  upper?: number[]
  maxIterations?: number
  /** stop when the simplex's function values and coordinates have both converged */
  tolerance?: number
}

export interface NelderMeadResult {
  x: number[]
  value: number
  iterations: number
}

export function nelderMead(f: (x: number[]) => number, start: number[], opts: NelderMeadOptions): NelderMeadResult {
  const d = start.length
  const lower = opts.lower ?? new Array<number>(d).fill(-Infinity)
  const upper = opts.upper ?? new Array<number>(d).fill(Infinity)
  const maxIterations = opts.maxIterations ?? 400 * d
  const tol = opts.tolerance ?? 1e-10
  const project = (x: number[]): number[] => x.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)))
  const evaluate = (x: number[]): number => {
    const v = f(x)
    return Number.isFinite(v) ? v : Infinity
  }
  const simplex: number[][] = [project(start)]
  for (let i = 0; i < d; i++) {
    const p = [...simplex[0]]
    p[i] += opts.step[i]
    if (p[i] > upper[i]) p[i] = simplex[0][i] - opts.step[i]
    simplex.push(project(p))
  }
  let values = simplex.map(evaluate)
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b])
    const sorted = order.map((i) => simplex[i])
    values = order.map((i) => values[i])
    for (let i = 0; i <= d; i++) simplex[i] = sorted[i]
    const spread = Math.abs(values[d] - values[0])
    let size = 0
    for (let i = 1; i <= d; i++) for (let j = 0; j < d; j++) size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]))
    if (spread <= tol * (Math.abs(values[0]) + tol) && size <= 1e-9 * (1 + Math.max(...simplex[0].map(Math.abs)))) break
    const centroid = new Array<number>(d).fill(0)
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i][j] / d
    const along = (t: number): number[] => project(centroid.map((c, j) => c + t * (simplex[d][j] - c)))
    const xr = along(-1)
    const fr = evaluate(xr)
    if (fr < values[0]) {
      const xe = along(-2)
      const fe = evaluate(xe)
      if (fe < fr) {
        simplex[d] = xe
        values[d] = fe
      } else {
        simplex[d] = xr
        values[d] = fr
      }
      continue
    }
    if (fr < values[d - 1]) {
      simplex[d] = xr
      values[d] = fr
      continue
    }
    const xc = fr < values[d] ? along(-0.5) : along(0.5)
    const fc = evaluate(xc)
    if (fc < Math.min(fr, values[d])) {
      simplex[d] = xc
      values[d] = fc
      continue
    }
    for (let i = 1; i <= d; i++) {
      simplex[i] = project(simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j])))
      values[i] = evaluate(simplex[i])
    }
  }
  let best = 0
  for (let i = 1; i <= d; i++) if (values[i] < values[best]) best = i
  return { x: simplex[best], value: values[best], iterations }
}

/**
 * Minimise over a small grid of starting points, then polish the best few with Nelder-Mead.
 * `grid` lists candidate values per coordinate (their product is evaluated).
 */
export function gridThenNelderMead(
  f: (x: number[]) => number,
  grid: number[][],
  opts: Omit<NelderMeadOptions, 'step'> & { step?: number[]; polish?: number },
): NelderMeadResult {
  const candidates: { x: number[]; value: number }[] = []
  const walk = (prefix: number[]): void => {
    if (prefix.length === grid.length) {
      const v = f(prefix)
      candidates.push({ x: prefix, value: Number.isFinite(v) ? v : Infinity })
      return
    }
    for (const v of grid[prefix.length]) walk([...prefix, v])
  }
  walk([])
  candidates.sort((a, b) => a.value - b.value)
  const step =
    opts.step ??
    grid.map((vals) => {
      if (vals.length < 2) return 0.1
      const s = [...vals].sort((a, b) => a - b)
      return (s[s.length - 1] - s[0]) / (s.length - 1) / 2
    })
  let best: NelderMeadResult = { x: candidates[0].x, value: candidates[0].value, iterations: 0 }
  for (const c of candidates.slice(0, opts.polish ?? 3)) {
    const r = nelderMead(f, c.x, { ...opts, step })
    if (r.value < best.value) best = r
  }
  return best
}
