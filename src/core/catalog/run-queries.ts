/**
 * Runs: list with filters, one run in detail. `loss` is the run's summary of the project's loss metric (the
 * caller passes it; see metric-roles.ts), else the last value of its series of that metric (the step series
 * first), found through the (series_id, x) key without a scan. Edits live in run-edit-queries.ts.
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import { parseJsonColumn, parseTags } from './json-column'
import type { RunDetail, RunQuery, RunRecord, RunSummary, SeriesInfo, XKind } from './types'

export interface RunRow {
  id: number
  project_id: number
  name: string
  family: string | null
  params: number | null
  active_params: number | null
  nonembedding_params: number | null
  tokens: number | null
  flops: number | null
  experts: number | null
  top_k: number | null
  tags: string
  notes: string | null
  config: string
  hidden: number
  import_id: number | null
  created_at: string
  /** 'running' while a watched log of the run is being written (migration 5) */
  status?: string | null
}

interface ListedRunRow extends RunRow {
  metrics: string
  loss: number | null
}

export const lastValueOf = (metricParam: string, runColumn: string): string =>
  `(SELECT value FROM points WHERE series_id = (SELECT id FROM series WHERE run_id = ${runColumn} AND metric = ${metricParam} ORDER BY x_kind = 'step' DESC, id LIMIT 1) ORDER BY x DESC LIMIT 1)`

const listColumns = `r.*,
  (SELECT json_group_array(metric) FROM (SELECT metric FROM summaries WHERE run_id = r.id UNION SELECT metric FROM series WHERE run_id = r.id)) AS metrics,
  coalesce((SELECT value FROM summaries WHERE run_id = r.id AND metric = @lossMetric), ${lastValueOf('@lossMetric', 'r.id')}) AS loss`

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    family: row.family,
    params: row.params,
    activeParams: row.active_params,
    nonembeddingParams: row.nonembedding_params,
    tokens: row.tokens,
    flops: row.flops,
    experts: row.experts,
    topK: row.top_k,
    tags: parseTags(row.tags),
    notes: row.notes,
    config: parseJsonColumn<Record<string, unknown>>(row.config, {}),
    hidden: row.hidden === 1,
    importId: row.import_id,
    createdAt: row.created_at,
  }
}

function toRunSummary(row: ListedRunRow): RunSummary & { projectId: number; createdAt: string } {
  const metrics = parseJsonColumn<unknown[]>(row.metrics, [])
    .filter((m): m is string => typeof m === 'string')
    .sort()
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    family: row.family,
    params: row.params,
    activeParams: row.active_params,
    nonembeddingParams: row.nonembedding_params,
    tokens: row.tokens,
    flops: row.flops,
    experts: row.experts,
    topK: row.top_k,
    tags: parseTags(row.tags),
    notes: row.notes,
    hidden: row.hidden === 1,
    metrics,
    loss: row.loss,
    createdAt: row.created_at,
    ...(row.status === 'running' ? { status: 'running' as const } : {}),
  }
}

export class RunQueries {
  private readonly list: Database.Statement
  private readonly one: Database.Statement
  private readonly summaries: Database.Statement
  private readonly series: Database.Statement
  private readonly projectOf: Database.Statement

  constructor(private readonly db: Database.Database) {
    this.list = db.prepare(`SELECT ${listColumns} FROM runs r
      WHERE r.project_id = @projectId
        AND (@includeHidden = 1 OR r.hidden = 0)
        AND (@family IS NULL OR r.family = @family)
        AND (@tag IS NULL OR EXISTS (SELECT 1 FROM json_each(r.tags) WHERE value = @tag))
        AND (@search IS NULL OR instr(lower(r.name), @search) > 0 OR instr(lower(ifnull(r.family, '')), @search) > 0
             OR instr(lower(ifnull(r.notes, '')), @search) > 0 OR instr(lower(r.tags), @search) > 0)
      ORDER BY r.id`)
    this.one = db.prepare(`SELECT ${listColumns} FROM runs r WHERE r.id = @id`)
    this.projectOf = db.prepare('SELECT project_id FROM runs WHERE id = ?').pluck(true)
    this.summaries = db.prepare('SELECT metric, value FROM summaries WHERE run_id = ? ORDER BY metric')
    this.series = db.prepare(`SELECT s.id, s.metric, s.x_kind, (SELECT count(*) FROM points p WHERE p.series_id = s.id) AS points
      FROM series s WHERE s.run_id = ? ORDER BY s.metric, s.x_kind`)
  }

  /** the project a run belongs to (undefined: no such run) */
  projectIdOf(runId: number): number | undefined {
    return this.projectOf.get(runId) as number | undefined
  }

  listRuns(q: RunQuery, lossMetric: string): (RunSummary & { projectId: number; createdAt: string })[] {
    const search = q.search?.trim().toLowerCase()
    const rows = this.list.all({
      projectId: q.projectId,
      includeHidden: q.includeHidden ? 1 : 0,
      family: q.family ?? null,
      tag: q.tag ?? null,
      search: search ? search : null,
      lossMetric,
    }) as ListedRunRow[]
    return rows.map(toRunSummary)
  }

  getRun(id: number, lossMetric: string): RunDetail & { projectId: number; createdAt: string; importId: number | null } {
    const row = this.one.get({ id, lossMetric }) as ListedRunRow | undefined
    if (!row) throw new LabError('not-found', `No run with id ${id} in the catalog.`, { hint: 'It may have been deleted; reload the runs list.' })
    const summaries: Record<string, number> = {}
    for (const s of this.summaries.all(id) as { metric: string; value: number }[]) summaries[s.metric] = s.value
    const series = (this.series.all(id) as { id: number; metric: string; x_kind: XKind; points: number }[]).map(
      (s): SeriesInfo => ({ id: s.id, metric: s.metric, xKind: s.x_kind, points: s.points }),
    )
    return { ...toRunSummary(row), config: parseJsonColumn<Record<string, unknown>>(row.config, {}), summaries, series, importId: row.import_id }
  }

  summary(id: number, lossMetric: string): RunSummary {
    const row = this.one.get({ id, lossMetric }) as ListedRunRow | undefined
    if (!row) throw new LabError('not-found', `No run with id ${id} in the catalog.`)
    return toRunSummary(row)
  }
}
