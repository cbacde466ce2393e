/** scaling-lab runs : list the runs in the catalog. */
import { formatCount } from '../../shared/units-format'
import { option } from '../args'
import { openCatalog, projectIds } from '../catalog-option'
import type { CliCommand } from '../command'
import { visible } from '../visible'

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'list the runs in the catalog',
  usage: 'scaling-lab runs [--catalog PATH] [--project NAME] [--json]',
  args: { values: ['catalog', 'project'], switches: ['json'] },
  async run(args, io) {
    const catalog = openCatalog(args)
    try {
      const runs = projectIds(catalog, args).flatMap((projectId) =>
        catalog.listRuns({ projectId, includeHidden: true }).map((r) => ({ id: r.id, name: r.name, family: r.family, params: r.params, tokens: r.tokens, flops: r.flops, tags: r.tags })),
      )
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
    } finally {
      catalog.close()
    }
  },
}
