/**
 * Ruan et al. 2024 (arXiv 2405.10938): principal components of the eight standard benchmarks on the paper's 77
 * main-analysis models (../../analysis/observational-scaling.ts), the capability (PC1) against log10 training FLOPs
 * per family, and a FLOP cut-off backtest.
 */
import { join } from 'node:path'
import type { AtlasReproduction } from '../../../shared/api/atlas'
import { capabilityPca, cutoffBacktest, familyCapabilityFits } from '../../analysis/observational-scaling'
import { projectRow } from '../../numeric/pca'
import { median } from '../../numeric/stats'
import { cellNumber, readAtlasTable } from '../table'
import { absoluteClaim, fmt } from './claim'

export const BENCHMARKS = ['mmlu', 'arc_c', 'hellaswag', 'winograd', 'truthfulqa', 'gsm8k', 'xwinograd', 'humaneval'] as const
/** pca_check.csv, "paper main analysis": ryoungj/ObsScaling's recipe re-run; the paper: PC1 about 80%, PC1-3 about 97% */
export const PAPER = { pc1: 0.8016, pc2: 0.119, pc3: 0.0463, cum3: 0.967 }
const SOURCE = 'ryoungj/ObsScaling @ 4d6e1e4 utils/data.py recipe re-run (pca_check.csv); paper: PC1 ~80%, PC1-3 ~97%'
export const BACKTEST_CUTOFF = 1e23

export function obsscalingModels(folder: string) {
  const table = readAtlasTable(join(folder, 'models.csv'))
  return table.rows
    .filter((r) => r.in_paper_main_analysis === '1')
    .map((r) => ({ name: r.name, family: r.family, flops: cellNumber(table, r, 'flops'), scores: BENCHMARKS.map((b) => cellNumber(table, r, `score_${b}`)) }))
}

export function reproduceObsscaling(folder: string): AtlasReproduction {
  const models = obsscalingModels(folder)
  const x = models.map((m) => m.scores)
  const pca = capabilityPca(x)
  const r = pca.explainedRatio
  const tol = (c: string, paper: number, lab: number) =>
    absoluteClaim({ claim: c, paper_value: paper, lab_value: lab, unit: 'share of variance', source: SOURCE }, 5e-4, 'the reference is rounded to 4 decimals')
  const families = familyCapabilityFits(models.map((m, i) => ({ family: m.family, flops: m.flops, pc1: projectRow(pca, pca.imputed[i], 1)[0] })))
  const bt = cutoffBacktest(x, models.map((m) => m.flops), BACKTEST_CUTOFF, 3)
  return {
    name: 'obsscaling',
    claims: [
      tol(`PC1 variance explained (${models.length} models, 8 benchmarks)`, PAPER.pc1, r[0]),
      tol('PC2 variance explained', PAPER.pc2, r[1]),
      tol('PC3 variance explained', PAPER.pc3, r[2]),
      tol('PC1-3 variance explained together', PAPER.cum3, r[0] + r[1] + r[2]),
    ],
    notes: [
      `${pca.missing} missing scores imputed (rank-1 PCA on standardised scores, clipped to [0, 1]) before the PCA.`,
      `Capability (PC1) against log10 training FLOPs within each family: ${families.fits.length} families with 3 or more models, median R^2 ${fmt(median(families.fits.map((f) => f.r2)), 3)} (${families.fits.map((f) => `${f.family} ${fmt(f.r2, 3)}`).join(', ')}).${families.skipped.length ? ` Too few models to fit: ${families.skipped.join(', ')}.` : ''}`,
      `Backtest at ${BACKTEST_CUTOFF.toExponential(0)} FLOPs: 3 components fitted on the ${bt.n_fit} models below; each of the ${bt.n_held_out} models at or above has each benchmark predicted from its other seven: ${bt.n_predictions} predictions, mean absolute error ${fmt(bt.mae, 3)}, RMSE ${fmt(bt.rmse, 3)} (accuracy as a fraction). ${bt.n_without_flops} models without FLOPs are in neither set.`,
      'No loss in this data set: public checkpoints with benchmark accuracies. Shipped: the 148 base models; left out: the instruct models and the extra task files.',
    ],
  }
}
