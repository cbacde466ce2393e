/**
 * Atlas projects are read-only: their runs are a published data set, copied in by `atlas open`, and an edit would
 * silently make them disagree with the paper. A project is an atlas project when the first line of its source is
 * `atlas:<name>` (ATLAS_SOURCE_PREFIX).
 */
import { ATLAS_SOURCE_PREFIX } from '../../shared/api/atlas'
import { LabError } from '../../shared/errors'

export function atlasNameOf(source: string | null): string | null {
  const first = (source ?? '').split('\n', 1)[0].trim()
  return first.startsWith(ATLAS_SOURCE_PREFIX) ? first.slice(ATLAS_SOURCE_PREFIX.length) : null
}

export function refuseAtlasEdit(project: { name: string; source: string | null }): void {
  const atlas = atlasNameOf(project.source)
  if (atlas === null) return
  throw new LabError('project-read-only', `The project "${project.name}" is the atlas data set ${atlas}; it is read-only: its runs cannot be edited, deleted or added to.`, {
    hint: 'Import the same CSV (resources/atlas) into a project of your own to change it or add to it.',
  })
}
