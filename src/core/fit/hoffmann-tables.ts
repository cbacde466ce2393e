/**
 * Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv 2203.15556): the compute-optimal
 * allocations the paper prints, [parameters, FLOPs, tokens] per row as printed (rounded):
 *  - Table 3: Approach 1 (training-curve envelope);
 *  - Table A3 (Appendix D.3): Approach 2 (IsoFLOP profiles).
 * Table 2 gives the exponents a (N_opt ~ C^a): Approach 1 0.50, Approach 2 0.49, Approach 3 0.46.
 */
export type AllocationRow = readonly [params: number, flops: number, tokens: number]

export const HOFFMANN_TABLE_3_APPROACH_1: readonly AllocationRow[] = [
  [400e6, 1.92e19, 8.0e9],
  [1e9, 1.21e20, 20.2e9],
  [10e9, 1.23e22, 205.1e9],
  [67e9, 5.76e23, 1.5e12],
  [175e9, 3.85e24, 3.7e12],
  [280e9, 9.9e24, 5.9e12],
  [520e9, 3.43e25, 11.0e12],
  [1e12, 1.27e26, 21.2e12],
  [10e12, 1.3e28, 216.2e12],
]

export const HOFFMANN_TABLE_A3_APPROACH_2: readonly AllocationRow[] = [
  [400e6, 1.84e19, 7.7e9],
  [1e9, 1.2e20, 20.0e9],
  [10e9, 1.32e22, 219.5e9],
  [67e9, 6.88e23, 1.7e12],
  [175e9, 4.54e24, 4.3e12],
  [280e9, 1.18e25, 7.1e12],
  [520e9, 4.19e25, 13.4e12],
  [1e12, 1.59e26, 26.5e12],
  [10e12, 1.75e28, 292.0e12],
]

export const HOFFMANN_TABLE_2_A = { approach1: 0.5, approach2: 0.49, approach3: 0.46 } as const
