/**
 * scaling-lab runs : list the runs in the catalog, with metric columns, a filter and a sort (runs-columns.ts);
 * scaling-lab runs set RUN ... : correct a run's fields (runs-set.ts); scaling-lab runs compare a,b : what differs (runs-compare.ts).
 */
import type { RunSummary } from '../../shared/api'
import { formatCount } from '../../shared/units-format'
import { option, type ParsedArgs } from '../args'
import { projectIds } from '../catalog-option'
import type { CliCommand, CliIo } from '../command'
import { LabError } from '../../shared/errors'
import { RUNS_SET_VALUES, runsSet } from './runs-set'
import { columnsText, listRunsOptions, RUNS_LIST_VALUES } from './runs-columns'
import { runsCompare } from './runs-compare'
import { visible } from '../visible'
import { withLab, type LabSession } from '../lab-session'

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'list the runs in the catalog (with metric columns, a filter, a sort), correct one run\'s fields (runs set), compare runs (runs compare)',
  usage: `scaling-lab runs [--columns SPEC,...] [--filter EXPR] [--sort [-]FIELD] [--catalog PATH] [--project NAME] [--json]
  --columns  metric columns, each metric:agg with agg last, min, max, at=STEP, at_step=STEP or at_tokens=COUNT
             (loss:last,loss:min,val_loss:at=1e9). The value at X is the last logged point at or before X; at= reads
             steps, or tokens for a run that logs the metric against tokens only; a note says which axis and point
             was read, or why a value is missing. A run with no series of the metric shows its summary value (last,
             min, max). --json adds "columns" and "columnNotes" to each run.
  --filter   an expression: params > 1e8 and family = Pythia, not (tags contains seed), loss:last < 3, name contains
             "70m"; and/or/not, parentheses, = != < <= > >= contains, units (1.4B, 300B). A run without the value
             matches no comparison on it. The listing says how many runs the filter kept.
  --sort     a run field or a metric column; a leading - sorts descending; runs without a value go last (within
             each project).
  scaling-lab runs compare A,B[,C...] [--catalog PATH] [--project NAME] [--json]
  The run fields and config keys (config.KEY, nested keys joined with dots) that differ between the runs, with each
  run's value, and how many fields are equal in every run. --json prints {"runs","differing","equal","equalFields"}.
  scaling-lab runs set RUN [--params N] [--active-params N] [--nonembedding-params N] [--tokens D] [--flops C]
                       [--experts E] [--family NAME] [--tags a,b] [--clear FIELD,...] [--catalog PATH] [--project NAME] [--json]
  RUN is a run name or id. --clear empties fields (params, active-params, nonembedding-params, tokens, flops,
  experts, family). Counts accept units (1.4B, 300B, 5.76e23); every change is recorded with its time and
  old and new value (the run page shows the history). FLOPs or tokens the import derived (C = 6ND, D = C / 6N)
  are derived again when their sources are corrected, and said so. --json prints {"run":{...},"edits":[...]}; an
  edit made for that has a "note".`,
  args: { values: ['catalog', 'project', ...RUNS_SET_VALUES, ...RUNS_LIST_VALUES], switches: ['json'] },
  async run(args, io) {
    const sub = args.positionals[0]
    if (sub !== undefined && sub !== 'set' && sub !== 'compare') throw new LabError('usage', `unknown runs subcommand ${JSON.stringify(sub)}; use runs set RUN ... or runs compare A,B`)
    if (sub !== 'set') {
      const given = RUNS_SET_VALUES.filter((v) => args.options.has(v))
      if (given.length) throw new LabError('usage', `--${given[0]} belongs to runs set RUN`)
    }
    if (sub !== undefined) {
      const given = RUNS_LIST_VALUES.filter((v) => args.options.has(v))
      if (given.length) throw new LabError('usage', `--${given[0]} belongs to the runs listing (scaling-lab runs --${given[0]} ...)`)
    }
    return withLab(args, async (lab) => {
      if (sub === 'set') return runsSet(lab, args, io)
      if (sub === 'compare') return runsCompare(lab, args, io)
      return listRuns(lab, args, io)
    })
  },
}

/** a refused column, filter or sort names its option as the place, like FILE:COLUMN: --filter:19: ... */
function flagged(e: unknown): never {
  const flag = { 'bad-column': '--columns', 'bad-filter': '--filter', 'bad-sort': '--sort' }[e instanceof LabError ? e.code : '']
  if (e instanceof LabError && flag && e.file === undefined) throw new LabError(e.code, e.message, { file: flag, column: e.column, hint: e.hint })
  throw e
}

async function listRuns(lab: LabSession, args: ParsedArgs, io: CliIo): Promise<number> {
  const opts = listRunsOptions(args)
  const keys = opts.columns ?? []
  const listed: RunSummary[] = []
  let total = 0
  for (const projectId of await projectIds(lab, args)) {
    listed.push(...(await lab.invoke('listRuns', { projectId, includeHidden: true, ...opts }).catch(flagged)))
    if (opts.filter !== undefined) total += (await lab.invoke('listRuns', { projectId, includeHidden: true })).length
  }
  const runs = listed.map((r) => ({
    id: r.id,
    name: r.name,
    family: r.family,
    params: r.params,
    tokens: r.tokens,
    flops: r.flops,
    tags: r.tags,
    ...(opts.columns ? { columns: r.columns ?? {}, columnNotes: r.columnNotes ?? {} } : {}),
  }))
  const filterLine = opts.filter !== undefined ? `the filter kept ${runs.length} of ${total} run${total === 1 ? '' : 's'}` : undefined
  if (args.switches.has('json')) {
    io.stdout(JSON.stringify({ runs, ...(opts.filter !== undefined ? { filter: { expression: opts.filter, matched: runs.length, total } } : {}) }) + '\n')
    return 0
  }
  if (runs.length === 0) {
    io.stdout(filterLine ? `${filterLine}\n` : `no runs in ${option(args, 'project') ? `project ${visible(option(args, 'project') ?? '')}` : 'the catalog'}\n`)
    return 0
  }
  for (const r of listed) {
    const { line, notes } = columnsText(r, keys, visible)
    io.stdout(`${String(r.id).padStart(6)}  ${visible(r.name).padEnd(32)} ${visible(r.family ?? '').padEnd(16)} N=${formatCount(r.params)} D=${formatCount(r.tokens)} C=${r.flops === null ? '-' : r.flops.toExponential(2)}${r.tags.length ? '  [' + r.tags.map(visible).join(', ') + ']' : ''}${line ? '  ' + line : ''}\n`)
    for (const n of notes) io.stdout(n + '\n')
  }
  if (filterLine) io.stdout(filterLine + '\n')
  return 0
}
