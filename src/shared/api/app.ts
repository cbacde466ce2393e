/** Channels about the app itself: version, where the demo data came from, upload of a file to import. */
import { z } from 'zod'
import { channel } from './channel'

export interface AboutInfo {
  version: string
  catalogPath: string
  host: 'electron' | 'web' | 'cli'
  demo: { projectName: string; sources: { name: string; licence: string; origin: string; file?: string }[] } | null
  presets: { id: string; name: string; citation: string }[]
}

export const appChannels = {
  about: channel<AboutInfo>()(z.object({}).strict()),
}
