/** What every group of lab handlers shares: the catalog, its location, jobs, uploads, events, resources. */
import type { Catalog } from '../catalog'
import type { JobRegistry } from '../jobs/job-registry'
import type { UploadStore } from './upload-store'
import type { LabEvent } from '../../shared/api/jobs'

export interface LabContext {
  catalog: Catalog
  catalogPath: string
  /** folder that holds the catalog: per-user data the lab writes (models, datastores) lives beside it */
  dataDir: string
  resourcesDir: string
  host: 'electron' | 'web' | 'cli'
  jobs: JobRegistry
  uploads: UploadStore
  emit(event: LabEvent): void
  /** run `fn` when the lab closes, before the catalog does (watched folders stop there) */
  onClose(fn: () => void): void
}
