/**
 * Excluded points of a fit with undo: every click toggles one run in or out and pushes the previous set on a
 * stack; undo pops it (Ctrl+Z in the Scaling view). Pure functions over a plain state object.
 */
export interface ExclusionState {
  excluded: number[]
  history: number[][]
}

export const EMPTY_EXCLUSIONS: ExclusionState = { excluded: [], history: [] }

/** Exclude `runId` if it is included, include it again if it is excluded; the old set goes on the undo stack. */
export function toggleExclusion(s: ExclusionState, runId: number): ExclusionState {
  const excluded = s.excluded.includes(runId) ? s.excluded.filter((id) => id !== runId) : [...s.excluded, runId].sort((a, b) => a - b)
  return { excluded, history: [...s.history, s.excluded] }
}

/** Put every point back (one undoable step); no-op when nothing is excluded. */
export function clearExclusions(s: ExclusionState): ExclusionState {
  if (s.excluded.length === 0) return s
  return { excluded: [], history: [...s.history, s.excluded] }
}

/** Replace the set in one undoable step (e.g. "exclude the 5 highest-loss runs"). */
export function setExclusions(s: ExclusionState, runIds: readonly number[]): ExclusionState {
  const excluded = [...new Set(runIds)].sort((a, b) => a - b)
  if (sameSet(excluded, s.excluded)) return s
  return { excluded, history: [...s.history, s.excluded] }
}

export function undoExclusion(s: ExclusionState): ExclusionState {
  if (s.history.length === 0) return s
  return { excluded: s.history[s.history.length - 1], history: s.history.slice(0, -1) }
}

export function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  const sa = [...a].sort((x, y) => x - y)
  const sb = [...b].sort((x, y) => x - y)
  return sa.every((v, i) => v === sb[i])
}

/** The runIds of the `k` highest-loss points: the Chinchilla outliers Besiroglu et al. 2024 leave out (k = 5). */
export function highestLoss(points: readonly { runId: number; loss: number }[], k: number): number[] {
  return [...points].sort((a, b) => b.loss - a.loss).slice(0, Math.max(0, k)).map((p) => p.runId)
}
