/**
 * scaling-lab analyze emergence | calibration | trend : the analyses of issue 4 over the catalog's task
 * evaluations and per-example predictions (src/core/analysis), printed as text or, with --json, as one JSON
 * array with an object per task (and family / model).
 */
import { LabError } from '../../shared/errors'
import type { AnalysisTask, CalibrationReport, CalibrationResult, EmergenceResult } from '../../shared/api'
import { formatCount } from '../../shared/units-format'
import { numberOption, option, type ParsedArgs } from '../args'
import { projectIds } from '../catalog-option'
import type { CliCommand, CliIo } from '../command'
import { withLab, type LabSession } from '../lab-session'

const SUBCOMMANDS = ['emergence', 'calibration', 'trend'] as const
type Subcommand = (typeof SUBCOMMANDS)[number]

function xOption(args: ParsedArgs): 'params' | 'tokens' | 'flops' | undefined {
  const x = option(args, 'x')
  if (x === undefined) return undefined
  if (x !== 'params' && x !== 'tokens' && x !== 'flops') throw new LabError('usage', `--x ${JSON.stringify(x)} must be params, tokens or flops`)
  return x
}

function checkpointOption(args: ParsedArgs): number | 'final' | undefined {
  const raw = option(args, 'checkpoint')
  if (raw === undefined || raw === 'final') return raw
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new LabError('usage', `--checkpoint ${JSON.stringify(raw)} must be a step number or "final"`)
  return n
}

const intOption = (args: ParsedArgs, name: string, min = 0): number | undefined => numberOption(args, name, (n) => Number.isInteger(n) && n >= min)

/**
 * The project to analyse: the one named by --project, else the only project holding matching data
 * (evaluations or predictions), so a catalog with a demo project and one import still works without --project.
 */
async function chooseProject(lab: LabSession, args: ParsedArgs, has: (projectId: number, tasks: AnalysisTask[]) => boolean | Promise<boolean>, what: string): Promise<number> {
  const ids = await projectIds(lab, args)
  if (option(args, 'project') !== undefined) return ids[0]
  const holding: number[] = []
  for (const id of ids) if (await has(id, await lab.invoke('analysisTasks', { projectId: id }))) holding.push(id)
  if (holding.length === 1) return holding[0]
  if (holding.length === 0) throw new LabError('no-data', `No ${what} in the catalog.`, { hint: 'Import them first: scaling-lab import --format evals|predictions FILE' })
  throw new LabError('usage', `Several projects hold ${what}: name one with --project NAME.`)
}

/** the project's tasks that match --task (every task when none is named) */
const tasksNamed = (tasks: AnalysisTask[], task: string | undefined): AnalysisTask[] => (task === undefined ? tasks : tasks.filter((t) => t.task === task))

async function emergence(lab: LabSession, args: ParsedArgs): Promise<EmergenceResult[]> {
  const task = option(args, 'task')
  if (task === undefined) throw new LabError('usage', 'analyze emergence needs --task T')
  const metric = option(args, 'metric')
  // evaluations of the task (with the metric), or, with no metric named, per-example predictions of it
  const has = (_id: number, tasks: AnalysisTask[]): boolean =>
    tasksNamed(tasks, task).some((t) => (t.evaluations > 0 && (metric === undefined || t.metrics.includes(metric))) || (metric === undefined && t.predictions > 0))
  const projectId = await chooseProject(lab, args, has, `evaluations of task "${task}"${metric ? ` with metric "${metric}"` : ''}`)
  return lab.runJob<EmergenceResult[]>('analyzeEmergence', {
    projectId,
    task,
    metric,
    family: option(args, 'family'),
    x: xOption(args),
    margin: numberOption(args, 'margin', (n) => n >= 0),
    chance: numberOption(args, 'chance'),
    checkpoint: checkpointOption(args),
    shots: intOption(args, 'shots'),
    poolShots: poolShotsOption(args),
    seed: intOption(args, 'seed'),
    bootstrap: intOption(args, 'bootstrap'),
  })
}

function poolShotsOption(args: ParsedArgs): boolean {
  const pool = args.switches.has('pool-shots')
  if (pool && option(args, 'shots') !== undefined) throw new LabError('usage', '--shots K keeps one shot count and --pool-shots pools them all: give one of the two')
  return pool
}

/** One emergence result as text: verdict and where, the chance level with its source, the reasons, the warnings. */
function emergenceText(r: EmergenceResult): string {
  const iv = r.interval
  const scale = r.emergence_scale
  let where: string
  if (scale === null) where = 'no size clears chance + margin: no emergence scale'
  else if (r.censored === 'below') where = `at or below the smallest size, ${formatCount(scale)}`
  else {
    const [lo, hi] = r.bracket ?? [scale, scale]
    const span = iv ? `; interval ${iv[0] === null ? '-' : formatCount(iv[0])} to ${iv[1] === null ? 'beyond the largest size' : formatCount(iv[1])}` : ''
    where = `emergence scale between ${formatCount(lo)} and ${formatCount(hi)} (log-interpolated ${formatCount(scale)})${span}`
  }
  const shots = r.shots.length === 0 ? '' : r.pooled_shots ? `, shots ${r.shots.join('+')} pooled` : `, ${r.shots[0]}-shot`
  const c = r.chance_source
  const chance = `chance ${c.value === null ? 'none' : fmt(c.value)} (${c.source}: ${c.detail}${c.reference ? `; ${c.reference}` : ''})`
  const lines = [`${r.task}${r.family ? ` ${r.family}` : ''} ${r.metric}${shots}: ${r.kind}, ${where}`, `  ${chance}`, `  ${r.evidence.reason}`]
  for (const w of r.warnings) lines.push(`  warning: ${w.text}`)
  return lines.join('\n') + '\n'
}

async function calibration(lab: LabSession, args: ParsedArgs): Promise<CalibrationResult[]> {
  const task = option(args, 'task')
  const model = option(args, 'model')
  // predictions (of the task); a named model is a run of the project
  const has = async (id: number, tasks: AnalysisTask[]): Promise<boolean> =>
    tasksNamed(tasks, task).some((t) => t.predictions > 0) && (model === undefined || (await lab.invoke('listRuns', { projectId: id, includeHidden: true })).some((r) => r.name === model))
  const projectId = await chooseProject(lab, args, has, `per-example predictions${task ? ` of task "${task}"` : ''}`)
  const binning = option(args, 'binning')
  if (binning !== undefined && binning !== 'width' && binning !== 'mass') throw new LabError('usage', `--binning ${JSON.stringify(binning)} must be width or mass`)
  const choices = intOption(args, 'choices', 2)
  if (choices !== undefined && choices !== 2) throw new LabError('usage', `--choices ${choices}: only 2 (a two-choice task) changes the pick's confidence; leave it out otherwise`)
  const report = await lab.runJob<CalibrationReport>('analyzeCalibration', { projectId, task, model, bins: intOption(args, 'bins', 1), binning, bootstrap: intOption(args, 'bootstrap'), seed: intOption(args, 'seed'), choices })
  return report.results
}

async function trend(lab: LabSession, args: ParsedArgs): Promise<unknown[]> {
  const task = option(args, 'task')
  const metric = option(args, 'metric')
  const has = (_id: number, tasks: AnalysisTask[]): boolean => tasksNamed(tasks, task).some((t) => t.evaluations > 0 && (metric === undefined || t.metrics.includes(metric)))
  const projectId = await chooseProject(lab, args, has, `evaluations${task ? ` of task "${task}"` : ''}`)
  return lab.invoke('analyzeTrend', {
    projectId,
    task,
    metric,
    family: option(args, 'family'),
    checkpoint: checkpointOption(args),
    shots: intOption(args, 'shots'),
    poolShots: poolShotsOption(args),
    tolerance: numberOption(args, 'tolerance', (n) => n >= 0),
  })
}

function fmt(v: number | null | undefined, digits = 4): string {
  return v === null || v === undefined ? '-' : Number(v.toPrecision(digits)).toString()
}

function printText(sub: Subcommand, results: unknown[], io: CliIo): void {
  for (const r of results as Record<string, unknown>[]) {
    if (sub === 'emergence') {
      io.stdout(emergenceText(r as unknown as EmergenceResult))
    } else if (sub === 'calibration') {
      const c = r as unknown as CalibrationResult
      const brierOn = c.brier_on === 'gold' ? ' (on the gold answer)' : c.brier_on === 'pick' ? ' (top-label, on the pick)' : ''
      const binning = c.ece_unavailable === null ? `, ${c.bins} ${c.binning === 'mass' ? 'equal-mass' : 'equal-width'} bins` : ''
      io.stdout(
        `${c.task} ${c.model} (N=${formatCount(c.params)}, n=${c.n}): accuracy ${fmt(c.accuracy)}, confidence ${fmt(c.mean_confidence)}, ` +
          `ECE ${fmt(c.ece)}, MCE ${fmt(c.mce)}${binning}, Brier ${fmt(c.brier)}${brierOn}, NLL ${fmt(c.nll)}\n`,
      )
      for (const line of [...(c.ece_unavailable === null ? [] : [c.ece_unavailable]), ...c.notes]) io.stdout(`  ${line}\n`)
    } else {
      const shots = typeof r.shots === 'number' ? `, ${r.shots}-shot` : Array.isArray(r.pooled_shots) ? `, shots ${r.pooled_shots.join(', ')} pooled` : ''
      io.stdout(`${r.task}${r.family ? ` ${r.family}` : ''} ${r.metric}${shots}: ${r.shape}\n  ${(r.evidence as { reason: string }).reason}\n`)
    }
  }
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'emergence, calibration and trend shape (inverse / U-shaped scaling) of task results',
  usage: `scaling-lab analyze emergence --task T [--metric M] [--x params|tokens|flops] [--family F] [--margin 0.05] [--chance C]
                              [--shots K | --pool-shots] [--checkpoint STEP|final] [--bootstrap 1000] [--seed S] [--json]
  scaling-lab analyze calibration [--task T] [--model M] [--bins 10] [--binning width|mass] [--choices 2] [--bootstrap 1000] [--seed S] [--json]
  scaling-lab analyze trend [--task T] [--family F] [--metric M] [--checkpoint STEP|final] [--shots K | --pool-shots] [--tolerance 0.03] [--json]
  Every subcommand takes --catalog PATH and --project NAME. --json prints one JSON array, an object per task
  (emergence: task, kind, emergence_scale, interval, bracket, n, chance, chance_source, shots, pooled_shots,
  warnings, fits; one object per shot count unless --pool-shots pools them as runs; calibration: task, model,
  params, n, accuracy, mean_confidence, ece, mce, brier, nll, confidence_source, ece_unavailable, brier_on, notes;
  trend: task, family, metric, shots, pooled_shots, shape, evidence with its test; one object per shot count unless
  --pool-shots).
  Calibration: ECE needs the confidence of the model's pick (a confidence column, or per-option probabilities
  imported as model, task, item, option, probability, gold); with only the probability of the correct answer,
  accuracy (from correct), Brier on the gold answer and NLL are printed and ECE is null with the reason.
  --choices 2 declares a two-choice task: the pick's confidence is then max(p, 1 - p). Binning: width cuts
  [0, 1] into B equal intervals; mass sorts the items by confidence and cuts them at positions floor(b n / B),
  so each bin holds floor(n / B) or one more item.
  Trend: the verdict rests on order-restricted likelihood-ratio tests with weights 1 / se^2 (monotone vs flat by
  isotonic regression, one turn vs monotone by unimodal regression; seeded parametric-bootstrap p-values), with
  the steps between sizes in units of their errors; without known errors, equal errors estimated from the scatter
  (the evidence says so). Four sizes are the minimum.`,
  args: {
    values: ['catalog', 'project', 'task', 'metric', 'x', 'family', 'margin', 'chance', 'shots', 'checkpoint', 'bootstrap', 'seed', 'model', 'bins', 'binning', 'tolerance', 'choices'],
    switches: ['json', 'pool-shots'],
  },
  async run(args, io) {
    const sub = args.positionals[0] as Subcommand | undefined
    if (sub === undefined || !SUBCOMMANDS.includes(sub)) throw new LabError('usage', `analyze needs a subcommand: ${SUBCOMMANDS.join(', ')}`)
    if (args.positionals.length > 1) throw new LabError('usage', `unexpected argument ${JSON.stringify(args.positionals[1])}`)
    return withLab(args, async (lab) => {
      const results: unknown[] = sub === 'emergence' ? await emergence(lab, args) : sub === 'calibration' ? await calibration(lab, args) : await trend(lab, args)
      if (args.switches.has('json')) io.stdout(JSON.stringify(results) + '\n')
      else printText(sub, results, io)
      return 0
    })
  },
}
