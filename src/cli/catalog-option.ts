/** --catalog PATH, else SCALING_LAB_CATALOG, else the user's application-data folder; and --project. */
import { Catalog } from '../core/catalog'
import { defaultCatalogPath } from '../core/lab/default-catalog-path'
import { LabError } from '../shared/errors'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { option, type ParsedArgs } from './args'

export const DEFAULT_PROJECT = 'Default'

export function catalogPathFrom(args: ParsedArgs): string {
  return defaultCatalogPath(option(args, 'catalog'))
}

export function openCatalog(args: ParsedArgs): Catalog {
  const path = catalogPathFrom(args)
  mkdirSync(dirname(path), { recursive: true })
  return new Catalog(path)
}

/** The project named by --project (created when `create`), or every project when none is named. */
export function projectIds(catalog: Catalog, args: ParsedArgs): number[] {
  const name = option(args, 'project')
  if (name === undefined) return catalog.listProjects().map((p) => p.id)
  const project = catalog.getProject(name)
  if (!project) throw new LabError('unknown-project', `No project named ${JSON.stringify(name)} in the catalog.`, { hint: 'List projects with `scaling-lab runs --json`, or import into a new one with --project.' })
  return [project.id]
}

export function requireOneProject(catalog: Catalog, args: ParsedArgs): number {
  const ids = projectIds(catalog, args)
  if (ids.length === 0) throw new LabError('empty-catalog', 'The catalog has no projects yet.', { hint: 'Import run logs first: scaling-lab import FILE' })
  if (ids.length > 1) throw new LabError('usage', 'The catalog has several projects: name one with --project NAME.')
  return ids[0]
}
