import { describe, expect, it } from 'vitest'
import { LbfgsSolver, minimizeLbfgs, type ObjectiveWithGradient } from '../../../src/core/fit/lbfgs'
import { chinchillaData, huberSumObjective } from '../../../src/core/fit/chinchilla-objective'
import { loadChinchilla } from './chinchilla-data'

// Rosenbrock (1960): f = sum 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, minimum 0 at x = (1, ..., 1)
const rosenbrock: ObjectiveWithGradient = (x, g) => {
  let f = 0
  g.fill(0)
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i]
    const b = 1 - x[i]
    f += 100 * a * a + b * b
    g[i] += -400 * a * x[i] - 2 * b
    g[i + 1] += 200 * a
  }
  return f
}

describe('L-BFGS', () => {
  it('finds the Rosenbrock minimum from the classic start (-1.2, 1)', () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1])
    expect(r.converged).toBe(true)
    expect(r.x[0]).toBeCloseTo(1, 6)
    expect(r.x[1]).toBeCloseTo(1, 6)
    expect(r.f).toBeLessThan(1e-12)
    expect(r.iterations).toBeLessThan(100)
  })

  it('finds the 10-dimensional Rosenbrock minimum', () => {
    const r = minimizeLbfgs(rosenbrock, new Array(10).fill(-1), { maxIterations: 2000 })
    for (const v of r.x) expect(v).toBeCloseTo(1, 5)
  })

  it('solves a quadratic with a known minimum: f = 1/2 (x - x*)^T Q (x - x*), minimum 0 at x*', () => {
    // Q = tridiag(-1, 4, -1) (n = 8, positive definite), x* = (1, 2, ..., 8)
    const n = 8
    const xStar = Array.from({ length: n }, (_, i) => i + 1)
    const fg: ObjectiveWithGradient = (x, g) => {
      let f = 0
      for (let i = 0; i < n; i++) {
        const d = (j: number): number => (j >= 0 && j < n ? x[j] - xStar[j] : 0)
        const qi = 4 * d(i) - d(i - 1) - d(i + 1)
        f += 0.5 * d(i) * qi
        g[i] = qi
      }
      return f
    }
    // gradient tolerance alone
    const r = minimizeLbfgs(fg, new Array(n).fill(0), { relativeTolerance: 0, gradientTolerance: 1e-10 })
    expect(r.reason).toBe('gradient')
    r.x.forEach((v, i) => expect(v).toBeCloseTo(xStar[i], 9))
    expect(r.f).toBeLessThan(1e-18)
    // L-BFGS with 10 pairs finishes an 8-dimensional quadratic in about n steps
    expect(r.iterations).toBeLessThanOrEqual(20)
  })

  it('minimises the Chinchilla Huber objective from Hoffmann et al.\'s values to the published grid optimum', () => {
    // objective bound and parameters: Besiroglu et al. 2024 / /work/shared/data/README.md (grid fit lands near
    // E 1.817, A 478, B 2143, alpha 0.3473, beta 0.3672 with Huber sum <= 1.01827e-3)
    const fg = huberSumObjective(chinchillaData(loadChinchilla()))
    const start = [Math.log(406.4), Math.log(410.7), Math.log(1.69), 0.34, 0.28]
    const r = minimizeLbfgs(fg, start)
    expect(r.converged).toBe(true)
    // the published bound has 6 significant digits
    expect(Number(r.f.toPrecision(6))).toBeLessThanOrEqual(1.01827e-3)
    expect(Math.exp(r.x[2])).toBeCloseTo(1.817, 2)
    expect(r.x[3]).toBeCloseTo(0.3473, 3)
    expect(r.x[4]).toBeCloseTo(0.3672, 3)
  })

  it('stops at the iteration cap and says so, never hangs', () => {
    const r = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 })
    expect(r.iterations).toBe(3)
    expect(r.reason).toBe('max-iterations')
    expect(r.converged).toBe(false)
  })

  it('reports a non-finite start instead of iterating on NaN', () => {
    const r = minimizeLbfgs((x, g) => {
      g[0] = NaN
      return NaN
    }, [0])
    expect(r.reason).toBe('non-finite')
    expect(r.converged).toBe(false)
  })

  it('recovers from steps into overflow (f = Infinity past a wall)', () => {
    // f = (x - 3)^2 for x < 10, Infinity beyond: the first long step overshoots into the wall
    const r = minimizeLbfgs((x, g) => {
      if (x[0] >= 10) {
        g[0] = NaN
        return Infinity
      }
      g[0] = 2 * (x[0] - 3)
      return (x[0] - 3) ** 2
    }, [-50])
    expect(r.x[0]).toBeCloseTo(3, 6)
  })

  it('lets the caller stop a run early and reuses its buffers across runs', () => {
    const solver = new LbfgsSolver(2)
    const stopped = solver.minimize(rosenbrock, [-1.2, 1], { onIteration: (it) => it >= 2 })
    expect(stopped.reason).toBe('stopped')
    expect(stopped.iterations).toBe(2)
    const again = solver.minimize(rosenbrock, [-1.2, 1])
    expect(again.x[0]).toBeCloseTo(1, 6)
    // results are copies, not views of the solver's work arrays
    expect(stopped.x[0]).not.toBeCloseTo(1, 3)
  })
})
