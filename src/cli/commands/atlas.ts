/** scaling-lab atlas list | open NAME | reproduce NAME : the bundled public scaling data sets and their claims. */
import { ATLAS_NAMES, type AtlasName } from '../../shared/api/atlas'
import { LabError } from '../../shared/errors'
import type { CliCommand } from '../command'
import { withLab } from '../lab-session'
import { visible } from '../visible'

function atlasName(value: string | undefined): AtlasName {
  if (value === undefined) throw new LabError('usage', 'Name the atlas entry, e.g. scaling-lab atlas open datablations.', { hint: `Entries: ${ATLAS_NAMES.join(', ')}.` })
  if (!(ATLAS_NAMES as readonly string[]).includes(value)) throw new LabError('usage', `There is no atlas entry ${JSON.stringify(value)}.`, { hint: `Entries: ${ATLAS_NAMES.join(', ')}.` })
  return value as AtlasName
}

function number(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(4) : Number(v.toPrecision(5)).toString()
}

export const atlasCommand: CliCommand = {
  name: 'atlas',
  summary: 'the scaling atlas: public runs (OLMo ladder, routing, datablations, obsscaling, Pythia) and their claims',
  usage: `scaling-lab atlas list [--catalog PATH] [--json]
  scaling-lab atlas open NAME [--catalog PATH] [--json]
  scaling-lab atlas reproduce NAME [--json]
  NAME is one of ${ATLAS_NAMES.join(', ')}. open copies the data set into the catalog as a read-only project
  ("Atlas: ..."); reproduce recomputes the paper's claims with the lab's engines and prints claim, paper value,
  lab value, unit, whether they agree and the tolerance used.
  --json: list {"atlas":[{name,paper,licence,runs,...}]}; reproduce {"name","claims":[{claim,paper_value,lab_value,
  unit,agrees,tolerance,source}],"notes":[...]}; open {"name","project","runs","already_open","warnings"}.`,
  args: { values: ['catalog'], switches: ['json'] },
  async run(args, io) {
    const [sub, nameArg, extra] = args.positionals
    if (extra !== undefined) throw new LabError('usage', `unexpected argument ${JSON.stringify(extra)}`)
    const json = args.switches.has('json')
    if (sub === 'list') {
      return withLab(args, async (lab) => {
        const { atlas } = await lab.invoke('atlasList', {})
        if (json) io.stdout(JSON.stringify({ atlas }) + '\n')
        else for (const e of atlas) io.stdout(`${e.name.padEnd(13)} ${String(e.runs).padStart(4)} runs  ${e.licence.padEnd(36)} ${e.paper}${e.project ? `  [open as "${visible(e.project)}"]` : ''}\n`)
        return 0
      })
    }
    if (sub === 'open') {
      const name = atlasName(nameArg)
      return withLab(args, async (lab) => {
        const r = await lab.invoke('atlasOpen', { name })
        if (json) io.stdout(JSON.stringify({ name: r.name, project: r.project, runs: r.runs, already_open: r.already_open, warnings: r.warnings }) + '\n')
        else {
          io.stdout(r.already_open ? `${r.name} is already open as the project "${visible(r.project)}" (${r.runs} runs)\n` : `opened ${r.name} as the read-only project "${visible(r.project)}" (${r.runs} runs)\n`)
          for (const w of r.warnings.filter((w) => !w.includes('already open'))) io.stdout(`warning: ${visible(w)}\n`)
        }
        return 0
      })
    }
    if (sub === 'reproduce') {
      const name = atlasName(nameArg)
      return withLab(
        args,
        async (lab) => {
          const r = await lab.invoke('atlasReproduce', { name })
          if (json) {
            io.stdout(JSON.stringify(r) + '\n')
            return 0
          }
          if (r.claims.length === 0) io.stdout(`${r.name}: no claim to reproduce\n`)
          for (const c of r.claims) {
            io.stdout(`${c.agrees ? 'agrees   ' : 'DIFFERS  '} ${c.claim}\n           paper ${number(c.paper_value)}  lab ${number(c.lab_value)}  ${c.unit}; ${c.tolerance}\n           source: ${c.source}\n`)
          }
          for (const n of r.notes) io.stdout(`note: ${n}\n`)
          return 0
        },
        { inMemory: true },
      )
    }
    throw new LabError('usage', sub === undefined ? 'Give a subcommand: atlas list, atlas open NAME or atlas reproduce NAME.' : `unknown atlas subcommand ${JSON.stringify(sub)}; use list, open or reproduce`)
  },
}
