/**
 * scaling-lab plan --target-flops C --spend-flops S : the 95% predictive interval of the compute-optimal model's loss
 * at C under a Chinchilla (Approach 3) fit of the project's runs, and the new runs (N, D, cost 6ND) within S FLOPs that
 * narrow it most per FLOP, against the naive choice of one more size up the ladder (src/core/plan).
 * --json prints {"plan":{"target_flops","interval_now":[lo,hi],"recommendations":[{"params","tokens","flops",...}],
 * "interval_expected":[lo,hi],"naive":{"runs":[...],"interval_expected":[lo,hi]},"method","assumptions","warnings",...}}.
 */
import { BUDGET_MAX_FLOPS, BUDGET_MIN_FLOPS } from '../../shared/api/fit'
import type { PlanInfo, PlanRequest } from '../../shared/api/plan'
import { LabError } from '../../shared/errors'
import { parseQuantity } from '../../shared/units'
import { formatCount, formatFlops } from '../../shared/units-format'
import { listOption, option, type ParsedArgs } from '../args'
import { requireOneProject } from '../catalog-option'
import type { CliCommand, CliIo } from '../command'
import { intOption, quantityOption } from '../quantity-option'
import { withLab } from '../lab-session'
import { runIdsByName } from '../run-names'

const FLOPS_WHAT = 'a number of FLOPs from 1e10 to 1e32'
const inBudget = (n: number): boolean => n >= BUDGET_MIN_FLOPS && n <= BUDGET_MAX_FLOPS

function quantityList(args: ParsedArgs, name: string, check: (n: number) => boolean, what: string): number[] | undefined {
  const list = listOption(args, name)
  if (list === undefined) return undefined
  if (list.length === 0) throw new LabError('usage', `--${name} names no values`)
  return list.map((raw) => {
    const n = parseQuantity(raw)
    if (n === undefined || !Number.isFinite(n) || !check(n)) throw new LabError('usage', `--${name} value ${JSON.stringify(raw)} must be ${what}.`)
    return n
  })
}

function planBounds(args: ParsedArgs): Omit<PlanRequest, 'projectId' | 'runIds' | 'excluded' | 'metric'> {
  const targetFlops = quantityOption(args, 'target-flops', inBudget, FLOPS_WHAT)
  const spendFlops = quantityOption(args, 'spend-flops', inBudget, FLOPS_WHAT)
  if (targetFlops === undefined || spendFlops === undefined) throw new LabError('usage', 'plan needs --target-flops C and --spend-flops S (FLOPs, e.g. 1e22 and 5e19)')
  const size = (n: number): boolean => n >= 1e3 && n <= 1e15
  const req: Omit<PlanRequest, 'projectId' | 'runIds' | 'excluded' | 'metric'> = { targetFlops, spendFlops }
  const minParams = quantityOption(args, 'min-params', size, 'a parameter count from 1e3 to 1e15')
  const maxParams = quantityOption(args, 'max-params', size, 'a parameter count from 1e3 to 1e15')
  if (minParams !== undefined) req.minParams = minParams
  if (maxParams !== undefined) req.maxParams = maxParams
  const sizes = quantityList(args, 'sizes', size, 'a parameter count from 1e3 to 1e15')
  if (sizes) req.sizes = sizes
  const multiples = quantityList(args, 'token-multiples', (n) => n > 0 && n <= 1000, 'a positive multiple of 20 tokens per parameter (at most 1000)')
  if (multiples) req.tokenMultiples = multiples
  const bootstrap = intOption(args, 'bootstrap', 20, 10000)
  if (bootstrap !== undefined) req.bootstrap = bootstrap
  const seed = intOption(args, 'seed', 0, 2 ** 31)
  if (seed !== undefined) req.seed = seed
  const maxRuns = intOption(args, 'max-runs', 1, 50)
  if (maxRuns !== undefined) req.maxRuns = maxRuns
  return req
}

const interval = (i: [number, number]): string => `[${i[0].toFixed(4)}, ${i[1].toFixed(4)}]`
const run = (r: { params: number; tokens: number; flops: number }): string => `N ${formatCount(r.params).padStart(7)}  D ${formatCount(r.tokens).padStart(7)}  (${(r.tokens / r.params).toFixed(0).padStart(3)} tokens/param)  cost ${formatFlops(r.flops)} FLOPs`

function printPlan(p: PlanInfo, io: CliIo): void {
  const pct = Math.round(p.level * 100)
  io.stdout(`plan for a ${formatFlops(p.target_flops)} FLOP target with ${formatFlops(p.spend_flops)} FLOPs of new runs (${p.n_runs} runs, ${p.approach}; loss = "${p.loss_metric}")\n`)
  io.stdout(`  forecast now: loss ${p.forecast.loss.value.toFixed(4)}, ${pct}% predictive interval ${interval(p.interval_now)} (${p.resamples} bootstrap resamples, seed ${p.seed})\n`)
  if (p.forecast.N_opt && p.forecast.D_opt) io.stdout(`  compute-optimal N ${formatCount(p.forecast.N_opt.value)} [${formatCount(p.forecast.N_opt.interval[0])}, ${formatCount(p.forecast.N_opt.interval[1])}], D ${formatCount(p.forecast.D_opt.value)} [${formatCount(p.forecast.D_opt.interval[0])}, ${formatCount(p.forecast.D_opt.interval[1])}]\n`)
  io.stdout(`  recommended runs (${formatFlops(p.spent_flops)} FLOPs of ${formatFlops(p.spend_flops)}):\n`)
  for (const r of p.recommendations) io.stdout(`    ${run(r)}  -> interval ${interval(r.interval_after)}\n`)
  io.stdout(`  expected interval after them: ${interval(p.interval_expected)}\n`)
  io.stdout(`  naive: ${p.naive.note}:\n`)
  for (const r of p.naive.runs) io.stdout(`    ${run(r)}\n`)
  io.stdout(`  expected interval after the naive run: ${interval(p.naive.interval_expected)}\n`)
  for (const w of p.warnings) io.stdout(`  warning: ${w.message}\n`)
  io.stdout(`  method: ${p.method}\n  assumptions: ${p.assumptions.join('; ')}.\n`)
}


export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'which new runs narrow the forecast at a target budget most per FLOP (predictive interval now and after)',
  usage: `scaling-lab plan --target-flops C --spend-flops S [--catalog PATH] [--project NAME] [--runs NAMES] [--exclude NAMES]
                   [--loss-metric M] [--min-params N] [--max-params N] [--sizes N1,N2,...] [--token-multiples M1,M2,...]
                   [--bootstrap B] [--seed S] [--max-runs K] [--json]
  Fits the Chinchilla law (Approach 3) on the runs, bootstraps it (B resamples, default 200) and gives the 95%
  predictive interval of the compute-optimal model's loss at C; then picks new runs on a grid (sizes between
  --min-params and --max-params, or only --sizes; tokens = M x 20 N, default M 0.25,0.5,1,2,4,8; cost 6ND) within S
  FLOPs that narrow it most per FLOP, and compares them with one more size up the ladder costing S. Values accept
  units (1e22, 70M, 1.4B). --json prints {"plan":{"target_flops","interval_now","recommendations":[{"params","tokens",
  "flops",...}],"interval_expected","naive":{"runs","interval_expected",...},"method","assumptions","warnings",...}}.`,
  args: {
    values: ['catalog', 'project', 'runs', 'exclude', 'metric', 'loss-metric', 'target-flops', 'spend-flops', 'min-params', 'max-params', 'sizes', 'token-multiples', 'bootstrap', 'seed', 'max-runs'],
    switches: ['json'],
  },
  async run(args, io) {
    if (args.positionals.length) throw new LabError('usage', `unexpected argument ${JSON.stringify(args.positionals[0])}`)
    const bounds = planBounds(args)
    const metric = (option(args, 'loss-metric') ?? option(args, 'metric'))?.trim() || undefined
    return withLab(args, async (lab) => {
      const projectId = await requireOneProject(lab, args)
      const runNames = listOption(args, 'runs')
      const excludeNames = listOption(args, 'exclude')
      if (runNames !== undefined && runNames.length === 0) throw new LabError('fit-no-runs', '--runs names no runs.', { hint: 'Give comma-separated run names, or leave --runs out to use every visible run.' })
      const runIds = runNames ? await runIdsByName(lab, projectId, runNames, '--runs') : undefined
      const excluded = excludeNames ? await runIdsByName(lab, projectId, excludeNames, '--exclude') : undefined
      const plan = await lab.runJob<PlanInfo>('startPlan', { projectId, runIds, excluded, metric, ...bounds })
      if (args.switches.has('json')) io.stdout(JSON.stringify({ plan }) + '\n')
      else printPlan(plan, io)
      return 0
    })
  },
}
