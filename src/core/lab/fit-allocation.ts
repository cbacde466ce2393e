/**
 * Compute-optimal allocation of a FLOP budget under a stored fit or a published preset:
 *  - Chinchilla form L = E + A/N^alpha + B/D^beta: closed form N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b
 *    (Hoffmann et al. 2022, arXiv 2203.15556, eq. 4); Kaplan preset: N_opt = 1.3e9 (C / PF-day)^0.73 (Kaplan et al.
 *    2020, arXiv 2001.08361, Section 6.1); frontier laws (Approaches 1, 2): N_opt = k_N C^a; kaplan-nd: numeric.
 *  - with inference demand: Sardana et al. 2024 (arXiv 2401.00448), minimise 6 N D_train + 2 N D_inference at the
 *    Chinchilla-optimal loss of the budget;
 *  - with limited unique tokens: Muennighoff et al. 2023 (arXiv 2305.16264), repeated epochs decay in value.
 *  - a stored fit's verdict warnings carry over to its allocation (codes prefixed 'fit-');
 *  - the Kaplan preset's loss is on WebText2 (said as loss_dataset), and its allocations are checked against Kaplan's
 *    own overfitting bound D >~ 5e3 N^0.74 (eq. 4.4): a warning 'kaplan-overfitting' when they break it.
 * The budget must lie in [BUDGET_MIN_FLOPS, BUDGET_MAX_FLOPS], as for fit --budget.
 * The formulas live in src/core/fit; this file picks the law and shapes the answer.
 */
import { dataConstrainedAllocation } from '../fit/data-constrained'
import { kaplanOverfitCheck } from '../fit/kaplan-overfitting'
import { inferenceAwareAtBudget } from '../fit/inference-allocation'
import { lawModel, presetModel, type LawModel } from '../fit/law-model'
import { PRESETS } from '../fit/presets'
import { BUDGET_MAX_FLOPS, BUDGET_MIN_FLOPS, type AllocationInfo, type PresetId, type StoredFit } from '../../shared/api/fit'
import { LabError } from '../../shared/errors'

export interface AllocationRequest {
  flops: number
  fitId?: number
  preset?: PresetId
  inferenceTokens?: number
  uniqueTokens?: number
}

function finite(values: Record<string, number>, what: string): void {
  for (const [k, v] of Object.entries(values)) {
    if (!Number.isFinite(v)) throw new LabError('allocation-undefined', `${what} gives no finite ${k}.`, { hint: 'The law may not trade parameters against data at this budget.' })
  }
}

/** Looks a stored fit up by id (throws LabError when there is none). */
export type FitLookup = (fitId: number) => StoredFit

type AllocationWarning = NonNullable<AllocationInfo['warnings']>[number]

function modelFor(req: AllocationRequest, lookup: FitLookup | undefined): { model: LawModel; source: string; lossDataset?: string; inherited?: AllocationWarning[] } {
  if (req.fitId !== undefined && req.preset !== undefined) throw new LabError('usage', 'Give either a stored fit or a preset, not both.')
  if (req.fitId !== undefined) {
    if (!lookup) throw new LabError('usage', 'A stored fit needs a catalog.')
    const fit = lookup(req.fitId)
    // a flagged fit's allocation inherits its warnings (src/core/fit/verdict-checks.ts)
    const inherited = (fit.result.warnings ?? []).map((w) => ({ code: `fit-${w.code}`, message: `Fit ${fit.id} is flagged: ${w.message}`, ...(w.values ? { values: w.values } : {}) }))
    return { model: lawModel({ law: fit.law, params: fit.result.params }), source: `fit ${fit.id} (${fit.law})`, inherited }
  }
  const id = req.preset ?? 'chinchilla'
  const preset = PRESETS[id]
  return { model: presetModel(preset), source: `preset ${id}`, lossDataset: 'lossDataset' in preset ? preset.lossDataset : undefined }
}

export function optimalAllocationFor(req: AllocationRequest, lookup?: FitLookup): AllocationInfo {
  if (!(Number.isFinite(req.flops) && req.flops >= BUDGET_MIN_FLOPS && req.flops <= BUDGET_MAX_FLOPS)) {
    throw new LabError('allocation-bad-budget', `The compute budget must be a number of FLOPs from ${BUDGET_MIN_FLOPS.toExponential()} to ${BUDGET_MAX_FLOPS.toExponential()}; got ${String(req.flops)}.`, { hint: 'Give --flops like 5.76e23.' })
  }
  const { model, source, lossDataset, inherited } = modelFor(req, lookup)
  if (!model.allocate) {
    throw new LabError('allocation-undefined', `The ${model.law} law (${source}) has no compute-optimal allocation: it depends on one of N, D or C alone, or on the expert count.`, {
      hint: 'Use a chinchilla, kaplan-nd, envelope or isoflop fit, or a preset.',
    })
  }
  const a = model.allocate(req.flops)
  finite({ N_opt: a.N_opt, D_opt: a.D_opt }, source)
  const out: AllocationInfo = { source, flops: req.flops, N_opt: a.N_opt, D_opt: a.D_opt, tokens_per_param: a.D_opt / a.N_opt, loss: Number.isFinite(a.loss) ? a.loss : null }
  if (lossDataset) out.loss_dataset = lossDataset
  if (inherited) out.warnings = inherited
  if (model.law === 'kaplan') {
    const o = kaplanOverfitCheck(a.N_opt, a.D_opt)
    out.warnings = o.ratio < 1
      ? [{ code: 'kaplan-overfitting', values: { N: o.N, D: o.D, D_min: o.D_min }, message: `${o.D.toExponential(2)} tokens for ${o.N.toExponential(2)} parameters break Kaplan's own overfitting bound D >~ 5e3 N^0.74 = ${o.D_min.toExponential(2)} (Kaplan et al. 2020, eq. 4.4): this model would overfit by their account.` }]
      : []
  }
  const needChinchilla = (what: string) => {
    if (!model.chinchilla) throw new LabError('allocation-undefined', `${what} needs a law of the Chinchilla form L = E + A/N^alpha + B/D^beta; ${source} is not.`, { hint: 'Use a chinchilla fit or the chinchilla / besiroglu preset.' })
    return model.chinchilla
  }
  if (req.inferenceTokens !== undefined && req.inferenceTokens > 0) {
    const p = needChinchilla('Inference-aware allocation (Sardana et al. 2024)')
    const r = inferenceAwareAtBudget(p, req.flops, req.inferenceTokens)
    finite({ N: r.N, D_train: r.D_train, total_flops: r.total_flops }, 'The inference-aware allocation')
    out.inference = { inference_tokens: r.inference_tokens, N: r.N, D_train: r.D_train, total_flops: r.total_flops, chinchilla_total_flops: r.chinchilla_total_flops, target_loss: r.target_loss, training_flops: r.training_flops, tokens_per_param: r.tokens_per_param }
  }
  if (req.uniqueTokens !== undefined) {
    const p = needChinchilla('Data-constrained allocation (Muennighoff et al. 2023)')
    const r = dataConstrainedAllocation(p, req.flops, req.uniqueTokens)
    finite({ N_opt: r.N_opt, D_opt: r.D_opt, loss: r.loss }, 'The data-constrained allocation')
    out.dataConstrained = { unique_tokens: r.unique_tokens, epochs: r.epochs, N_opt: r.N_opt, D_opt: r.D_opt, loss: r.loss }
  }
  return out
}
