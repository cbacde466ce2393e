/** The project's loss metric: stored choice (projects.loss_metric) and the metrics its runs record. */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'
import { chooseLossMetric, type LossMetricChoice } from './metric-roles'

export class LossMetricQueries {
  private readonly metrics: Database.Statement
  private readonly chosen: Database.Statement
  private readonly store: Database.Statement

  constructor(db: Database.Database) {
    this.metrics = db
      .prepare(
        `SELECT DISTINCT s.metric FROM summaries s JOIN runs r ON r.id = s.run_id WHERE r.project_id = @projectId
         UNION SELECT DISTINCT s.metric FROM series s JOIN runs r ON r.id = s.run_id WHERE r.project_id = @projectId`,
      )
      .pluck(true)
    this.chosen = db.prepare('SELECT loss_metric FROM projects WHERE id = ?')
    this.store = db.prepare('UPDATE projects SET loss_metric = ? WHERE id = ?')
  }

  projectMetrics(projectId: number): string[] {
    return (this.metrics.all({ projectId }) as string[]).sort()
  }

  get(projectId: number): LossMetricChoice {
    const row = this.chosen.get(projectId) as { loss_metric: string | null } | undefined
    if (!row) throw new LabError('unknown-project', `No project with id ${projectId}.`, { hint: 'Pick a project from the project list.' })
    return chooseLossMetric(this.projectMetrics(projectId), row.loss_metric)
  }

  /** Store the project's loss metric (null: forget the choice, the preference order decides again). */
  set(projectId: number, metric: string | null): LossMetricChoice {
    const clean = metric === null ? null : metric.trim()
    if (clean !== null && (clean === '' || clean.length > 200)) {
      throw new LabError('invalid-metric', `A loss metric name must have 1 to 200 characters (got ${clean.length}).`, { hint: 'Pick one of the metrics the project records.' })
    }
    if (clean !== null && !this.projectMetrics(projectId).includes(clean)) {
      throw new LabError('invalid-metric', `No run of this project records a metric named ${JSON.stringify(clean)}.`, { hint: 'Pick one of the metrics the project records.' })
    }
    if (this.store.run(clean, projectId).changes === 0) throw new LabError('unknown-project', `No project with id ${projectId}.`)
    return this.get(projectId)
  }
}
