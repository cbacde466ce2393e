/** Synthetic runs generated from known laws with seeded multiplicative noise, for recovery tests. */
import { seededRandom } from '../../../src/core/random'
import type { ScalingPoint } from '../../../src/core/fit/types'

export function logUniform(rng: { next(): number }, lo: number, hi: number): number {
  return Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)))
}

/** n runs with N in [nLo, nHi], D in [dLo, dHi] (log-uniform), C = 6ND, loss = law(N, D) * exp(noise * z). */
export function syntheticRuns(
  law: (N: number, D: number) => number,
  options: { n: number; seed: number; noise: number; nRange?: [number, number]; dRange?: [number, number] },
): ScalingPoint[] {
  const rng = seededRandom(options.seed)
  const [nLo, nHi] = options.nRange ?? [1e7, 1e10]
  const [dLo, dHi] = options.dRange ?? [1e9, 1e12]
  return Array.from({ length: options.n }, (_, i) => {
    const N = logUniform(rng, nLo, nHi)
    const D = logUniform(rng, dLo, dHi)
    return { run: `syn${i}`, params: N, tokens: D, flops: 6 * N * D, loss: law(N, D) * Math.exp(options.noise * rng.normal()) }
  })
}

/** IsoFLOP sweeps: at each budget, `sizes` model sizes spaced evenly in log N over +-spread dex around nCenter(C). */
export function isoflopSweep(
  law: (N: number, D: number) => number,
  budgets: readonly number[],
  nCenter: (C: number) => number,
  options: { sizes?: number; spread?: number; noise?: number; seed?: number } = {},
): ScalingPoint[] {
  const rng = seededRandom(options.seed ?? 1)
  const sizes = options.sizes ?? 9
  const spread = options.spread ?? 0.8
  const out: ScalingPoint[] = []
  for (const C of budgets) {
    for (let k = 0; k < sizes; k++) {
      const N = nCenter(C) * Math.pow(10, -spread + (2 * spread * k) / (sizes - 1))
      const D = C / (6 * N)
      out.push({ run: `C${C.toExponential(1)}-N${N.toExponential(2)}`, params: N, tokens: D, flops: C, loss: law(N, D) * Math.exp((options.noise ?? 0) * rng.normal()) })
    }
  }
  return out
}
