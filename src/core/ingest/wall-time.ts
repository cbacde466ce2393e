/**
 * Wall-time columns of step logs are kept as a metric series named `wall_time`: seconds since the run's first row,
 * so curves can be drawn against wall time (issue 14). `_timestamp` / `timestamp` are absolute times (seconds since
 * 1970) and the run's first is subtracted; `_runtime` / `relative_time` are already relative; `wall_time`,
 * `walltime` and `time` are taken as absolute when a run's first value is at least 1e9 (September 2001 as Unix
 * time; as a run time, 31 years), else as relative. W&B's `_runtime` is preferred to its `_timestamp`.
 */

export const WALL_TIME_METRIC = 'wall_time'

export type WallTimeKind = 'absolute' | 'relative' | 'auto'

/** Normalised header -> how its values count time; the order is the preference when a log has several. */
export const WALL_TIME_COLUMNS: ReadonlyMap<string, WallTimeKind> = new Map([
  ['_runtime', 'relative'],
  ['relative_time', 'relative'],
  ['wall_time', 'auto'],
  ['walltime', 'auto'],
  ['time', 'auto'],
  ['_timestamp', 'absolute'],
  ['timestamp', 'absolute'],
])

/** Unix seconds at and above this are read as absolute times by an `auto` column. */
const ABSOLUTE_FROM = 1e9

export interface WallTimeColumn {
  index: number
  header: string
  kind: WallTimeKind
}

/** The preferred column among candidates (by WALL_TIME_COLUMNS order), or undefined. */
export function preferredWallTime(candidates: readonly WallTimeColumn[], normalized: readonly string[]): WallTimeColumn | undefined {
  const rank = [...WALL_TIME_COLUMNS.keys()]
  return [...candidates].sort((a, b) => rank.indexOf(normalized[a.index]) - rank.indexOf(normalized[b.index]))[0]
}

/** What the import says about the kept column. */
export function wallTimeNote(c: WallTimeColumn): string {
  const how = c.kind === 'relative' ? 'as logged' : c.kind === 'absolute' ? "minus the run's first time" : "minus the run's first time when it is a Unix time, else as logged"
  return `Column ${JSON.stringify(c.header)} is kept as the wall_time series (seconds since each run's first row: ${how}).`
}

/** Where a run's first absolute time is kept between imports of a growing log (the run's config, by the writer). */
export interface WallTimeOrigins {
  wallTimeOrigin(runId: number): number | undefined
  recordWallTimeOrigin(runId: number, t0: number): void
}

/**
 * Per run: the first time seen, and each time as seconds since it. An absolute first time is recorded with the run
 * (`origins`), so rows appended to the log later (an incremental import starts mid-file) count from the same first
 * row; `appending` reads it back instead of taking the first appended row as the start.
 */
export class WallClock {
  private readonly first = new Map<number, number>()

  constructor(
    private readonly kind: WallTimeKind,
    private readonly origins: WallTimeOrigins,
    private readonly appending = false,
  ) {}

  seconds(runId: number, t: number): number {
    let t0 = this.first.get(runId)
    if (t0 === undefined) {
      t0 = this.appending ? this.origins.wallTimeOrigin(runId) : undefined
      if (t0 === undefined) {
        t0 = this.kind === 'absolute' || (this.kind === 'auto' && t >= ABSOLUTE_FROM) ? t : 0
        this.origins.recordWallTimeOrigin(runId, t0)
      }
      this.first.set(runId, t0)
    }
    return t - t0
  }
}
