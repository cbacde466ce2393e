/** The atlas channels: list the shipped public data sets, open one as a read-only project, reproduce its claims (in a worker thread). */
import type { AtlasEntrySummary, AtlasReproduction, LabHandlers } from '../../shared/api'
import { runInWorker } from '../jobs/run-in-worker'
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
    // the fits, PCA and backtest take 1-3 s: off the lab's thread, answered directly (no job to follow)
    atlasReproduce: async ({ name }) => runInWorker<AtlasReproduction>('atlas-reproduce', { name, folder: atlasFolder(ctx.resourcesDir, atlasEntry(ctx.resourcesDir, name)) }),
  }
}
