/** --catalog PATH, else SCALING_LAB_CATALOG, else the user's application-data folder; and --project. */
import { defaultCatalogPath } from '../core/lab/default-catalog-path'
import { LabError } from '../shared/errors'
import { option, type ParsedArgs } from './args'
import type { LabSession } from './lab-session'

export const DEFAULT_PROJECT = 'Default'

export function catalogPathFrom(args: ParsedArgs): string {
  return defaultCatalogPath(option(args, 'catalog'))
}

/** The project named by --project, or every project when none is named (listProjects). */
export async function projectIds(lab: LabSession, args: ParsedArgs): Promise<number[]> {
  const name = option(args, 'project')
  const projects = await lab.invoke('listProjects', {})
  if (name === undefined) return projects.map((p) => p.id)
  const project = projects.find((p) => p.name === name)
  if (!project) throw new LabError('unknown-project', `No project named ${JSON.stringify(name)} in the catalog.`, { hint: 'List projects with `scaling-lab runs --json`, or import into a new one with --project.' })
  return [project.id]
}

export async function requireOneProject(lab: LabSession, args: ParsedArgs): Promise<number> {
  const ids = await projectIds(lab, args)
  if (ids.length === 0) throw new LabError('empty-catalog', 'The catalog has no projects yet.', { hint: 'Import run logs first: scaling-lab import FILE' })
  if (ids.length > 1) throw new LabError('usage', 'The catalog has several projects: name one with --project NAME.')
  return ids[0]
}
