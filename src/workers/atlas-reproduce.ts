/** Worker: an atlas entry's claims reproduced (core/atlas/claims: fits, PCA, backtest; 1-3 s) off the lab's thread. */
import { serveWorker } from '../core/jobs/worker-side'
import { reproduceAtlas } from '../core/atlas/claims'
import type { AtlasName, AtlasReproduction } from '../shared/api/atlas'

serveWorker<{ name: AtlasName; folder: string }, AtlasReproduction>((input) => reproduceAtlas(input.name, input.folder))
