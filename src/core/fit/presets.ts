/**
 * Published scaling laws as presets, each with its citation:
 *  - Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv 2203.15556), Approach 3:
 *    E = 1.69337, A = 406.401, B = 410.723, alpha = 0.339171, beta = 0.284908 (unrounded, as quoted by Besiroglu et al.)
 *  - Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt" (arXiv 2404.10102):
 *    E = 1.8172, A = 482.01, B = 2085.43, alpha = 0.3478, beta = 0.3658
 *  - Hoffmann et al. 2022, Approaches 1 and 2 (allocation only, no loss law): N_opt = k_N C^a, D_opt = C / (6 N_opt),
 *    a from Table 2 (Approach 1: a = 0.50, b = 0.50; Approach 2: a = 0.49, b = 0.51), k_N by least squares in log over
 *    the rows of the paper's allocation tables (Approach 1: Table 3; Approach 2: Table A3; hoffmann-tables.ts) with a
 *    fixed: log k_N = mean(log N_i - a log C_i). Every row is met within 5 % (scripts/reference/presets-allocation.py).
 *  - Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv 2001.08361): L(N) = (N_c/N)^0.076, N_c = 8.8e13;
 *    L(D) = (D_c/D)^0.095, D_c = 5.4e13; L(C_min) = (C_c/C_min)^0.050, C_c = 3.1e8 PF-days; compute-efficient
 *    N_opt = 1.3e9 (C_min / PF-day)^0.73 (Section 6.1, Figure 14), D = C / (6 N). Its loss is on WebText2 (Kaplan's
 *    test set), not MassiveText: not comparable with the Hoffmann and Besiroglu losses.
 */
import type { ChinchillaParams } from './chinchilla-law'
import { HOFFMANN_TABLE_2_A, HOFFMANN_TABLE_3_APPROACH_1, HOFFMANN_TABLE_A3_APPROACH_2, type AllocationRow } from './hoffmann-tables'

export type PresetName = 'chinchilla' | 'besiroglu' | 'kaplan' | 'hoffmann-approach1' | 'hoffmann-approach2'

/** The dataset a preset's loss is measured on (losses on different data are not comparable). */
export const LOSS_DATASET = { massiveText: 'MassiveText (Hoffmann et al. 2022)', webText2: 'WebText2 (Kaplan et al. 2020)' } as const

export const PF_DAY_FLOPS = 1e15 * 86400

export interface ChinchillaPreset {
  name: 'chinchilla' | 'besiroglu'
  law: 'chinchilla'
  params: ChinchillaParams
  citation: string
  lossDataset: string
}

/** An allocation-only frontier N_opt = k_N C^a, D_opt = k_D C^b (b = 1 - a, k_D = 1 / (6 k_N): C = 6 N D). */
export interface FrontierPreset {
  name: 'hoffmann-approach1' | 'hoffmann-approach2'
  law: 'envelope' | 'isoflop'
  params: { a: number; b: number; k_N: number; k_D: number }
  citation: string
}

/** N_opt = k_N C^a with a fixed and k_N fitted to published rows (least squares in log), D_opt = C / (6 N_opt). */
export function frontierThroughRows(a: number, rows: readonly AllocationRow[]): FrontierPreset['params'] {
  let s = 0
  for (const [N, C] of rows) s += Math.log(N) - a * Math.log(C)
  const k_N = Math.exp(s / rows.length)
  return { a, b: 1 - a, k_N, k_D: 1 / (6 * k_N) }
}

export interface KaplanPreset {
  name: 'kaplan'
  law: 'kaplan'
  params: {
    alpha_N: number
    N_c: number
    alpha_D: number
    D_c: number
    alpha_C: number
    /** C_c in PF-days */
    C_c_pf_days: number
    /** exponent of the compute-efficient model size, N_opt proportional to C^allocation_exponent */
    allocation_exponent: number
    /** N_opt at 1 PF-day of compute */
    allocation_coefficient: number
  }
  citation: string
  lossDataset: string
}

export type Preset = ChinchillaPreset | KaplanPreset | FrontierPreset

export const PRESETS: { chinchilla: ChinchillaPreset; besiroglu: ChinchillaPreset; kaplan: KaplanPreset; 'hoffmann-approach1': FrontierPreset; 'hoffmann-approach2': FrontierPreset } = {
  chinchilla: {
    name: 'chinchilla',
    law: 'chinchilla',
    params: { E: 1.69337, A: 406.401, B: 410.723, alpha: 0.339171, beta: 0.284908 },
    citation: 'Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models", arXiv:2203.15556, Approach 3 (parametric fit).',
    lossDataset: LOSS_DATASET.massiveText,
  },
  besiroglu: {
    name: 'besiroglu',
    law: 'chinchilla',
    params: { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
    citation: 'Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", arXiv:2404.10102.',
    lossDataset: LOSS_DATASET.massiveText,
  },
  kaplan: {
    name: 'kaplan',
    law: 'kaplan',
    params: {
      alpha_N: 0.076,
      N_c: 8.8e13,
      alpha_D: 0.095,
      D_c: 5.4e13,
      alpha_C: 0.05,
      C_c_pf_days: 3.1e8,
      allocation_exponent: 0.73,
      allocation_coefficient: 1.3e9,
    },
    citation: 'Kaplan et al. 2020, "Scaling Laws for Neural Language Models", arXiv:2001.08361.',
    lossDataset: LOSS_DATASET.webText2,
  },
  'hoffmann-approach1': {
    name: 'hoffmann-approach1',
    law: 'envelope',
    params: frontierThroughRows(HOFFMANN_TABLE_2_A.approach1, HOFFMANN_TABLE_3_APPROACH_1),
    citation: 'Hoffmann et al. 2022, arXiv:2203.15556, Approach 1 (training-curve envelope): a = 0.50 (Table 2), through the allocations of Table 3.',
  },
  'hoffmann-approach2': {
    name: 'hoffmann-approach2',
    law: 'isoflop',
    params: frontierThroughRows(HOFFMANN_TABLE_2_A.approach2, HOFFMANN_TABLE_A3_APPROACH_2),
    citation: 'Hoffmann et al. 2022, arXiv:2203.15556, Approach 2 (IsoFLOP profiles): a = 0.49 (Table 2), through the allocations of Table A3.',
  },
}

export function getPreset(name: string): Preset | undefined {
  return Object.prototype.hasOwnProperty.call(PRESETS, name) ? PRESETS[name as PresetName] : undefined
}
