/**
 * Open an atlas entry as a read-only project: its files go through the lab's own importer into the project
 * "Atlas: <title>", whose source starts with atlas:<name> (catalog/read-only.ts). Opening it again changes nothing.
 */
import type { AtlasOpenResult } from '../../shared/api/atlas'
import { ATLAS_SOURCE_PREFIX } from '../../shared/api/atlas'
import type { Catalog } from '../catalog'
import { atlasNameOf } from '../catalog/read-only'
import { LabError } from '../../shared/errors'
import { atlasEntry, atlasFiles, type AtlasEntry } from './registry'

export function atlasProjectName(entry: AtlasEntry): string {
  return `Atlas: ${entry.title}`
}

export async function openAtlas(catalog: Catalog, resourcesDir: string, name: string): Promise<AtlasOpenResult> {
  const entry = atlasEntry(resourcesDir, name)
  const projectName = atlasProjectName(entry)
  const existing = catalog.getProject(projectName)
  if (existing) {
    if (atlasNameOf(existing.source) !== entry.name) {
      throw new LabError('atlas-name-taken', `A project of your own is already called "${projectName}".`, { hint: 'Rename that project, then open the atlas entry again.' })
    }
    return { name: entry.name, project: projectName, projectId: existing.id, runs: existing.runs, already_open: true, warnings: [`${entry.name} is already open as the project "${projectName}".`] }
  }
  const source = [`${ATLAS_SOURCE_PREFIX}${entry.name}`, entry.paper, `${entry.repository} @ ${entry.commit}`, `Licence: ${entry.licence}`].join('\n')
  const project = catalog.ensureProject(projectName, { description: `${entry.title}: public runs from ${entry.paper} (read-only atlas project).`, source })
  const { importFile } = await import('../ingest')
  const warnings: string[] = []
  for (const { path, file } of atlasFiles(resourcesDir, entry)) {
    const summary = await importFile(catalog, path, { project: projectName, format: file.format, fileName: file.file, atlas: true })
    warnings.push(...summary.warnings.map((w) => `${file.file}: ${w}`))
  }
  const missing = entry.files.filter((f) => f.optional && !atlasFiles(resourcesDir, entry).some((g) => g.file.file === f.file))
  for (const f of missing) warnings.push(`${f.file} is not shipped in this build; the project has no ${f.format === 'evals' ? 'task evaluations' : 'rows'} from it.`)
  if (entry.loss) catalog.setLossMetric(project.id, entry.loss.metric)
  const opened = catalog.getProject(project.id)
  return { name: entry.name, project: projectName, projectId: project.id, runs: opened?.runs ?? 0, already_open: false, warnings }
}
