/**
 * The handler groups of the lab, one per contract file in src/shared/api, each loaded the first time one of its
 * channels is called: a catalog listing never loads the fits, the kNN-LM (TensorFlow.js) or the figures (ECharts).
 * A domain adds its channels in src/shared/api/<domain>.ts and one line here.
 */
import type { ChannelName, LabHandlers } from '../../shared/api'
import { appChannels } from '../../shared/api/app'
import { jobChannels } from '../../shared/api/jobs'
import { catalogChannels } from '../../shared/api/catalog'
import { figureChannels } from '../../shared/api/figures'
import { corpusChannels } from '../../shared/api/corpus'
import { analysisChannels } from '../../shared/api/analysis'
import { knnlmChannels } from '../../shared/api/knnlm'
import { fitChannels } from '../../shared/api/fit'
import { runsCompareChannels } from '../../shared/api/runs-compare'
import { forecastChannels } from '../../shared/api/forecast'
import { atlasChannels } from '../../shared/api/atlas'
import { watchChannels } from '../../shared/api/watch'
import { planChannels } from '../../shared/api/plan'
import { curveChannels } from '../../shared/api/curves'
import { multiverseChannels } from '../../shared/api/multiverse'
import type { LabContext } from './lab-context'

type Factory<K extends ChannelName> = (ctx: LabContext) => Pick<LabHandlers, K>

export interface HandlerGroup {
  name: string
  /** the group's channels: the keys of its contract table */
  channels: readonly ChannelName[]
  /** imports the group's module and returns its factory */
  load(): Promise<(ctx: LabContext) => Partial<LabHandlers>>
}

/** The factory's type must answer every channel of the table. */
function group<K extends ChannelName>(name: string, table: Record<K, unknown>, load: () => Promise<Factory<K>>): HandlerGroup {
  return { name, channels: Object.keys(table) as K[], load }
}

export const HANDLER_GROUPS: readonly HandlerGroup[] = [
  group('app', appChannels, async () => (await import('./app-handlers')).appHandlers),
  group('jobs', jobChannels, async () => (await import('./job-handlers')).jobHandlers),
  group('catalog', catalogChannels, async () => (await import('./catalog-handlers')).catalogHandlers),
  group('figures', figureChannels, async () => (await import('./figure-handlers')).figureHandlers),
  group('corpus', corpusChannels, async () => (await import('./corpus-handlers')).corpusHandlers),
  group('analysis', analysisChannels, async () => (await import('./analysis-handlers')).analysisHandlers),
  group('knnlm', knnlmChannels, async () => (await import('./knnlm-handlers')).knnlmHandlers),
  group('fit', fitChannels, async () => (await import('./fit-handlers')).fitHandlers),
  group('runs-compare', runsCompareChannels, async () => (await import('./runs-compare-handlers')).runsCompareHandlers),
  group('forecast', forecastChannels, async () => (await import('./forecast-handlers')).forecastHandlers),
  group('atlas', atlasChannels, async () => (await import('./atlas-handlers')).atlasHandlers),
  group('watch', watchChannels, async () => (await import('./watch-handlers')).watchHandlers),
  group('plan', planChannels, async () => (await import('./plan-handlers')).planHandlers),
  group('curves', curveChannels, async () => (await import('./curves-handlers')).curvesHandlers),
  group('multiverse', multiverseChannels, async () => (await import('./multiverse-handlers')).multiverseHandlers),
]

/** The group that answers each channel. */
export const GROUP_OF: ReadonlyMap<ChannelName, HandlerGroup> = new Map(HANDLER_GROUPS.flatMap((g) => g.channels.map((c) => [c, g] as const)))

/**
 * Every channel's handler, each loading its group on first call (once: the group's handlers are kept, and a load
 * that failed is tried again on the next call).
 */
export function lazyHandlers(ctx: LabContext): LabHandlers {
  const loaded = new Map<HandlerGroup, Promise<Partial<LabHandlers>>>()
  const handlersOf = (g: HandlerGroup): Promise<Partial<LabHandlers>> => {
    let p = loaded.get(g)
    if (!p) {
      p = g.load().then((factory) => factory(ctx))
      p.catch(() => loaded.delete(g))
      loaded.set(g, p)
    }
    return p
  }
  const entries = [...GROUP_OF].map(([name, g]) => {
    const call = async (request: unknown): Promise<unknown> => {
      const handler = (await handlersOf(g))[name] as ((req: unknown) => Promise<unknown>) | undefined
      if (!handler) throw new Error(`handler group ${g.name} does not answer ${name}`)
      return handler(request)
    }
    return [name, call] as const
  })
  return Object.fromEntries(entries) as unknown as LabHandlers
}
