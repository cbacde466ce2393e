/** Reconnect delay: 250 ms doubling per attempt, capped at 10 s. */
export function nextBackoff(attempt: number, baseMs = 250, capMs = 10_000): number {
  if (!Number.isFinite(attempt) || attempt < 0) return baseMs
  return Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20))
}
