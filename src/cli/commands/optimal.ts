/**
 * scaling-lab optimal --flops C : the compute-optimal model size and tokens at a budget under a stored fit or a preset
 * (closed form for the Chinchilla form; Sardana et al. 2024 with --inference-tokens; Muennighoff et al. 2023 with
 * --unique-tokens). --json prints {"N_opt","D_opt","tokens_per_param","loss",...}: the answer to the question asked
 * (inference-aware or data-constrained when those are given), the plain compute-optimal allocation as compute_optimal.
 */
import { BUDGET_MAX_FLOPS, BUDGET_MIN_FLOPS, PRESET_NAMES, type PresetId } from '../../shared/api/fit'
import { LabError } from '../../shared/errors'
import { formatCount, formatFlops } from '../../shared/units-format'
import { option } from '../args'
import type { CliCommand } from '../command'
import { intOption, quantityOption } from '../quantity-option'
import { withLab } from '../lab-session'

export const optimalCommand: CliCommand = {
  name: 'optimal',
  summary: 'compute-optimal parameters and tokens at a FLOP budget (fit or preset; inference-aware; data-constrained)',
  usage: `scaling-lab optimal --flops C [--fit ID | --preset ${PRESET_NAMES.join('|')}]
                      [--inference-tokens T] [--unique-tokens U] [--catalog PATH] [--json]
  C from 1e10 to 1e32 FLOPs (as fit --budget). Values accept units (5.76e23, 1.4T). Without --fit or --preset the
  chinchilla preset (Hoffmann et al. 2022, Approach 3 fit) is used; hoffmann-approach1/2 give Hoffmann's Approach 1
  and 2 allocations (no loss); kaplan's loss is on WebText2. --json prints {"N_opt","D_opt","tokens_per_param","loss",
  "flops","source","compute_optimal","loss_dataset","warnings",...}.`,
  args: { values: ['flops', 'fit', 'preset', 'inference-tokens', 'unique-tokens', 'catalog', 'project'], switches: ['json'] },
  async run(args, io) {
    if (args.positionals.length) throw new LabError('usage', `unexpected argument ${JSON.stringify(args.positionals[0])}`)
    const flops = quantityOption(args, 'flops', (n) => n >= BUDGET_MIN_FLOPS && n <= BUDGET_MAX_FLOPS, 'a number of FLOPs from 1e10 to 1e32')
    if (flops === undefined) throw new LabError('usage', 'optimal needs --flops C (a FLOP budget such as 5.76e23)')
    const preset = option(args, 'preset')
    if (preset !== undefined && !(PRESET_NAMES as readonly string[]).includes(preset)) throw new LabError('usage', `--preset ${JSON.stringify(preset)} must be one of ${PRESET_NAMES.join(', ')}`)
    const fitId = intOption(args, 'fit', 1, Number.MAX_SAFE_INTEGER)
    if (fitId !== undefined && preset !== undefined) throw new LabError('usage', 'give --fit ID or --preset NAME, not both')
    const inferenceTokens = quantityOption(args, 'inference-tokens', (n) => n >= 0, 'zero or a positive number of tokens')
    const uniqueTokens = quantityOption(args, 'unique-tokens', (n) => n > 0, 'a positive number of tokens')
    if (inferenceTokens !== undefined && inferenceTokens > 0 && uniqueTokens !== undefined) {
      throw new LabError('usage', '--inference-tokens and --unique-tokens answer different questions; give one of them.')
    }
    return withLab(args, async (lab) => {
      const a = await lab.invoke('optimalAllocation', { flops, fitId, preset: preset as PresetId | undefined, inferenceTokens, uniqueTokens })
      const plain = { N_opt: a.N_opt, D_opt: a.D_opt, tokens_per_param: a.tokens_per_param, loss: a.loss }
      let answer = plain
      let question = 'compute-optimal'
      if (a.inference) {
        const i = a.inference
        answer = { N_opt: i.N, D_opt: i.D_train, tokens_per_param: i.D_train / i.N, loss: i.target_loss ?? a.loss }
        question = `inference-aware (Sardana et al. 2024), ${formatCount(i.inference_tokens)} inference tokens`
      } else if (a.dataConstrained) {
        const d = a.dataConstrained
        answer = { N_opt: d.N_opt, D_opt: d.D_opt, tokens_per_param: d.D_opt / d.N_opt, loss: d.loss }
        question = `data-constrained (Muennighoff et al. 2023), ${formatCount(d.unique_tokens)} unique tokens, ${Number(d.epochs.toPrecision(3))} epochs`
      }
      if (args.switches.has('json')) {
        const out: Record<string, unknown> = { ...answer, flops, source: a.source, compute_optimal: plain, loss_dataset: a.loss_dataset ?? null, warnings: a.warnings ?? [] }
        if (a.inference) out.inference = a.inference
        if (a.dataConstrained) out.data_constrained = a.dataConstrained
        io.stdout(JSON.stringify(out) + '\n')
        return 0
      }
      io.stdout(`${a.source}, ${formatFlops(flops)} FLOPs, ${question}:\n`)
      const lossText = answer.loss === null ? '- (this law predicts no loss)' : `${answer.loss.toFixed(4)}${a.loss_dataset ? ` (on ${a.loss_dataset})` : ''}`
      io.stdout(`  N_opt ${formatCount(answer.N_opt)} parameters, D_opt ${formatCount(answer.D_opt)} tokens, ${Number(answer.tokens_per_param.toPrecision(3))} tokens per parameter, loss ${lossText}\n`)
      for (const w of a.warnings ?? []) io.stdout(`  warning: ${w.message}\n`)
      if (a.inference) {
        io.stdout(`  total compute ${formatFlops(a.inference.total_flops)} FLOPs against ${formatFlops(a.inference.chinchilla_total_flops)} for the compute-optimal model (N ${formatCount(a.N_opt)}, D ${formatCount(a.D_opt)})\n`)
      } else if (a.dataConstrained) {
        io.stdout(`  with unlimited data: N_opt ${formatCount(a.N_opt)}, D_opt ${formatCount(a.D_opt)}, loss ${a.loss === null ? '-' : a.loss.toFixed(4)}\n`)
      }
      return 0
    }, { inMemory: fitId === undefined })
  },
}
