/** scaling-lab runs : list the runs in the catalog; scaling-lab runs set RUN ... : correct a run's fields (runs-set.ts). */
import { formatCount } from '../../shared/units-format'
import { option } from '../args'
import { projectIds } from '../catalog-option'
import type { CliCommand } from '../command'
import { LabError } from '../../shared/errors'
import { RUNS_SET_VALUES, runsSet } from './runs-set'
import { visible } from '../visible'
import { withLab } from '../lab-session'

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'list the runs in the catalog, or correct one run\'s fields (runs set)',
  usage: `scaling-lab runs [--catalog PATH] [--project NAME] [--json]
  scaling-lab runs set RUN [--params N] [--active-params N] [--nonembedding-params N] [--tokens D] [--flops C]
                       [--experts E] [--family NAME] [--tags a,b] [--clear FIELD,...] [--catalog PATH] [--project NAME] [--json]
  RUN is a run name or id. --clear empties fields (params, active-params, nonembedding-params, tokens, flops,
  experts, family). Counts accept units (1.4B, 300B, 5.76e23); every change is recorded with its time and
  old and new value (the run page shows the history). --json prints {"run":{...},"edits":[...]}.`,
  args: { values: ['catalog', 'project', ...RUNS_SET_VALUES], switches: ['json'] },
  async run(args, io) {
    const sub = args.positionals[0]
    if (sub !== undefined && sub !== 'set') throw new LabError('usage', `unknown runs subcommand ${JSON.stringify(sub)}; use runs set RUN ...`)
    if (sub === undefined) {
      const given = RUNS_SET_VALUES.filter((v) => args.options.has(v))
      if (given.length) throw new LabError('usage', `--${given[0]} belongs to runs set RUN`)
    }
    return withLab(args, async (lab) => {
      if (sub === 'set') return runsSet(lab, args, io)
      const runs = []
      for (const projectId of await projectIds(lab, args)) {
        for (const r of await lab.invoke('listRuns', { projectId, includeHidden: true })) runs.push({ id: r.id, name: r.name, family: r.family, params: r.params, tokens: r.tokens, flops: r.flops, tags: r.tags })
      }
      if (args.switches.has('json')) {
        io.stdout(JSON.stringify({ runs }) + '\n')
        return 0
      }
      if (runs.length === 0) {
        io.stdout(`no runs in ${option(args, 'project') ? `project ${visible(option(args, 'project') ?? '')}` : 'the catalog'}\n`)
        return 0
      }
      for (const r of runs) {
        io.stdout(`${String(r.id).padStart(6)}  ${visible(r.name).padEnd(32)} ${visible(r.family ?? '').padEnd(16)} N=${formatCount(r.params)} D=${formatCount(r.tokens)} C=${r.flops === null ? '-' : r.flops.toExponential(2)}${r.tags.length ? '  [' + r.tags.map(visible).join(', ') + ']' : ''}\n`)
      }
      return 0
    })
  },
}
