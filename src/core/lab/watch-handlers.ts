/** Watched-folder channels (shared/api/watch.ts): one WatchManager per lab, stopped when the lab closes. */
import type { LabHandlers } from '../../shared/api'
import { WatchManager } from '../watch/watch-manager'
import type { LabContext } from './lab-context'

type WatchHandlers = Pick<LabHandlers, 'watchFolder' | 'unwatchFolder' | 'listWatches'>

const managers = new WeakMap<LabContext, WatchManager>()

/** The lab's watch manager, made on first use; the lab's close stops its watches. */
export function watchManagerOf(ctx: LabContext): WatchManager {
  let m = managers.get(ctx)
  if (!m) {
    const manager = new WatchManager(ctx, watchTimings())
    managers.set(ctx, manager)
    ctx.onClose(() => void manager.close())
    m = manager
  }
  return m
}

/** Poll period and quiet window from the environment (tests and slow network drives), else the defaults. */
function watchTimings(): { pollMs?: number; quietSeconds?: number } {
  const poll = Number(process.env.SCALING_LAB_WATCH_POLL_MS)
  const quiet = Number(process.env.SCALING_LAB_WATCH_QUIET_SECONDS)
  return {
    ...(Number.isFinite(poll) && poll >= 50 ? { pollMs: poll } : {}),
    ...(Number.isFinite(quiet) && quiet >= 1 ? { quietSeconds: quiet } : {}),
  }
}

/** The app and the web host resume the catalog's watches when they open it. */
export async function resumeWatches(ctx: LabContext): Promise<void> {
  await watchManagerOf(ctx).resume()
}

export function watchHandlers(ctx: LabContext): WatchHandlers {
  return {
    watchFolder: async ({ projectId, path, quietSeconds }) => watchManagerOf(ctx).watch(projectId, path, quietSeconds),
    unwatchFolder: async ({ watchId }) => watchManagerOf(ctx).unwatch(watchId),
    listWatches: async () => watchManagerOf(ctx).list(),
  }
}
