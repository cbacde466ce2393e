/** curveLines on a read-only connection of its own: what the curves-read worker runs. */
import Database from 'better-sqlite3'
import { curveLines, type LineOptions, type LineTask, type LinesResult } from './curve-lines'

export interface CurveLinesInput {
  catalogPath: string
  tasks: LineTask[]
  options: LineOptions
}

export function curveLinesJob(input: CurveLinesInput): LinesResult {
  const db = new Database(input.catalogPath, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    return curveLines(db, input.tasks, input.options)
  } finally {
    db.close()
  }
}
