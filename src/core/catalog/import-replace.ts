/**
 * Removing what one import wrote, so the same file can be imported again with another mapping (import --replace).
 * Runs inside the caller's transaction, with explicit deletes (the importer switches foreign-key checks off).
 *
 * What counts as the import's own rows:
 * - evaluations and predictions carrying its import id, series it created (with all their points) and summaries
 *   it last wrote (series.import_id, summaries.import_id);
 * - the runs it created (runs.import_id), once the rows above are gone and nothing of another import is left in
 *   them. A run another import also wrote into (a series, summary, evaluation or prediction of another import)
 *   is kept with its fields, detached from the replaced import, and named in a warning: the new import then
 *   overwrites the fields its mapping fills, the others keep their values.
 * Limits, said in the warning: points another file appended to a series this import created go with that series;
 * fields this import filled into a run that another import created are not reset.
 */
import type Database from 'better-sqlite3'
import { LabError } from '../../shared/errors'

export interface ReplacedImport {
  importId: number
  fileName: string
  importedAt: string
  /** runs the import created and that were removed whole */
  runsRemoved: string[]
  /** runs the import created that other imports also wrote into: kept */
  runsKept: string[]
  /** removed runs that had edits recorded (their edit history went with them) */
  editedRunsRemoved: string[]
  series: number
  points: number
  summaries: number
  evaluations: number
  predictions: number
}

/** Delete the rows import `importId` wrote, and the import's record; returns what was removed. */
export function removeImportRows(db: Database.Database, importId: number): ReplacedImport {
  const imp = db.prepare('SELECT id, file_name, imported_at FROM imports WHERE id = ?').get(importId) as { id: number; file_name: string; imported_at: string } | undefined
  if (!imp) throw new LabError('not-found', `No import with id ${importId} in the catalog.`)
  const created = db.prepare('SELECT id, name FROM runs WHERE import_id = ? ORDER BY id').all(importId) as { id: number; name: string }[]
  const run = (sql: string): number => db.prepare(sql).run(importId).changes
  const points = run('DELETE FROM points WHERE series_id IN (SELECT id FROM series WHERE import_id = ?)')
  const series = run('DELETE FROM series WHERE import_id = ?')
  const summaries = run('DELETE FROM summaries WHERE import_id = ?')
  const evaluations = run('DELETE FROM evaluations WHERE import_id = ?')
  const predictions = run('DELETE FROM predictions WHERE import_id = ?')

  const leftOver = db.prepare(`SELECT EXISTS (SELECT 1 FROM series WHERE run_id = @id) OR EXISTS (SELECT 1 FROM summaries WHERE run_id = @id)
    OR EXISTS (SELECT 1 FROM evaluations WHERE run_id = @id) OR EXISTS (SELECT 1 FROM predictions WHERE run_id = @id)`).pluck(true)
  const edited = db.prepare('SELECT EXISTS (SELECT 1 FROM run_edits WHERE run_id = ?)').pluck(true)
  const deleteEdits = db.prepare('DELETE FROM run_edits WHERE run_id = ?')
  const deleteRun = db.prepare('DELETE FROM runs WHERE id = ?')
  const detach = db.prepare('UPDATE runs SET import_id = NULL WHERE id = ?')
  const out: ReplacedImport = { importId, fileName: imp.file_name, importedAt: imp.imported_at, runsRemoved: [], runsKept: [], editedRunsRemoved: [], series, points, summaries, evaluations, predictions }
  for (const r of created) {
    if (leftOver.get({ id: r.id })) {
      detach.run(r.id)
      out.runsKept.push(r.name)
      continue
    }
    if (edited.get(r.id)) out.editedRunsRemoved.push(r.name)
    deleteEdits.run(r.id)
    deleteRun.run(r.id)
    out.runsRemoved.push(r.name)
  }
  db.prepare('DELETE FROM imports WHERE id = ?').run(importId)
  return out
}

const list = (names: string[]): string => `${names.slice(0, 5).map((n) => JSON.stringify(n)).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`

/** What the replacement removed and kept, in words for the import's warnings. */
export function replacementWarnings(r: ReplacedImport): string[] {
  const out = [
    `Replaced import #${r.importId} of ${r.fileName} (${r.importedAt}): removed ${r.runsRemoved.length} run(s) it created, ${r.series} series with ${r.points} points, ${r.summaries} summary value(s), ${r.evaluations} evaluation(s) and ${r.predictions} prediction(s); this import wrote them anew.`,
  ]
  if (r.runsKept.length) {
    out.push(
      `Kept ${r.runsKept.length} run(s) the replaced import created because other imports also wrote into them: ${list(r.runsKept)}. Their parameters, tokens, FLOPs and family keep the earlier values unless this import's mapping fills them; points another file added to a series of the replaced import were removed with that series.`,
    )
  }
  if (r.editedRunsRemoved.length) {
    out.push(`Edits made by hand to ${list(r.editedRunsRemoved)} were removed with those runs; edit the re-imported runs again if they still apply.`)
  }
  return out
}
