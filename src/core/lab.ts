/**
 * The lab: one object that implements the LabApi on top of the catalog, the import pipeline, the fits,
 * the analyses and the kNN-LM. Every door (Electron IPC, the web host, the CLI) goes through `invoke`,
 * which parses the payload with the channel's schema before any handler sees it. Each group of handlers (and the
 * heavy libraries behind it: fits, TensorFlow.js, ECharts) is loaded the first time one of its channels is called
 * (lab/handler-groups.ts), so opening the lab and reading the catalog stays quick.
 */
import { EventEmitter } from 'node:events'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { CHANNELS, isChannelName, type ChannelName, type LabHandlers, type ResponseOf } from '../shared/api'
import type { LabEvent } from '../shared/api/jobs'
import { LabError } from '../shared/errors'
import { Catalog } from './catalog'
import { JobRegistry } from './jobs/job-registry'
import { UploadStore, type UploadStoreOptions } from './lab/upload-store'
import { findResourcesDir } from './lab/resources-dir'
import { seedDemoProject } from './lab/demo'
import { lazyHandlers } from './lab/handler-groups'
import type { LabContext } from './lab/lab-context'

export interface LabOptions {
  catalogPath: string
  /** which door opened the lab: the CLI opens a headless one per command */
  host: 'electron' | 'web' | 'cli'
  resourcesDir?: string
  /** open the demo project when the catalog is new (default true) */
  seedDemo?: boolean
  /** the uploads' quota and expiry (defaults in upload-store.ts) */
  uploads?: UploadStoreOptions
}

export interface Lab {
  readonly context: LabContext
  /** every channel's handler (requests already parsed); a group loads on the first call of one of its channels */
  readonly handlers: LabHandlers
  /** parse the raw payload with the channel's schema, then run the handler */
  invoke(name: string, payload: unknown): Promise<unknown>
  onEvent(listener: (event: LabEvent) => void): () => void
  /** cancel jobs, delete uploads, close the catalog; a second call does nothing */
  close(): void
}

export function formatSchemaIssues(name: string, issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${name}${i.path.length ? '.' + i.path.map(String).join('.') : ''}: ${i.message}`)
    .join('; ')
}

export async function createLab(options: LabOptions): Promise<Lab> {
  if (options.catalogPath !== ':memory:') mkdirSync(dirname(options.catalogPath), { recursive: true })
  const catalog = new Catalog(options.catalogPath)
  const events = new EventEmitter()
  events.setMaxListeners(100)
  const jobs = new JobRegistry()
  const uploads = new UploadStore(options.uploads)
  const context: LabContext = {
    catalog,
    catalogPath: options.catalogPath,
    dataDir: options.catalogPath === ':memory:' ? uploads.dirPath : dirname(options.catalogPath),
    resourcesDir: options.resourcesDir ?? findResourcesDir(),
    host: options.host,
    jobs,
    uploads,
    emit: (event) => events.emit('event', event),
  }
  jobs.onChange((job) => context.emit({ type: 'job', job }))
  if (options.seedDemo !== false && catalog.listProjects().length === 0) {
    try {
      await seedDemoProject(context)
    } catch (e) {
      // no lab to close yet: delete the uploads folder and close the catalog here
      uploads.dispose()
      catalog.close()
      throw e
    }
  }

  const handlers = lazyHandlers(context)

  const invoke = async (name: string, payload: unknown): Promise<unknown> => {
    if (!isChannelName(name)) throw new LabError('unknown-channel', `The lab has no channel named ${JSON.stringify(name.slice(0, 80))}.`)
    const parsed = CHANNELS[name].request.safeParse(payload ?? {})
    if (!parsed.success) throw new LabError('bad-request', formatSchemaIssues(name, parsed.error.issues))
    const handler = handlers[name] as ((req: unknown) => Promise<ResponseOf<ChannelName>>) | undefined
    if (!handler) throw new LabError('not-available', `The lab does not answer ${name} yet.`)
    return handler(parsed.data)
  }

  let closed = false
  return {
    context,
    handlers,
    invoke,
    onEvent: (listener) => {
      events.on('event', listener)
      return () => events.off('event', listener)
    },
    close: () => {
      if (closed) return
      closed = true
      jobs.cancelAll()
      uploads.dispose()
      catalog.close()
      // the Curves workers of this catalog (started by the first chart; loaded here only at close)
      if (options.catalogPath !== ':memory:') void import('./curves/curve-pool').then((m) => m.closeCurvePool(options.catalogPath))
    },
  }
}
