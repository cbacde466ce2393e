/**
 * scaling-lab runs compare a,b,c : the run fields and config keys that differ between the runs (each with every
 * run's value), and how many fields are equal in all of them. Runs are named or numbered (ids).
 */
import type { RunComparison } from '../../shared/api'
import { LabError } from '../../shared/errors'
import type { ParsedArgs } from '../args'
import { requireOneProject } from '../catalog-option'
import type { CliIo } from '../command'
import type { LabSession } from '../lab-session'
import { visible } from '../visible'

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '(none)'
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

export function comparisonText(c: RunComparison): string {
  const names = c.runs.map((r) => visible(r.name))
  const width = Math.max(5, ...c.differing.map((d) => d.field.length))
  const colWidth = c.runs.map((_, i) => Math.max(names[i].length, ...c.differing.map((d) => visible(valueText(d.values[i])).length)))
  const row = (first: string, cells: string[]): string => `${first.padEnd(width)}  ${cells.map((s, i) => s.padEnd(colWidth[i])).join('  ')}`.trimEnd() + '\n'
  let out = row('field', names)
  for (const d of c.differing) out += row(visible(d.field), d.values.map((v) => visible(valueText(v))))
  if (c.differing.length === 0) out += 'no field differs between these runs\n'
  out += `${c.equal} field${c.equal === 1 ? '' : 's'} equal in every run${c.equal ? `: ${c.equalFields.map(visible).join(', ')}` : ''}\n`
  return out
}

export async function runsCompare(lab: LabSession, args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length !== 2) throw new LabError('usage', 'runs compare needs the runs as one list: runs compare a,b,c (names or ids)')
  const refs = args.positionals[1].split(',').map((s) => s.trim()).filter(Boolean)
  if (refs.length < 2) throw new LabError('usage', 'runs compare needs at least two runs: runs compare a,b (names or ids)')
  const projectId = await requireOneProject(lab, args)
  const runs = await lab.invoke('listRuns', { projectId, includeHidden: true })
  const runIds = refs.map((ref) => {
    const run = runs.find((r) => r.name === ref) ?? (/^\d+$/.test(ref) ? runs.find((r) => r.id === Number(ref)) : undefined)
    if (!run) throw new LabError('unknown-run', `No run named or numbered ${JSON.stringify(ref)} in this project.`, { hint: 'List the runs with `scaling-lab runs --project NAME`.' })
    return run.id
  })
  const comparison = await lab.invoke('compareRuns', { runIds })
  io.stdout(args.switches.has('json') ? JSON.stringify(comparison) + '\n' : comparisonText(comparison))
  return 0
}
