/** The atlas channels: list the shipped public data sets, open one as a read-only project, reproduce its claims. */
import type { AtlasEntrySummary, LabHandlers } from '../../shared/api'
import { reproduceAtlas } from '../atlas/claims'
import { atlasProjectName, openAtlas } from '../atlas/open'
import { atlasEntry, atlasFolder, countAtlasRuns, readAtlasRegistry } from '../atlas/registry'
import { atlasNameOf } from '../catalog/read-only'
import type { LabContext } from './lab-context'

export function atlasHandlers(ctx: LabContext): Pick<LabHandlers, 'atlasList' | 'atlasOpen' | 'atlasReproduce'> {
  return {
    atlasList: async () => {
      const atlas: AtlasEntrySummary[] = readAtlasRegistry(ctx.resourcesDir).map((e) => {
        const project = ctx.catalog.getProject(atlasProjectName(e))
        return {
          name: e.name,
          title: e.title,
          paper: e.paper,
          licence: e.licence,
          runs: countAtlasRuns(ctx.resourcesDir, e),
          repository: e.repository,
          commit: e.commit,
          project: project && atlasNameOf(project.source) === e.name ? project.name : null,
          loss: e.loss,
        }
      })
      return { atlas }
    },
    atlasOpen: async ({ name }) => openAtlas(ctx.catalog, ctx.resourcesDir, name),
    atlasReproduce: async ({ name }) => reproduceAtlas(name, atlasFolder(ctx.resourcesDir, atlasEntry(ctx.resourcesDir, name))),
  }
}
