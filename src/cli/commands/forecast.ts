/**
 * scaling-lab forecast --task T --target-params N --target-tokens D : triage a downstream task on the project's ladder
 * (Lourie et al. 2025 categories) and, when it is predictable, chain the two steps of Bhagia et al. 2024 ((N, D) -> task
 * loss -> accuracy) at the target with bootstrap intervals over the ladder runs. --json prints
 * {"forecast":{"task","triage","loss":{"value","interval"},"accuracy":{"value","interval"}, ...}}.
 */
import type { AnalysisTask, LadderForecastResult } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { formatCount } from '../../shared/units-format'
import { option } from '../args'
import { projectIds } from '../catalog-option'
import type { CliCommand, CliIo } from '../command'
import { intOption, quantityOption } from '../quantity-option'
import { withLab, type LabSession } from '../lab-session'
import type { ParsedArgs } from '../args'

async function chooseProject(lab: LabSession, args: ParsedArgs, task: string, metrics: string[]): Promise<number> {
  const ids = await projectIds(lab, args)
  if (option(args, 'project') !== undefined) return ids[0]
  const has = (tasks: AnalysisTask[]): boolean => tasks.some((t) => t.task === task && metrics.every((m) => t.metrics.includes(m)))
  const holding: number[] = []
  for (const id of ids) if (has(await lab.invoke('analysisTasks', { projectId: id }))) holding.push(id)
  if (holding.length === 1) return holding[0]
  if (holding.length === 0)
    throw new LabError('no-data', `No project has task "${task}" with metrics ${metrics.join(' and ')}.`, { hint: 'Import the ladder first: scaling-lab import --format evals FILE' })
  throw new LabError('usage', `Several projects hold task "${task}": name one with --project NAME.`)
}

const f4 = (v: number): string => v.toFixed(4)
const interval = (i: [number, number] | null): string => (i ? ` [${f4(i[0])}, ${f4(i[1])}]` : '')

function printText(r: LadderForecastResult, io: CliIo): void {
  io.stdout(`${r.task}: ${r.triage.verdict}\n`)
  for (const reason of r.triage.reasons) io.stdout(`  ${reason}\n`)
  io.stdout(`  ladder: ${r.runs.length} runs (${r.runs_rule})\n`)
  const t = r.target
  io.stdout(`  ${t.label === 'target' ? 'target' : `target ${t.label}`}: N ${formatCount(t.params)}, D ${formatCount(t.tokens)}\n`)
  if (r.accuracy.value === null || r.loss.value === null) io.stdout(`  no forecast: the task is ${r.triage.verdict}, not predictable\n`)
  else {
    io.stdout(`  ${r.loss_metric} (task loss, step 1) ${f4(r.loss.value)}${interval(r.loss.interval)}\n`)
    io.stdout(`  ${r.accuracy_metric} (accuracy, step 2) ${f4(r.accuracy.value)}${interval(r.accuracy.interval)}\n`)
    io.stdout(`  intervals: ${Math.round(100 * r.interval_method.level)}% ${r.interval_method.note}; ${r.interval_method.used} of ${r.interval_method.resamples} resamples, seed ${r.interval_method.seed}\n`)
  }
  for (const h of r.held_out)
    io.stdout(`  held out ${h.model} (N ${formatCount(h.params)}): accuracy predicted ${f4(h.predicted_accuracy)}, actual ${f4(h.actual_accuracy)}; ${r.loss_metric} predicted ${f4(h.predicted_loss)}, actual ${f4(h.actual_loss)}\n`)
  for (const w of r.warnings) io.stdout(`  warning: ${w}\n`)
}

export const forecastCommand: CliCommand = {
  name: 'forecast',
  summary: 'downstream forecast: triage a task on a ladder, then predict its task loss and accuracy at a target (N, D)',
  usage: `scaling-lab forecast --task T --target-params N --target-tokens D [--runs A,B,...] [--loss-metric bpb]
                       [--accuracy-metric acc] [--bootstrap 200] [--seed S] [--project P] [--catalog PATH] [--json]
  Triage first (Lourie et al. 2025: predictable, inverse, non-monotonic, noisy, trendless, breakthrough; or
  insufficient), on the ladder line with the most sizes and the checkpoint noise of the largest run (Bhagia et al.
  2024's variance analysis). Only a predictable task gets numbers: step 1 L(N, D) = E + A/N^alpha + B/D^beta on each
  run's final task loss (mean of the last 5 checkpoints; Huber on log loss), step 2 a sigmoid from task loss to
  accuracy on all checkpoints after the first 10% (5-point moving average, accuracy at zero loss at most 1), chained
  at the target. Intervals: 95% percentile of --bootstrap resamples of the ladder runs within each size (both steps
  refitted; parameter uncertainty only). --runs chooses the ladder (default every model with at most half the
  target's parameters). Models larger than the ladder are predicted too and shown against what they scored.
  --json prints {"forecast":{"task","triage","loss":{"value","interval"},"accuracy":{"value","interval"},
  "loss_metric","accuracy_metric","runs","runs_rule","target","interval_method","step1","step2","held_out",
  "warnings",...}}; value and interval are null when the triage refuses to forecast.`,
  args: { values: ['task', 'target-params', 'target-tokens', 'runs', 'loss-metric', 'accuracy-metric', 'bootstrap', 'seed', 'project', 'catalog'], switches: ['json'] },
  async run(args, io) {
    if (args.positionals.length) throw new LabError('usage', `unexpected argument ${JSON.stringify(args.positionals[0])}`)
    const task = option(args, 'task')
    if (task === undefined) throw new LabError('usage', 'forecast needs --task T')
    const targetParams = quantityOption(args, 'target-params', (n) => n > 0 && n <= 1e15, 'a positive parameter count up to 1e15')
    const targetTokens = quantityOption(args, 'target-tokens', (n) => n > 0 && n <= 1e18, 'a positive token count up to 1e18')
    if (targetParams === undefined || targetTokens === undefined) throw new LabError('usage', 'forecast needs --target-params N and --target-tokens D (e.g. 13.2B and 5T)')
    const lossMetric = option(args, 'loss-metric') ?? 'bpb'
    const accuracyMetric = option(args, 'accuracy-metric') ?? 'acc'
    const runsRaw = option(args, 'runs')
    const runs = runsRaw === undefined ? undefined : runsRaw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
    if (runs !== undefined && runs.length === 0) throw new LabError('usage', '--runs needs a comma-separated list of run names')
    const resamples = intOption(args, 'bootstrap', 0, 2000)
    const seed = intOption(args, 'seed', 0, 2 ** 31 - 1)
    return withLab(args, async (lab) => {
      const projectId = await chooseProject(lab, args, task, [lossMetric, accuracyMetric])
      const r = await lab.runJob<LadderForecastResult>('forecastTask', { projectId, task, lossMetric, accuracyMetric, targetParams, targetTokens, runs, resamples, seed })
      if (args.switches.has('json')) io.stdout(JSON.stringify({ forecast: r }) + '\n')
      else printText(r, io)
      return 0
    })
  },
}
