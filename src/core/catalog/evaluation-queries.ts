/**
 * Task evaluations and per-example predictions, joined with their run (name, family, size). An evaluation's
 * compute is 6 N D with D the tokens seen at its checkpoint (Kaplan et al. 2020, arXiv 2001.08361).
 */
import type Database from 'better-sqlite3'
import type { EvaluationQuery, EvaluationRecord, EvaluationRow, PredictionQuery, PredictionRecord, PredictionRow, TaskInfo } from './types'

export interface EvaluationDbRow {
  id: number
  project_id: number
  run_id: number
  task: string
  metric: string
  value: number
  stderr: number | null
  n: number | null
  shots: number | null
  checkpoint: number | string | null
  tokens: number | null
  choices: number | null
  import_id: number | null
}

export interface PredictionDbRow {
  id: number
  project_id: number
  run_id: number
  task: string
  item: string
  probability: number | null
  confidence: number | null
  correct: number | null
  import_id: number | null
}

export function toEvaluationRecord(r: EvaluationDbRow): EvaluationRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    runId: r.run_id,
    task: r.task,
    metric: r.metric,
    value: r.value,
    stderr: r.stderr,
    n: r.n,
    shots: r.shots,
    checkpoint: r.checkpoint,
    tokens: r.tokens,
    choices: r.choices,
    importId: r.import_id,
  }
}

export function toPredictionRecord(r: PredictionDbRow): PredictionRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    runId: r.run_id,
    task: r.task,
    item: r.item,
    probability: r.probability,
    confidence: r.confidence,
    correct: r.correct === null ? null : r.correct === 1,
    importId: r.import_id,
  }
}

export class EvaluationQueries {
  private readonly evaluations: Database.Statement
  private readonly predictions: Database.Statement
  private readonly tasks: Database.Statement

  constructor(db: Database.Database) {
    this.evaluations = db.prepare(`SELECT e.*, r.name AS run, r.family, r.params, r.active_params, r.tokens AS run_tokens, r.flops AS run_flops
      FROM evaluations e JOIN runs r ON r.id = e.run_id
      WHERE e.project_id = @projectId AND (@task IS NULL OR e.task = @task) AND (@metric IS NULL OR e.metric = @metric)
      ORDER BY e.task, e.metric, r.params, r.name, e.shots, e.checkpoint`)
    this.predictions = db.prepare(`SELECT p.*, r.name AS run, r.family, r.params
      FROM predictions p JOIN runs r ON r.id = p.run_id
      WHERE p.project_id = @projectId AND (@task IS NULL OR p.task = @task) AND (@model IS NULL OR r.name = @model)
      ORDER BY p.task, r.params, r.name, p.id`)
    this.tasks = db.prepare(`SELECT task,
        (SELECT json_group_array(DISTINCT metric) FROM evaluations e WHERE e.project_id = @projectId AND e.task = t.task) AS metrics,
        (SELECT count(*) FROM evaluations e WHERE e.project_id = @projectId AND e.task = t.task) AS evaluations,
        (SELECT count(*) FROM predictions p WHERE p.project_id = @projectId AND p.task = t.task) AS predictions,
        (SELECT count(*) FROM (SELECT run_id FROM evaluations e WHERE e.project_id = @projectId AND e.task = t.task
                               UNION SELECT run_id FROM predictions p WHERE p.project_id = @projectId AND p.task = t.task)) AS runs,
        (SELECT json_group_array(file_name) FROM (SELECT DISTINCT i.file_name FROM imports i WHERE i.id IN
            (SELECT import_id FROM evaluations e WHERE e.project_id = @projectId AND e.task = t.task
             UNION SELECT import_id FROM predictions p WHERE p.project_id = @projectId AND p.task = t.task) ORDER BY i.file_name)) AS sources
      FROM (SELECT DISTINCT task FROM evaluations WHERE project_id = @projectId
            UNION SELECT DISTINCT task FROM predictions WHERE project_id = @projectId) t
      ORDER BY task`)
  }

  listEvaluations(q: EvaluationQuery): EvaluationRow[] {
    type Row = EvaluationDbRow & { run: string; family: string | null; params: number | null; active_params: number | null; run_tokens: number | null; run_flops: number | null }
    const rows = this.evaluations.all({ projectId: q.projectId, task: q.task ?? null, metric: q.metric ?? null }) as Row[]
    return rows.map((r) => {
      const n = r.active_params ?? r.params
      const tokensSeen = r.tokens ?? r.run_tokens
      const flops = r.tokens !== null && n !== null ? 6 * n * r.tokens : r.run_flops
      return {
        ...toEvaluationRecord(r),
        run: r.run,
        family: r.family,
        params: r.params,
        activeParams: r.active_params,
        tokensSeen,
        flops,
        runTokens: r.run_tokens,
        runFlops: r.run_flops,
      }
    })
  }

  listPredictions(q: PredictionQuery): PredictionRow[] {
    type Row = PredictionDbRow & { run: string; family: string | null; params: number | null }
    const rows = this.predictions.all({ projectId: q.projectId, task: q.task ?? null, model: q.model ?? null }) as Row[]
    return rows.map((r) => ({ ...toPredictionRecord(r), run: r.run, family: r.family, params: r.params }))
  }

  listTasks(projectId: number): TaskInfo[] {
    const rows = this.tasks.all({ projectId }) as { task: string; metrics: string; evaluations: number; predictions: number; runs: number; sources: string }[]
    return rows.map((r) => ({
      task: r.task,
      metrics: (JSON.parse(r.metrics) as string[]).sort(),
      evaluations: r.evaluations,
      predictions: r.predictions,
      runs: r.runs,
      sources: JSON.parse(r.sources) as string[],
    }))
  }
}
