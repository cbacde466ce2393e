/**
 * Published scaling laws as presets, each with its citation:
 *  - Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv 2203.15556), Approach 3:
 *    E = 1.69337, A = 406.401, B = 410.723, alpha = 0.339171, beta = 0.284908 (unrounded, as quoted by Besiroglu et al.)
 *  - Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt" (arXiv 2404.10102):
 *    E = 1.8172, A = 482.01, B = 2085.43, alpha = 0.3478, beta = 0.3658
 *  - Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv 2001.08361): L(N) = (N_c/N)^0.076, N_c = 8.8e13;
 *    L(D) = (D_c/D)^0.095, D_c = 5.4e13; L(C_min) = (C_c/C_min)^0.050, C_c = 3.1e8 PF-days; compute-efficient
 *    N_opt = 1.3e9 (C_min / PF-day)^0.73 (Section 6.1, Figure 14), D = C / (6 N).
 */
import type { ChinchillaParams } from './chinchilla-law'

export type PresetName = 'chinchilla' | 'besiroglu' | 'kaplan'

export const PF_DAY_FLOPS = 1e15 * 86400

export interface ChinchillaPreset {
  name: 'chinchilla' | 'besiroglu'
  law: 'chinchilla'
  params: ChinchillaParams
  citation: string
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
}

export type Preset = ChinchillaPreset | KaplanPreset

export const PRESETS: { chinchilla: ChinchillaPreset; besiroglu: ChinchillaPreset; kaplan: KaplanPreset } = {
  chinchilla: {
    name: 'chinchilla',
    law: 'chinchilla',
    params: { E: 1.69337, A: 406.401, B: 410.723, alpha: 0.339171, beta: 0.284908 },
    citation: 'Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models", arXiv:2203.15556, Approach 3.',
  },
  besiroglu: {
    name: 'besiroglu',
    law: 'chinchilla',
    params: { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 },
    citation: 'Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", arXiv:2404.10102.',
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
  },
}

export function getPreset(name: string): Preset | undefined {
  return name === 'chinchilla' || name === 'besiroglu' || name === 'kaplan' ? PRESETS[name] : undefined
}
