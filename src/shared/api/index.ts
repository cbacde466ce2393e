/**
 * The LabApi contract: every channel of every door (Electron IPC, HTTP, CLI) in one table.
 * A domain adds its channels in its own file and one spread here.
 */
import type { z } from 'zod'
import { appChannels } from './app'
import { catalogChannels } from './catalog'
import { figureChannels } from './figures'
import { jobChannels } from './jobs'
import { corpusChannels } from './corpus'
import { analysisChannels } from './analysis'
import { knnlmChannels } from './knnlm'
import { fitChannels } from './fit'
import { runsCompareChannels } from './runs-compare'
import { forecastChannels } from './forecast'
import { atlasChannels } from './atlas'
import { watchChannels } from './watch'
import { planChannels } from './plan'
import { curveChannels } from './curves'
import { multiverseChannels } from './multiverse'
import type { ChannelSpec } from './channel'

export const CHANNELS = {
  ...appChannels,
  ...jobChannels,
  ...catalogChannels,
  ...figureChannels,
  ...corpusChannels,
  ...analysisChannels,
  ...knnlmChannels,
  ...fitChannels,
  ...runsCompareChannels,
  ...forecastChannels,
  ...atlasChannels,
  ...watchChannels,
  ...planChannels,
  ...curveChannels,
  ...multiverseChannels,
} satisfies Record<string, ChannelSpec<z.ZodType, unknown>>

export type ChannelName = keyof typeof CHANNELS
export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[]

export type RequestOf<K extends ChannelName> = z.input<(typeof CHANNELS)[K]['request']>
export type ParsedRequestOf<K extends ChannelName> = z.output<(typeof CHANNELS)[K]['request']>
export type ResponseOf<K extends ChannelName> = (typeof CHANNELS)[K]['response']

/** What the renderer calls: one method per channel. */
export type LabApi = { [K in ChannelName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> }
/** What the engine implements: requests arrive already parsed. */
export type LabHandlers = { [K in ChannelName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> }

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name)
}

export * from './app'
export * from './catalog'
export * from './jobs'
export * from './figures'
export * from './corpus'
export type { ChannelSpec } from './channel'
export * from './analysis'
export * from './knnlm'
export * from './fit'
export * from './runs-compare'
export * from './forecast'
export * from './atlas'
export * from './watch'
export * from './plan'
export * from './curves'
export * from './multiverse'
