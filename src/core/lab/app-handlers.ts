/** About the app: version, catalog location, demo provenance, the published laws offered as presets. */
import type { AboutInfo, LabHandlers } from '../../shared/api'
import { readDemoManifest } from './demo'
import type { LabContext } from './lab-context'
import { appVersion } from './app-version'
import { listPresetSummaries } from './preset-summaries'

export function appHandlers(ctx: LabContext): Pick<LabHandlers, 'about'> {
  return {
    about: async (): Promise<AboutInfo> => {
      const manifest = readDemoManifest(ctx.resourcesDir)
      return {
        version: appVersion(),
        catalogPath: ctx.catalogPath,
        host: ctx.host,
        demo: manifest ? { projectName: manifest.projectName, sources: manifest.files.map((f) => ({ name: f.title, licence: f.licence, origin: f.origin, file: f.file })) } : null,
        presets: listPresetSummaries(),
      }
    },
  }
}
