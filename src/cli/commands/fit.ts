/**
 * scaling-lab fit LAW : fit a scaling law on a project's runs (src/core/fit), store it in the catalog with its
 * selection, exclusions, options, seed and code version, and print it (a table, or --json
 * {"fit":{"id","law","n_points","params","objective","se","ci","derived","backtest",...}}).
 * scaling-lab fit --list : the stored fits of the project.
 */
import { BUDGET_MAX_FLOPS, BUDGET_MIN_FLOPS, CHINCHILLA_BUDGET_FLOPS, LAWS, type FitRequestOptions, type IsoflopGroupInfo, type Law, type StoredFit } from '../../shared/api/fit'
import { LabError } from '../../shared/errors'
import { listOption, option, type ParsedArgs } from '../args'
import { requireOneProject } from '../catalog-option'
import type { CliCommand, CliIo } from '../command'
import { intOption, quantityOption } from '../quantity-option'
import { withLab } from '../lab-session'
import { runIdsByName } from '../run-names'
import type { FitDiffInfo, MultiverseResult, RederiveInfo } from '../../shared/api/multiverse'

/** The laws --multiverse audits (it refits Approaches 1, 2 and 3 whichever is named). */
const AUDIT_LAWS = ['chinchilla', 'isoflop', 'envelope'] as const

function fitOptions(args: ParsedArgs): FitRequestOptions {
  const o: FitRequestOptions = {}
  const estimator = option(args, 'estimator')
  if (estimator !== undefined) {
    if (estimator !== 'huber-sum' && estimator !== 'huber-mle') throw new LabError('usage', `--estimator ${JSON.stringify(estimator)} must be huber-sum or huber-mle`)
    o.estimator = estimator
  }
  const bootstrap = intOption(args, 'bootstrap', 0, 10000)
  if (bootstrap !== undefined) o.bootstrap = bootstrap
  const seed = intOption(args, 'seed', 0, 2 ** 31)
  if (seed !== undefined) o.seed = seed
  const cutoff = quantityOption(args, 'flops-cutoff', (n) => n > 0, 'a positive number of FLOPs')
  if (cutoff !== undefined) o.flopsCutoff = cutoff
  const budget = quantityOption(args, 'budget', (n) => n >= BUDGET_MIN_FLOPS && n <= BUDGET_MAX_FLOPS, 'a number of FLOPs from 1e10 to 1e32')
  if (budget !== undefined) o.budget = budget
  const tolerance = quantityOption(args, 'isoflop-tolerance', (n) => n > 0 && n <= 1, 'a width in dex, above 0 and at most 1')
  if (tolerance !== undefined) o.isoflopTolerance = tolerance
  if (args.switches.has('irreducible')) o.irreducible = true
  return o
}

/** --loss-metric NAME (--metric NAME is the older spelling); both given must agree. */
function lossMetricOption(args: ParsedArgs): string | undefined {
  const loss = option(args, 'loss-metric')?.trim()
  const metric = option(args, 'metric')?.trim()
  if (loss === '' || metric === '') throw new LabError('usage', '--loss-metric needs a metric name')
  if (loss !== undefined && metric !== undefined && loss !== metric) throw new LabError('usage', `--loss-metric ${JSON.stringify(loss)} and --metric ${JSON.stringify(metric)} disagree; give one`)
  return loss ?? metric
}

/** Approach 2: every budget with whether it was used and, when skipped, why (src/core/fit/isoflop.ts). */
export function isoflopBudgets(groups: readonly IsoflopGroupInfo[]): Record<string, unknown>[] {
  return groups.map((g) => {
    const used = g.used ?? g.vertex !== undefined
    const out: Record<string, unknown> = { flops: g.flops, runs: g.runs.length, used }
    if (!used) {
      out.reason = g.reason ?? 'rejected'
      out.reason_text = g.rejected ?? null
    }
    if (g.best !== undefined) out.best_run = g.best
    if (g.fitted) out.fitted_runs = g.fitted
    if (used && g.vertex) Object.assign(out, { N_opt: g.vertex.N, D_opt: g.vertex.D, loss: g.vertex.loss })
    return out
  })
}

const groupsOf = (f: StoredFit): IsoflopGroupInfo[] => (f.law === 'isoflop' && Array.isArray(f.result.diagnostics?.groups) ? (f.result.diagnostics.groups as IsoflopGroupInfo[]) : [])

/** The JSON the issue asks for (plus convergence, the objective's kind, seed and provenance; the verdict and its evidence; Approach 2's budgets). */
export function fitJson(f: StoredFit): Record<string, unknown> {
  const r = f.result
  const diag = r.diagnostics ?? {}
  const extra: Record<string, unknown> = {}
  if (f.law === 'isoflop') extra.budgets = isoflopBudgets(groupsOf(f))
  return {
    id: f.id,
    law: f.law,
    n_points: r.n_points,
    params: r.params,
    objective: r.objective,
    se: r.se ?? {},
    ci: r.ci ?? {},
    derived: r.derived,
    backtest: r.backtest ?? null,
    converged: r.converged,
    iterations: r.iterations,
    objective_kind: diag.objective_kind ?? null,
    estimator: f.law === 'chinchilla' ? (f.options.estimator ?? 'huber-sum') : null,
    seed: f.seed,
    excluded: f.excluded.length,
    loss_metric: f.selection.metric,
    loss_metric_source: f.selection.metricSource ?? null,
    loss_metric_note: f.selection.metricNote ?? null,
    budget: derivedBudget(f),
    code_version: f.codeVersion,
    // provenance (null: stored before fits recorded their data snapshot)
    data_hash: f.provenance?.dataHash ?? null,
    engine_version: f.provenance?.engineVersion ?? null,
    duration_ms: f.durationMs,
    verdict: r.verdict ?? null,
    warnings: r.warnings ?? [],
    evidence: r.evidence ?? null,
    ...extra,
  }
}

/** The compute budget at which N_opt, D_opt and the loss at the budget are derived (the options', else the Chinchilla budget). */
const derivedBudget = (f: StoredFit): number => f.options.budget ?? CHINCHILLA_BUDGET_FLOPS

const AT_BUDGET = ['N_opt', 'D_opt', 'tokens_per_param', 'loss_opt', 'loss_at_budget']

const num = (v: number | undefined, digits = 5): string =>
  v === undefined || !Number.isFinite(v) ? '-' : Math.abs(v) >= 1e6 ? v.toExponential(Math.max(1, digits - 2)) : String(Number(v.toPrecision(digits)))

function printFit(f: StoredFit, io: CliIo): void {
  const r = f.result
  const verdict = !r.converged ? ' (NOT converged)' : r.verdict === 'flagged' ? ` (converged, but FLAGGED: ${r.warnings?.length ?? 0} warning(s))` : r.verdict === 'law' ? ' (converged; every check passed)' : ''
  io.stdout(`fit ${f.id}: ${f.law} on ${r.n_points} runs${f.excluded.length ? ` (${f.excluded.length} excluded)` : ''}, objective ${num(r.objective, 7)}${verdict}\n`)
  for (const w of r.warnings ?? []) io.stdout(`  warning: ${w.message}\n`)
  io.stdout(`  ${f.selection.metricNote ?? `loss = "${f.selection.metric}".`}\n`)
  // a derived value equal to a parameter (Approach 1 and 2's exponents a, b) is listed once
  const derived = Object.keys(r.derived).filter((k) => !(k in r.params))
  const rows = [...Object.keys(r.params).map((k) => [k, r.params[k]] as const), ...derived.map((k) => [k, r.derived[k]] as const)]
  const width = Math.max(9, ...rows.map(([k]) => k.length))
  io.stdout(`  ${'parameter'.padEnd(width)}  ${'value'.padStart(12)}  ${'se'.padStart(10)}  95% interval\n`)
  for (const [k, v] of rows) {
    const ci = r.ci?.[k]
    io.stdout(`  ${k.padEnd(width)}  ${num(v).padStart(12)}  ${num(r.se?.[k], 3).padStart(10)}  ${ci ? `[${num(ci[0], 4)}, ${num(ci[1], 4)}]` : ''}\n`)
  }
  const atBudget = derived.filter((k) => AT_BUDGET.includes(k))
  if (atBudget.length) {
    const given = f.options.budget !== undefined
    io.stdout(`  ${atBudget.join(', ')} are at C = ${derivedBudget(f).toExponential(2)} FLOPs (${given ? '--budget' : 'the default: the Chinchilla budget; set --budget'})\n`)
  }
  const groups = groupsOf(f)
  if (groups.length) {
    io.stdout(`  budgets (Approach 2; a budget is used only when its minimum is bracketed):\n`)
    for (const g of isoflopBudgets(groups)) {
      const what = g.used ? `used     N_opt ${num(g.N_opt as number, 3)}` : `skipped  ${String(g.reason_text ?? g.reason)}`
      io.stdout(`    C ${(g.flops as number).toExponential(2)}  ${String(g.runs).padStart(3)} runs  ${what}\n`)
    }
  }
  if (r.evidence?.leave_one_out) {
    io.stdout(`  leave-one-out: ${r.evidence.leave_one_out.length} refits without an extreme run or budget; largest exponent change ${r.evidence.loo_max_shift !== undefined && r.evidence.loo_max_shift >= 0 ? `${num(100 * r.evidence.loo_max_shift, 3)}%` : 'a sign flip or failed refit'}\n`)
  }
  if (r.backtest) {
    const b = r.backtest
    io.stdout(`  backtest: fit on ${b.n_train} runs below C = ${b.cutoff.toExponential(2)}, predicting ${b.n_test} above: MAE ${num(b.mae, 3)}, RMSE ${num(b.rmse, 3)}, mean relative error ${num(100 * b.mean_relative_error, 3)}%\n`)
  }
}

export const fitCommand: CliCommand = {
  name: 'fit',
  summary: 'fit a scaling law (kaplan-n kaplan-d kaplan-c kaplan-nd envelope isoflop chinchilla routed) and store it',
  usage: `scaling-lab fit LAW [--catalog PATH] [--project NAME] [--runs NAMES] [--exclude NAMES] [--loss-metric M]
                  [--estimator huber-sum|huber-mle] [--bootstrap N] [--seed S] [--flops-cutoff C] [--budget C]
                  [--isoflop-tolerance DEX] [--irreducible] [--json]
  scaling-lab fit --list [--catalog PATH] [--project NAME] [--json]
  scaling-lab fit LAW --multiverse [--budget C] [--runs NAMES] [--exclude NAMES] [--loss-metric M] [--json]
  scaling-lab fit --diff A B [--json]      scaling-lab fit --rederive A [--json]
  LAW is one of ${LAWS.join(', ')}. --loss-metric M (or --metric M) names the metric fitted as the loss; by
  default the project's loss metric (chosen in the Scaling view, else the first of loss, final loss, val/eval/test
  loss, lm loss, train loss), and the output says which. NAMES are comma-separated run names (repeatable). --bootstrap N resamples runs
  (default 0: no standard errors); --flops-cutoff C backtests: fit below C, score the prediction above. Values accept
  units (5.76e23, 1.4T). --json prints {"fit":{"id","law","n_points","params","objective","se","ci","derived","backtest",
  "loss_metric","verdict","warnings","evidence",...}} (isoflop adds "budgets": each budget with "used" and, when skipped,
  "reason"); the fit is stored in the catalog with its id. Flat or rising losses are refused; doubtful fits are flagged.
  --multiverse (LAW chinchilla, isoflop or envelope) refits across every defensible choice (estimator, points, N and
  FLOP definitions, approach 1-3, optimiser start) and prints the specification curve, the spread and the most
  influential choice ({"multiverse":{"budget","specs","spread","most_influential","measure","skipped","warnings"}});
  nothing is stored. --diff A B says what differs between stored fits A and B (data, choices, numbers); --rederive A
  refits stored fit A from the catalog and says whether the numbers are identical (and first whether the data changed).`,
  args: {
    values: ['catalog', 'project', 'runs', 'exclude', 'metric', 'loss-metric', 'estimator', 'bootstrap', 'seed', 'flops-cutoff', 'budget', 'isoflop-tolerance'],
    switches: ['json', 'irreducible', 'list', 'multiverse', 'diff', 'rederive'],
  },
  async run(args, io) {
    const json = args.switches.has('json')
    if (args.switches.has('list')) {
      if (args.positionals.length) throw new LabError('usage', 'fit --list takes no law')
      return withLab(args, async (lab) => {
        const fits = await lab.invoke('listFits', { projectId: await requireOneProject(lab, args) })
        if (json) io.stdout(JSON.stringify({ fits: fits.map(fitJson) }) + '\n')
        else for (const f of fits) io.stdout(`${String(f.id).padStart(5)}  ${f.law.padEnd(10)} ${String(f.result.n_points).padStart(5)} runs  objective ${num(f.objective, 6)}  ${f.createdAt}\n`)
        return 0
      })
    }
    if (args.switches.has('diff') || args.switches.has('rederive')) return provenanceAction(args, io)
    const law = args.positionals[0]
    if (law === undefined) throw new LabError('usage', `fit needs a LAW: ${LAWS.join(', ')}`)
    if (!(LAWS as readonly string[]).includes(law)) throw new LabError('usage', `unknown law ${JSON.stringify(law)}; use one of ${LAWS.join(', ')}`)
    if (args.positionals.length > 1) throw new LabError('usage', `unexpected argument ${JSON.stringify(args.positionals[1])}`)
    const options = fitOptions(args)
    if (args.switches.has('multiverse')) return multiverseAction(args, io, law as Law, options)
    return withLab(args, async (lab) => {
      const projectId = await requireOneProject(lab, args)
      const runNames = listOption(args, 'runs')
      const excludeNames = listOption(args, 'exclude')
      if (runNames !== undefined && runNames.length === 0) throw new LabError('fit-no-runs', '--runs names no runs.', { hint: 'Give comma-separated run names, or leave --runs out to use every visible run.' })
      const runIds = runNames ? await runIdsByName(lab, projectId, runNames, '--runs') : undefined
      const excluded = excludeNames ? await runIdsByName(lab, projectId, excludeNames, '--exclude') : undefined
      // the fit runs as the app's fits do (a job; stored with its selection, options, seed and code version)
      const fit = await lab.runJob<StoredFit>('startFit', { projectId, law: law as Law, runIds, excluded, metric: lossMetricOption(args), options })
      if (json) io.stdout(JSON.stringify({ fit: fitJson(fit) }) + '\n')
      else printFit(fit, io)
      return 0
    })
  },
}


/** A stored fit's id as given on the command line. */
function fitIdArg(value: string | undefined, what: string): number {
  const id = Number(value)
  if (value === undefined || !Number.isInteger(id) || id <= 0) throw new LabError('usage', `${what} needs a stored fit's id (a positive whole number); got ${JSON.stringify(value ?? '')}`, { hint: 'List stored fits with `scaling-lab fit --list`.' })
  return id
}

async function provenanceAction(args: ParsedArgs, io: CliIo): Promise<number> {
  const json = args.switches.has('json')
  if (args.switches.has('diff') && args.switches.has('rederive')) throw new LabError('usage', 'give --diff A B or --rederive A, not both')
  if (args.switches.has('diff')) {
    if (args.positionals.length !== 2) throw new LabError('usage', 'fit --diff takes two stored fit ids: fit --diff A B')
    const [a, b] = [fitIdArg(args.positionals[0], '--diff'), fitIdArg(args.positionals[1], '--diff')]
    return withLab(args, async (lab) => {
      const d: FitDiffInfo = await lab.invoke('diffFits', { a, b })
      const { printDiff } = await import('./fit-provenance')
      if (json) io.stdout(JSON.stringify({ diff: d }) + '\n')
      else printDiff(d, io)
      return 0
    })
  }
  if (args.positionals.length !== 1) throw new LabError('usage', 'fit --rederive takes one stored fit id: fit --rederive A')
  const fitId = fitIdArg(args.positionals[0], '--rederive')
  return withLab(args, async (lab) => {
    const r = await lab.runJob<RederiveInfo>('startRederive', { fitId })
    const { printRederive } = await import('./fit-provenance')
    if (json) io.stdout(JSON.stringify({ rederive: r }) + '\n')
    else printRederive(r, io)
    return 0
  })
}

async function multiverseAction(args: ParsedArgs, io: CliIo, law: Law, options: FitRequestOptions): Promise<number> {
  if (!(AUDIT_LAWS as readonly string[]).includes(law)) {
    throw new LabError('usage', `--multiverse audits the compute-optimal laws (${AUDIT_LAWS.join(', ')}); got ${law}`, { hint: 'The audit refits Approaches 1, 2 and 3 of Hoffmann et al. whichever of them you name.' })
  }
  const other = (Object.keys(options) as (keyof FitRequestOptions)[]).filter((k) => k !== 'budget')
  if (other.length) throw new LabError('usage', `--multiverse varies the estimator, points and approach itself; it takes --budget but not ${other.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`)
  return withLab(args, async (lab) => {
    const projectId = await requireOneProject(lab, args)
    const runNames = listOption(args, 'runs')
    const excludeNames = listOption(args, 'exclude')
    const runIds = runNames ? await runIdsByName(lab, projectId, runNames, '--runs') : undefined
    const excluded = excludeNames ? await runIdsByName(lab, projectId, excludeNames, '--exclude') : undefined
    const { multiverseJson, printMultiverse } = await import('./fit-multiverse')
    const r = await lab.runJob<MultiverseResult>('startAudit', { projectId, law: law as (typeof AUDIT_LAWS)[number], runIds, excluded, metric: lossMetricOption(args), budget: options.budget })
    if (args.switches.has('json')) io.stdout(JSON.stringify({ multiverse: multiverseJson(r) }) + '\n')
    else printMultiverse(r, io)
    return 0
  })
}
