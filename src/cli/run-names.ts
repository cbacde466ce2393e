/** Run names as --runs and --exclude give them, to the ids the channels take (hidden runs included; unknown names refused). */
import { LabError } from '../shared/errors'
import type { LabSession } from './lab-session'

export async function runIdsByName(lab: LabSession, projectId: number, names: readonly string[], flag: string): Promise<number[]> {
  const runs = await lab.invoke('listRuns', { projectId, includeHidden: true })
  const byName = new Map<string, number>()
  for (const r of runs) byName.set(r.name, r.id)
  const unknown = names.filter((n) => !byName.has(n))
  if (unknown.length) {
    throw new LabError('unknown-run', `${flag}: no run named ${unknown.slice(0, 5).map((n) => JSON.stringify(n)).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} in this project.`, {
      hint: 'List the run names with `scaling-lab runs --project NAME`.',
    })
  }
  return names.map((n) => byName.get(n) as number)
}
