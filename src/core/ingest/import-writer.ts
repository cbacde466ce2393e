/**
 * Writes one file's rows into the catalog inside the caller's transaction: runs upserted once each (cached by
 * name), series created once each (cached by run, metric and x kind), points buffered and inserted many rows
 * per statement. A repeated x in one series keeps the last value. At the end, missing tokens or FLOPs are
 * derived with C = 6 N D (Kaplan et al. 2020, arXiv 2001.08361), N the active parameters when known.
 */
import type Database from 'better-sqlite3'
import type { XKind } from '../catalog/types'
import { checkName } from './names'

/** Points per INSERT statement (3 or 5 parameters each, far below SQLite's 32,766 limit). */
const POINTS_PER_STATEMENT = 128

export interface RunValues {
  family?: string | null
  params?: number | null
  active_params?: number | null
  nonembedding_params?: number | null
  tokens?: number | null
  flops?: number | null
  experts?: number | null
  top_k?: number | null
  tags?: string[]
  notes?: string | null
  config?: Record<string, unknown>
}

export interface SeriesHandle {
  id: number
  lastX: number
  written: number
  duplicates: number
  monotone: boolean
  /** points the series had before this import (undefined: created by it) */
  before: number | undefined
}

export interface WriterCounts {
  runs: number
  series: number
  points: number
  summaries: number
  evals: number
  predictions: number
}

export interface EvaluationValues {
  task: string
  metric: string
  value: number
  stderr: number | null
  /** items behind the value (null: not known) */
  n: number | null
  shots: number | null
  checkpoint: number | string | null
  tokens: number | null
  choices: number | null
}

export interface PredictionValues {
  task: string
  item: string
  probability: number | null
  confidence: number | null
  correct: boolean | null
}

export class ImportWriter {
  private readonly runIds = new Map<string, number>()
  private readonly seriesByRun = new Map<number, Map<string, SeriesHandle>>()
  /** points without a band: (series, x, value) */
  private readonly plain: number[] = new Array<number>(POINTS_PER_STATEMENT * 3).fill(0)
  private plainCount = 0
  /** points with a band: (series, x, value, lo, hi) */
  private readonly banded: (number | null)[] = new Array<number | null>(POINTS_PER_STATEMENT * 5).fill(null)
  private bandedCount = 0
  private summaries = 0
  private evals = 0
  private predictions = 0

  private readonly upsertRun: Database.Statement
  private readonly findSeries: Database.Statement
  private readonly createSeries: Database.Statement
  private readonly countPoints: Database.Statement
  private readonly insertPlain: Database.Statement
  private readonly insertPlainOne: Database.Statement
  private readonly insertBanded: Database.Statement
  private readonly insertBandedOne: Database.Statement
  private readonly upsertSummary: Database.Statement
  private readonly upsertEvaluation: Database.Statement
  private readonly upsertPrediction: Database.Statement

  constructor(
    private readonly db: Database.Database,
    private readonly projectId: number,
    private readonly importId: number,
  ) {
    this.upsertRun = db.prepare(`INSERT INTO runs (project_id, name, family, params, active_params, nonembedding_params, tokens, flops, experts, top_k, tags, notes, config, import_id)
      VALUES (@projectId, @name, @family, @params, @active_params, @nonembedding_params, @tokens, @flops, @experts, @top_k, @tags, @notes, @config, @importId)
      ON CONFLICT (project_id, name) DO UPDATE SET
        family = coalesce(excluded.family, family),
        params = coalesce(excluded.params, params),
        active_params = coalesce(excluded.active_params, active_params),
        nonembedding_params = coalesce(excluded.nonembedding_params, nonembedding_params),
        tokens = coalesce(excluded.tokens, tokens),
        flops = coalesce(excluded.flops, flops),
        experts = coalesce(excluded.experts, experts),
        top_k = coalesce(excluded.top_k, top_k),
        tags = (SELECT json_group_array(value) FROM (SELECT value FROM json_each(runs.tags) UNION SELECT value FROM json_each(excluded.tags))),
        notes = coalesce(excluded.notes, notes),
        config = json_patch(config, excluded.config)
      RETURNING id`).pluck(true)
    this.findSeries = db.prepare('SELECT id FROM series WHERE run_id = ? AND metric = ? AND x_kind = ?').pluck(true)
    this.createSeries = db.prepare('INSERT INTO series (run_id, metric, x_kind, import_id) VALUES (?, ?, ?, ?) RETURNING id').pluck(true)
    this.countPoints = db.prepare('SELECT count(*) FROM points WHERE series_id = ?').pluck(true)
    // a repeated x in a series: the last value (and band) wins
    const plain = (n: number): string =>
      `INSERT INTO points (series_id, x, value) VALUES ${Array(n).fill('(?, ?, ?)').join(', ')} ON CONFLICT (series_id, x) DO UPDATE SET value = excluded.value, lo = NULL, hi = NULL`
    const banded = (n: number): string =>
      `INSERT INTO points (series_id, x, value, lo, hi) VALUES ${Array(n).fill('(?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (series_id, x) DO UPDATE SET value = excluded.value, lo = excluded.lo, hi = excluded.hi`
    this.insertPlain = db.prepare(plain(POINTS_PER_STATEMENT))
    this.insertPlainOne = db.prepare(plain(1))
    this.insertBanded = db.prepare(banded(POINTS_PER_STATEMENT))
    this.insertBandedOne = db.prepare(banded(1))
    this.upsertSummary = db.prepare('INSERT INTO summaries (run_id, metric, value, import_id) VALUES (?, ?, ?, ?) ON CONFLICT (run_id, metric) DO UPDATE SET value = excluded.value, import_id = excluded.import_id')
    this.upsertEvaluation = db.prepare(`INSERT INTO evaluations (project_id, run_id, task, metric, value, stderr, n, shots, checkpoint, tokens, choices, import_id)
      VALUES (@projectId, @runId, @task, @metric, @value, @stderr, @n, @shots, @checkpoint, @tokens, @choices, @importId)
      ON CONFLICT (run_id, task, metric, ifnull(shots, -1), ifnull(checkpoint, '')) DO UPDATE SET
        value = excluded.value, stderr = excluded.stderr, n = excluded.n, tokens = coalesce(excluded.tokens, tokens), choices = coalesce(excluded.choices, choices), import_id = excluded.import_id`)
    this.upsertPrediction = db.prepare(`INSERT INTO predictions (project_id, run_id, task, item, probability, confidence, correct, import_id)
      VALUES (@projectId, @runId, @task, @item, @probability, @confidence, @correct, @importId)
      ON CONFLICT (run_id, task, item) DO UPDATE SET
        probability = excluded.probability, confidence = excluded.confidence, correct = excluded.correct, import_id = excluded.import_id`)
  }

  /** The run's id; the first time a name is seen in this file, the run is created or updated with `values`. */
  run(name: string, values?: RunValues): number {
    const known = this.runIds.get(name)
    if (known !== undefined) return known
    checkName('run', name)
    const id = this.upsertRun.get({
      projectId: this.projectId,
      name,
      family: values?.family ?? null,
      params: values?.params ?? null,
      active_params: values?.active_params ?? null,
      nonembedding_params: values?.nonembedding_params ?? null,
      tokens: values?.tokens ?? null,
      flops: values?.flops ?? null,
      experts: values?.experts ?? null,
      top_k: values?.top_k ?? null,
      tags: JSON.stringify(values?.tags ?? []),
      notes: values?.notes ?? null,
      config: JSON.stringify(values?.config ?? {}),
      importId: this.importId,
    }) as number
    this.runIds.set(name, id)
    return id
  }

  /** the Unix time of a run's first logged row, kept when its log's wall time is absolute (wall-time.ts) */
  wallTimeOrigin(runId: number): number | undefined {
    const v = this.db.prepare("SELECT json_extract(config, '$.wall_time_origin') FROM runs WHERE id = ?").pluck(true).get(runId)
    return typeof v === 'number' ? v : undefined
  }

  recordWallTimeOrigin(runId: number, t0: number): void {
    if (t0 === 0) return
    this.db.prepare("UPDATE runs SET config = json_set(config, '$.wall_time_origin', ?) WHERE id = ?").run(t0, runId)
  }

  hasRun(name: string): boolean {
    return this.runIds.has(name)
  }

  series(runId: number, metric: string, xKind: XKind): SeriesHandle {
    let byMetric = this.seriesByRun.get(runId)
    if (!byMetric) {
      byMetric = new Map()
      this.seriesByRun.set(runId, byMetric)
    }
    const key = xKind === 'step' ? metric : `${metric}\u0000${xKind}`
    let s = byMetric.get(key)
    if (!s) {
      checkName('metric', metric)
      const existing = this.findSeries.get(runId, metric, xKind) as number | undefined
      const id = existing ?? (this.createSeries.get(runId, metric, xKind, this.importId) as number)
      s = { id, lastX: -Infinity, written: 0, duplicates: 0, monotone: true, before: existing === undefined ? undefined : (this.countPoints.get(existing) as number) }
      byMetric.set(key, s)
    }
    return s
  }

  point(s: SeriesHandle, x: number, value: number, lo: number | null = null, hi: number | null = null): void {
    if (x > s.lastX) s.lastX = x
    else if (x === s.lastX) s.duplicates++
    else s.monotone = false
    s.written++
    if (lo === null && hi === null) {
      // keep the file's order across the two buffers, so that a repeated x still ends with its last value
      if (this.bandedCount) this.flushBanded()
      const b = this.plain
      let k = this.plainCount * 3
      b[k++] = s.id
      b[k++] = x
      b[k] = value
      if (++this.plainCount === POINTS_PER_STATEMENT) {
        this.insertPlain.run(b)
        this.plainCount = 0
      }
    } else {
      if (this.plainCount) this.flushPlain()
      const b = this.banded
      let k = this.bandedCount * 5
      b[k++] = s.id
      b[k++] = x
      b[k++] = value
      b[k++] = lo
      b[k] = hi
      if (++this.bandedCount === POINTS_PER_STATEMENT) {
        this.insertBanded.run(b)
        this.bandedCount = 0
      }
    }
  }

  private flushPlain(): void {
    const b = this.plain
    for (let i = 0; i < this.plainCount; i++) this.insertPlainOne.run(b[i * 3], b[i * 3 + 1], b[i * 3 + 2])
    this.plainCount = 0
  }

  private flushBanded(): void {
    const b = this.banded
    for (let i = 0; i < this.bandedCount; i++) this.insertBandedOne.run(b[i * 5], b[i * 5 + 1], b[i * 5 + 2], b[i * 5 + 3], b[i * 5 + 4])
    this.bandedCount = 0
  }

  summary(runId: number, metric: string, value: number): void {
    this.upsertSummary.run(runId, metric, value, this.importId)
    this.summaries++
  }

  evaluation(runId: number, e: EvaluationValues): void {
    checkName('task', e.task)
    checkName('metric', e.metric)
    this.upsertEvaluation.run({ projectId: this.projectId, runId, importId: this.importId, ...e })
    this.evals++
  }

  prediction(runId: number, p: PredictionValues): void {
    checkName('task', p.task)
    this.upsertPrediction.run({
      projectId: this.projectId,
      runId,
      importId: this.importId,
      task: p.task,
      item: p.item,
      probability: p.probability,
      confidence: p.confidence,
      correct: p.correct === null ? null : p.correct ? 1 : 0,
    })
    this.predictions++
  }

  /** Values handed to the writer so far (points, summaries, evaluations, predictions), updates of earlier ones included. */
  valuesWritten(): number {
    let points = 0
    for (const byMetric of this.seriesByRun.values()) for (const s of byMetric.values()) points += s.written
    return points + this.summaries + this.evals + this.predictions
  }

  /** Points handed to the writer so far (new ones and updates of points already stored). */
  pointsWritten(): number {
    let points = 0
    for (const byMetric of this.seriesByRun.values()) for (const s of byMetric.values()) points += s.written
    return points
  }

  flush(): void {
    this.flushPlain()
    this.flushBanded()
  }

  /** Flush, derive missing run quantities, and count what this file stored. */
  finish(): WriterCounts {
    this.flush()
    const touched = JSON.stringify([...this.runIds.values()])
    const inTouched = 'id IN (SELECT value FROM json_each(?))'
    // evaluation tables record tokens per checkpoint: a run's training tokens are the most it was evaluated at
    this.db.prepare(`UPDATE runs SET tokens = (SELECT max(tokens) FROM evaluations e WHERE e.run_id = runs.id) WHERE ${inTouched} AND tokens IS NULL`).run(touched)
    const n = 'coalesce(active_params, params)'
    this.db
      .prepare(`UPDATE runs SET tokens = flops / (6.0 * ${n}), config = json_set(config, '$.derived_tokens', 'flops / (6 params)')
        WHERE ${inTouched} AND tokens IS NULL AND flops > 0 AND ${n} > 0`)
      .run(touched)
    this.db
      .prepare(`UPDATE runs SET flops = 6.0 * ${n} * tokens, config = json_set(config, '$.derived_flops', '6 params tokens')
        WHERE ${inTouched} AND flops IS NULL AND tokens > 0 AND ${n} > 0`)
      .run(touched)

    let points = 0
    let series = 0
    for (const byMetric of this.seriesByRun.values()) {
      for (const s of byMetric.values()) {
        series++
        if (s.before === undefined && s.monotone) points += s.written - s.duplicates
        else points += (this.countPoints.get(s.id) as number) - (s.before ?? 0)
      }
    }
    // a repeated key within the file updates the same row: count rows stored, not rows read
    const evals = this.evals ? (this.db.prepare('SELECT count(*) FROM evaluations WHERE import_id = ?').pluck(true).get(this.importId) as number) : 0
    const predictions = this.predictions ? (this.db.prepare('SELECT count(*) FROM predictions WHERE import_id = ?').pluck(true).get(this.importId) as number) : 0
    return { runs: this.runIds.size, series, points, summaries: this.summaries, evals, predictions }
  }
}
