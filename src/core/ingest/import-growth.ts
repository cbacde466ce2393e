/**
 * Import what a log file gained since its last import (a watched folder, issue 14). The file's earlier import keeps
 * where reading resumes (resume.ts): the offset past the last complete row, its line, and the SHA-256 of the bytes
 * before it.
 * - never imported (or imported before resume points existed): a whole import, holding back a half-written last row;
 * - shorter than that offset (truncated) or a different prefix (rewritten): re-imported whole as a replacement of
 *   the earlier import (import-replace.ts), said in a warning;
 * - the same size: nothing to do;
 * - longer, but not a step log (evaluations, predictions, run tables: their rows are read together): re-imported
 *   whole as a replacement, said in a warning;
 * - longer with the same prefix: only the new complete rows are read, with the first import's format, mapping and
 *   column typing, in ONE transaction, into the same runs and series (points appended; a row whose series and x
 *   are already stored rewrites that point, and the summary says how many). A last row without its line end yet is
 *   held back, and said.
 */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { LabError } from '../../shared/errors'
import { Catalog } from '../catalog'
import type { SourceImport } from '../catalog/import-queries'
import { Cells } from './cells'
import { FileHash } from './hash-file'
import { dataRowHandler, IMPORT_CACHE_KIB, importWithConnection, resultColumns, type ImportProgressOptions } from './import-file'
import { ImportWriter } from './import-writer'
import { checkName } from './names'
import { buildPlan, type ImportPlan } from './plan'
import { readCsvFile } from './read-csv-file'
import { requireRegularFile } from './regular-file'
import { heldBackWarning, parseResumePoint, type ResumePoint } from './resume'
import { SHAPES } from './shapes'
import { sniffFile } from './sniff'
import type { ImportOptions, ImportSummary } from './types'
import { beginImmediate, lockTimeoutMs } from './write-lock'

/** What happened to the file since its last import ('reimported': it grew, but its shape is read whole). */
export type FileChange = 'new' | 'appended' | 'unchanged' | 'rewritten' | 'truncated' | 'reimported'

/**
 * Step logs, whose rows stand alone, take appended rows. Tables whose rows are read together (evaluation items
 * averaged per group, repeated run names made unique across the file) are re-imported whole when they grow.
 */
const APPENDABLE = new Set(['long', 'wide', 'tensorboard', 'wandb-panel'])

export interface GrowthSummary extends ImportSummary {
  change: FileChange
  /** data rows read by an append (0 for a whole import: its points say what it stored) */
  rows: number
  /** points that were already stored (same series and x) and took the new value */
  rewrites: number
  /** runs that appeared in the appended rows */
  newRuns: string[]
}

export interface GrowthOptions extends ImportProgressOptions {
  /**
   * How a whole import (a new, rewritten or truncated file) runs: the watcher passes a worker thread (import-in-worker.ts)
   * so a large first import does not hold the lab's thread; by default, here, on the catalog's connection.
   */
  wholeImport?: (options: ImportOptions) => Promise<ImportSummary>
}

/** Import the growth of the file at `path` into `options.project` (see the header). */
export async function importGrowth(catalog: Catalog, path: string, options: ImportOptions, opts: GrowthOptions = {}): Promise<GrowthSummary> {
  if (catalog.path === ':memory:' || catalog.path === '') return importGrowthWith(catalog, path, options, opts)
  const connection = new Catalog(catalog.path, { cacheKiB: IMPORT_CACHE_KIB })
  try {
    return await importGrowthWith(connection, path, options, opts)
  } finally {
    connection.close()
  }
}

async function importGrowthWith(catalog: Catalog, path: string, options: ImportOptions, opts: GrowthOptions): Promise<GrowthSummary> {
  const file = options.fileName ?? path
  const project = options.project?.trim()
  if (!project) throw new LabError('import-project', 'Name the project to import into.', { file })
  checkName('project', project)
  await requireRegularFile(path, file)
  const earlier = catalog.findImportOfFile(project, resolve(path))
  const resume = parseResumePoint(earlier?.resume ?? null)
  if (!earlier || !resume) {
    // a first import, or one made before resume points were kept: whole, replacing that earlier import
    const summary = await whole(catalog, path, { ...options, holdPartialRow: true, replaceImportId: earlier?.id }, opts)
    return { ...summary, change: 'new', rows: 0, rewrites: 0, newRuns: [] }
  }
  const { size } = await stat(path)
  if (size < resume.offset) {
    return replaceWhole(catalog, path, options, opts, earlier, 'truncated', `The file shrank from ${resume.offset} to ${size} bytes (truncated)`)
  }
  const hash = new FileHash(path)
  if (!(await hash.extendTo(resume.offset, opts.signal)) || hash.digest() !== resume.sha256) {
    return replaceWhole(catalog, path, options, opts, earlier, 'rewritten', `The file's first ${resume.offset} bytes changed since import #${earlier.id} (rewritten, not appended)`)
  }
  if (size === resume.offset) {
    return { ...emptySummary(earlier), change: 'unchanged', rows: 0, rewrites: 0, newRuns: [], warnings: [] }
  }
  if (!APPENDABLE.has(earlier.format)) {
    const why = `The file grew; its shape (${earlier.format}) is read whole, not row by row (its rows are grouped or named across the file)`
    return replaceWhole(catalog, path, options, opts, earlier, 'reimported', why)
  }
  return appendRows(catalog, path, options, opts, earlier, resume, hash, size)
}

function emptySummary(earlier: SourceImport): Omit<GrowthSummary, 'change' | 'rows' | 'rewrites' | 'newRuns' | 'warnings'> {
  return { file: earlier.fileName, format: earlier.format, runs: 0, points: 0, evals: 0, predictions: 0, duplicate: false, importId: earlier.id, items: 0 }
}

function whole(catalog: Catalog, path: string, options: ImportOptions, opts: GrowthOptions): Promise<ImportSummary> {
  return opts.wholeImport ? opts.wholeImport(options) : importWithConnection(catalog, path, options, opts)
}

/** Re-import the whole file as a replacement of its earlier import, saying why. */
async function replaceWhole(
  catalog: Catalog,
  path: string,
  options: ImportOptions,
  opts: GrowthOptions,
  earlier: SourceImport,
  change: 'rewritten' | 'truncated' | 'reimported',
  why: string,
): Promise<GrowthSummary> {
  const summary = await whole(catalog, path, { ...options, holdPartialRow: true, replaceImportId: earlier.id }, opts)
  const said = `${why}: re-imported whole as a replacement of import #${earlier.id}.`
  return { ...summary, change, rows: 0, rewrites: 0, newRuns: [], warnings: [said, ...summary.warnings] }
}

/** The plan of the first import, rebuilt from the file's header with its format, mapping and column typing. */
async function resumedPlan(path: string, earlier: SourceImport, resume: ResumePoint): Promise<ImportPlan> {
  const sniffed = await sniffFile(path, earlier.fileName)
  const plan = buildPlan(sniffed, { format: earlier.format, mapping: earlier.mapping, xKind: resume.xKind }, earlier.fileName)
  if (plan.problems.length) {
    throw new LabError('import-mapping', `The mapping of import #${earlier.id} no longer fits the file: ${plan.problems.join(' ')}`, {
      file: earlier.fileName,
      line: 1,
      column: 1,
      hint: 'Import the file again with --replace and the mapping it needs now.',
    })
  }
  return { ...plan, metricColumns: resume.metricColumns, configColumns: resume.configColumns, tagColumns: resume.tagColumns, badColumns: [], appending: true }
}

/** Read the rows after the resume point into the earlier import's runs and series, in one transaction. */
async function appendRows(
  catalog: Catalog,
  path: string,
  options: ImportOptions,
  opts: ImportProgressOptions,
  earlier: SourceImport,
  resume: ResumePoint,
  hash: FileHash,
  size: number,
): Promise<GrowthSummary> {
  const plan = await resumedPlan(path, earlier, resume)
  const db = catalog.db
  const file = earlier.fileName
  await beginImmediate(db, { file, timeoutMs: lockTimeoutMs(options.lockTimeoutMs), signal: opts.signal, onWait: opts.onWait })
  try {
    const now = catalog.findImportOfFile(options.project.trim(), earlier.sourcePath)
    if (!now || now.id !== earlier.id || now.resume !== earlier.resume) {
      // another watcher read the same growth meanwhile: start over from what it stored
      db.exec('ROLLBACK')
      return importGrowthWith(catalog, path, options, opts)
    }
    const lastRunId = db.prepare('SELECT ifnull(max(id), 0) FROM runs').pluck(true).get() as number
    const writer = new ImportWriter(db, earlier.projectId, earlier.id)
    const cells = new Cells(plan, { resultColumns: resultColumns(plan), lenient: resume.lenient })
    const shape = SHAPES[plan.format]({ plan, writer, cells })
    const store = dataRowHandler(plan, shape)
    let rows = 0
    const read = await readCsvFile(
      path,
      { delimiter: plan.sniffed.delimiter, file, startOffset: resume.offset, firstLine: resume.line, endOffset: size, holdPartialRow: true, signal: opts.signal },
      (row) => {
        rows++
        store(row)
      },
    )
    const shapeWarnings = shape.finish?.() ?? []
    const counts = writer.finish()
    const rewrites = Math.max(0, writer.pointsWritten() - counts.points)
    const newRuns = db.prepare('SELECT name FROM runs WHERE import_id = ? AND id > ? ORDER BY id').pluck(true).all(earlier.id, lastRunId) as string[]
    await hash.extendTo(read.resumeOffset, opts.signal)
    const next: ResumePoint = { ...resume, offset: read.resumeOffset, line: read.resumeLine, sha256: hash.digest() }
    const total = { ...earlier.counts, points: (earlier.counts.points ?? 0) + counts.points, rows: (earlier.counts.rows ?? 0) + rows, appends: (earlier.counts.appends ?? 0) + 1 }
    // the import's sha256 follows the bytes it has read, unless another import of this project holds those bytes
    db.prepare(
      `UPDATE imports SET size = @size, counts = @counts, resume = @resume,
        sha256 = CASE WHEN EXISTS (SELECT 1 FROM imports o WHERE o.project_id = imports.project_id AND o.sha256 = @sha AND o.id <> imports.id) THEN sha256 ELSE @sha END
        WHERE id = @id`,
    ).run({ size: next.offset, counts: JSON.stringify(total), resume: JSON.stringify(next), sha: next.sha256, id: earlier.id })
    db.exec('COMMIT')
    const warnings = [...growthWarnings(rewrites, newRuns), ...cells.warnings(), ...shapeWarnings, ...heldBackWarning(read.resumeOffset, size, read.resumeLine)]
    return {
      ...emptySummary(earlier),
      runs: counts.runs,
      points: counts.points,
      evals: counts.evals,
      predictions: counts.predictions,
      change: 'appended',
      rows,
      rewrites,
      newRuns,
      warnings,
    }
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw e
  }
}

function growthWarnings(rewrites: number, newRuns: string[]): string[] {
  const out: string[] = []
  if (rewrites > 0) {
    out.push(`${rewrites} appended value${rewrites === 1 ? '' : 's'} rewrote a point already stored (same run, metric and x): the new value replaced the old one.`)
  }
  if (newRuns.length) out.push(`New run${newRuns.length === 1 ? '' : 's'} in the appended rows: ${newRuns.map((n) => JSON.stringify(n)).join(', ')}.`)
  return out
}
