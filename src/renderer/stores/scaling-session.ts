/**
 * One Scaling session for the life of the window: the view is unmounted when the user goes to another view, and
 * the exclusions, the stored fit on screen and the options must be there when they come back. The session's
 * watchers live in a detached effect scope, not in the view's. The catalog may have changed while the view was
 * away (an import, a replaced import, an edited run), so each return reads the points again; exclusions of runs
 * that are still there are kept.
 */
import { effectScope } from 'vue'
import { useFitSession, type FitSession } from '../composables/useFitSession'

let session: FitSession | null = null

export function useScalingSession(): FitSession {
  if (session) {
    const s = session
    void s.loadPoints().then(s.runPreview)
    return s
  }
  session = effectScope(true).run(() => useFitSession()) ?? null
  if (!session) throw new Error('The Scaling session could not be set up.')
  return session
}
