/**
 * scaling-lab runs set RUN --params 1.4B --tokens 300B --flops 5.76e23 --family Pythia --tags a,b --experts 8 :
 * correct a run's fields; --clear params,flops empties fields (a count that was wrong and is not known). RUN is a run name or id; counts are read with the import's unit parser (parseQuantity);
 * bad values are refused before anything is written. Every change is recorded in the run's edit history.
 */
import type { RequestOf, RunEdit } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { listOption, option, type ParsedArgs } from '../args'
import { requireOneProject } from '../catalog-option'
import type { CliIo } from '../command'
import type { LabSession } from '../lab-session'
import { parseQuantity } from '../../shared/units'

/** the fields updateRun changes (its request without the run's id) */
export type RunPatch = Omit<RequestOf<'updateRun'>, 'runId'>

/** option -> patch field, for the counts */
const COUNT_OPTIONS = [
  ['params', 'params'],
  ['active-params', 'activeParams'],
  ['nonembedding-params', 'nonembeddingParams'],
  ['tokens', 'tokens'],
  ['flops', 'flops'],
] as const

export const RUNS_SET_VALUES = ['params', 'active-params', 'nonembedding-params', 'tokens', 'flops', 'experts', 'family', 'tags', 'clear']

/** --clear FIELD -> patch field: the fields that can be empty */
const CLEARABLE = {
  params: 'params',
  'active-params': 'activeParams',
  'nonembedding-params': 'nonembeddingParams',
  tokens: 'tokens',
  flops: 'flops',
  experts: 'experts',
  family: 'family',
} as const satisfies Record<string, keyof RunPatch>

function clearOption(args: ParsedArgs, patch: RunPatch): void {
  const fields = listOption(args, 'clear')
  if (fields === undefined) return
  for (const f of fields) {
    if (!Object.prototype.hasOwnProperty.call(CLEARABLE, f))
      throw new LabError('usage', `--clear ${JSON.stringify(f)}: not a field that can be cleared; use one of ${Object.keys(CLEARABLE).join(', ')} (tags: --tags "").`)
    const field = CLEARABLE[f as keyof typeof CLEARABLE]
    if (patch[field] !== undefined && patch[field] !== null) throw new LabError('usage', `--clear ${f} and --${f} both given: set the field or clear it, not both.`)
    patch[field] = null
  }
}

function countOption(args: ParsedArgs, name: string): number | undefined {
  const raw = option(args, name)
  if (raw === undefined) return undefined
  const n = parseQuantity(raw)
  if (n === undefined || !Number.isFinite(n) || n <= 0) throw new LabError('usage', `--${name} ${JSON.stringify(raw)} must be a positive number (units like 1.4B, 300B, 5.76e23 are accepted).`)
  return n
}

/** The patch the options ask for; refused when a value is bad or nothing is asked. */
export function runsSetPatch(args: ParsedArgs): RunPatch {
  const patch: RunPatch = {}
  for (const [name, field] of COUNT_OPTIONS) {
    const n = countOption(args, name)
    if (n !== undefined) patch[field] = n
  }
  const experts = option(args, 'experts')
  if (experts !== undefined) {
    const n = Number(experts)
    if (!Number.isInteger(n) || n < 1 || n > 1e6) throw new LabError('usage', `--experts ${JSON.stringify(experts)} must be a whole number from 1 to 1000000.`)
    patch.experts = n
  }
  const family = option(args, 'family')
  if (family !== undefined) {
    if (family.trim().length > 200) throw new LabError('usage', `--family must be at most 200 characters (got ${family.trim().length}).`)
    patch.family = family.trim() === '' ? null : family.trim()
  }
  const tags = listOption(args, 'tags')
  if (tags !== undefined) {
    const long = tags.find((t) => t.length > 100)
    if (long !== undefined) throw new LabError('usage', `--tags: ${JSON.stringify(long.slice(0, 40) + '...')} is longer than 100 characters.`)
    patch.tags = tags
  }
  clearOption(args, patch)
  if (Object.keys(patch).length === 0) {
    throw new LabError('usage', 'runs set needs at least one of --params --active-params --nonembedding-params --tokens --flops --experts --family --tags --clear')
  }
  return patch
}

/** RUN as a run name, else as a run id (hidden runs included) */
async function findRun(lab: LabSession, projectId: number, ref: string) {
  const runs = await lab.invoke('listRuns', { projectId, includeHidden: true })
  return runs.find((r) => r.name === ref) ?? (/^\d+$/.test(ref) ? runs.find((r) => r.id === Number(ref)) : undefined)
}

const show = (v: unknown): string => (v === null || v === undefined ? '(empty)' : Array.isArray(v) ? v.join(',') || '(none)' : String(v))

/** An edit the user did not ask for: FLOPs or tokens the importer had derived, derived again (run-edit-queries.ts). */
function rederived(e: RunEdit, patch: RunPatch): string {
  if ((e.field !== 'flops' && e.field !== 'tokens') || patch[e.field] !== undefined) return ''
  if (e.newValue === null) return ' (it was derived from fields now cleared)'
  return e.field === 'flops' ? ' (derived again: C = 6ND, N the active parameters where set)' : ' (derived again: D = C / 6N, N the active parameters where set)'
}

export async function runsSet(lab: LabSession, args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.positionals.length !== 2) throw new LabError('usage', 'runs set needs one RUN (a run name or id)')
  const patch = runsSetPatch(args)
  const projectId = await requireOneProject(lab, args)
  const ref = args.positionals[1]
  const run = await findRun(lab, projectId, ref)
  if (!run) throw new LabError('unknown-run', `No run named or numbered ${JSON.stringify(ref)} in this project.`, { hint: 'List the runs with `scaling-lab runs --project NAME`.' })
  const before = new Set((await lab.invoke('runEdits', { runId: run.id })).map((e) => e.id))
  const updated = await lab.invoke('updateRun', { runId: run.id, ...patch })
  const edits: RunEdit[] = (await lab.invoke('runEdits', { runId: run.id })).filter((e) => !before.has(e.id)).reverse()
  if (args.switches.has('json')) {
    const { id, name, family, params, activeParams, nonembeddingParams, tokens, flops, experts, tags } = updated
    // an edit the user did not ask for says why it was made
    const said = edits.map((e) => {
      const note = rederived(e, patch).trim().replace(/^\((.*)\)$/, '$1')
      return note ? { ...e, note } : e
    })
    io.stdout(JSON.stringify({ run: { id, name, family, params, activeParams, nonembeddingParams, tokens, flops, experts, tags }, edits: said }) + '\n')
    return 0
  }
  if (edits.length === 0) io.stdout(`run ${updated.id} ${updated.name}: nothing changed (the values are already set)\n`)
  for (const e of edits) io.stdout(`run ${updated.id} ${updated.name}: ${e.field} ${show(e.oldValue)} -> ${show(e.newValue)}${rederived(e, patch)}\n`)
  return 0
}
