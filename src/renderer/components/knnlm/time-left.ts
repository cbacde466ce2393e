/**
 * Time left of a running job, from its own measured pace: the rate of progress since the first report that moved
 * (so the start-up - loading the model, learning a tokenizer - is not counted as progress), extrapolated to 100%.
 * Nothing is said until the pace is measured over at least MIN_SECONDS and MIN_PROGRESS.
 */
export interface ProgressSample {
  /** milliseconds (any clock) */
  t: number
  /** fraction done, 0..1 */
  p: number
}

export const MIN_SECONDS = 3
export const MIN_PROGRESS = 0.01

/** seconds left, or undefined while the pace is not yet measured */
export function secondsLeft(first: ProgressSample, now: ProgressSample): number | undefined {
  const dt = (now.t - first.t) / 1000
  const dp = now.p - first.p
  if (dt < MIN_SECONDS || dp < MIN_PROGRESS) return undefined
  return Math.max(0, ((1 - now.p) * dt) / dp)
}

export type TimeLeft = { unit: 'seconds'; n: number } | { unit: 'minutes'; n: number } | { unit: 'hours'; h: number; m: number }

/** rounded as a person would say it: 5-second steps under a minute, whole minutes under an hour */
export function roundTimeLeft(s: number): TimeLeft {
  if (s < 60) return { unit: 'seconds', n: Math.max(5, Math.round(s / 5) * 5) }
  if (s < 3600) return { unit: 'minutes', n: Math.min(59, Math.max(1, Math.round(s / 60))) }
  const m = Math.round(s / 60)
  return { unit: 'hours', h: Math.floor(m / 60), m: m % 60 }
}

/** Keeps the first moving sample of a job and answers the time left at each new report. */
export class PaceMeter {
  private start: ProgressSample | undefined
  private first: ProgressSample | undefined
  update(now: ProgressSample): number | undefined {
    if (!this.start) {
      this.start = now
      return undefined
    }
    if (!this.first) {
      if (now.p <= this.start.p) return undefined
      this.first = now
      return undefined
    }
    return secondsLeft(this.first, now)
  }
}
