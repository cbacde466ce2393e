/**
 * Import one CSV file into the catalog, whole or not at all: refuse anything but a regular file, hash it (same
 * SHA-256 already imported into the project -> reported as a duplicate, nothing written; with `replace`, the
 * earlier import's rows are removed in the same transaction and the file imported anew), sniff and plan it
 * (shapes that type their columns read the whole file once first; see census.ts), refusing before any write
 * when the mapping cannot work, then wait for the catalog's write lock and stream every row inside one
 * transaction, which also creates the project. Any error rolls the file back, project included, and is
 * reported with its file, line and column.
 */
import { resolve } from 'node:path'
import { LabError, isLabError } from '../../shared/errors'
import { Catalog, replacementWarnings } from '../catalog'
import { refuseAtlasEdit } from '../catalog/read-only'
import { CancelledError, type ProgressOptions } from '../jobs/cancelled'
import { Cells } from './cells'
import { cellPlace, censusFile, quoteCell } from './census'
import type { CsvRow } from './csv-tokenizer'
import { sha256File } from './hash-file'
import { ImportWriter, type WriterCounts } from './import-writer'
import { checkName, isTooLong, MAX_NAME_LENGTH, nameTooLong } from './names'
import { buildPlan, type ImportPlan } from './plan'
import { readCsvFile } from './read-csv-file'
import { heldBackWarning, resumePointOf } from './resume'
import { requireRegularFile } from './regular-file'
import { SHAPES, type ShapeHandler } from './shapes'
import type { ShapeFormat } from './formats'
import { sniffFile } from './sniff'
import type { ImportOptions, ImportSummary } from './types'
import { beginImmediate, lockTimeoutMs } from './write-lock'

/** Shapes whose columns are typed (numbers: metrics; text: config): they are read once more, whole, first. */
const TYPED_SHAPES = new Set<ShapeFormat>(['summary', 'wandb-runs', 'mlflow', 'wide'])

/** Progress and, while another import holds the catalog, a message that this one is waiting. */
export interface ImportProgressOptions extends ProgressOptions {
  onWait?: (message: string) => void
}

/** Page cache of the import connection (KiB). */
export const IMPORT_CACHE_KIB = 64 * 1024

/**
 * Import into `catalog`. A file catalog gets its own connection for the transaction, so nothing else done
 * meanwhile on `catalog`'s connection can slip into (or be rolled back with) the import.
 */
export async function importFile(catalog: Catalog, path: string, options: ImportOptions, opts: ImportProgressOptions = {}): Promise<ImportSummary> {
  if (catalog.path === ':memory:' || catalog.path === '') return importWithConnection(catalog, path, options, opts)
  const connection = new Catalog(catalog.path, { cacheKiB: IMPORT_CACHE_KIB })
  try {
    return await importWithConnection(connection, path, options, opts)
  } finally {
    connection.close()
  }
}

/** Import using this very connection (the worker's own, or an in-memory catalog). */
export async function importWithConnection(catalog: Catalog, path: string, options: ImportOptions, opts: ImportProgressOptions = {}): Promise<ImportSummary> {
  const file = options.fileName ?? path
  const project = options.project?.trim()
  if (!project) throw new LabError('import-project', 'Name the project to import into.', { file })
  checkName('project', project)
  const target = catalog.getProject(project)
  if (target && !options.atlas) refuseAtlasEdit(target)
  await requireRegularFile(path, file)
  const { sha256, size } = await sha256File(path, opts.signal).catch((e: unknown) => {
    if (e instanceof CancelledError) throw e
    const err = e as NodeJS.ErrnoException
    throw new LabError('import-open', `Cannot read the file: ${err.code === 'ENOENT' ? 'no such file' : err.message}.`, { file })
  })
  const earlier = catalog.findImport(project, sha256)
  if (earlier && !options.replace && earlier.id !== options.replaceImportId) {
    return { file, format: earlier.format, runs: 0, points: 0, evals: 0, predictions: 0, duplicate: true, importId: earlier.id, warnings: [], items: 0 }
  }

  const name = file.split(/[\\/]/).pop() ?? file
  const plan = await planImport(path, file, options, opts)
  const typed = TYPED_SHAPES.has(plan.format)
  const progress = (f: number, message: string): void => opts.onProgress?.(typed ? 0.5 + f / 2 : f, message)

  const db = catalog.db
  // Foreign-key checks cost a parent lookup per point (about a fifth of the insert time). The writer only
  // uses run and series ids it has just upserted or read in this transaction, so the references hold by
  // construction; the checks are switched back on after the transaction (they cannot change inside one).
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF')
  try {
    await beginImmediate(db, {
      file,
      timeoutMs: lockTimeoutMs(options.lockTimeoutMs),
      signal: opts.signal,
      onWait: (message) => {
        opts.onWait?.(message)
        opts.onProgress?.(0, message)
      },
    })
  } catch (e) {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
    throw e
  }
  try {
    const again = catalog.findImport(project, sha256)
    const replaceId = options.replaceImportId ?? (again && options.replace ? again.id : undefined)
    if (again && again.id !== replaceId) {
      db.exec('ROLLBACK')
      return { file, format: again.format, runs: 0, points: 0, evals: 0, predictions: 0, duplicate: true, importId: again.id, warnings: [], items: 0 }
    }
    const replaced = replaceId !== undefined ? catalog.removeImportRows(replaceId) : undefined
    const projectId = catalog.ensureProject(project).id
    const importId = Number(
      db
        .prepare('INSERT INTO imports (project_id, file_name, size, sha256, format, mapping, source_path) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(projectId, file, size, sha256, plan.format, JSON.stringify(plan.mapping), resolve(path)).lastInsertRowid,
    )
    const writer = new ImportWriter(db, projectId, importId)
    const cells = new Cells(plan, { resultColumns: resultColumns(plan), lenient: options.lenient })
    const shape = SHAPES[plan.format]({ plan, writer, cells })
    let dataRows = 0
    const store = dataRowHandler(plan, shape)
    const onRow = (row: CsvRow): void => {
      if (row.index === 0) return
      dataRows++
      store(row)
    }
    const read = await readCsvFile(
      path,
      {
        delimiter: plan.sniffed.delimiter,
        file,
        startOffset: plan.sniffed.startOffset,
        // the bytes hashed: a file that grows meanwhile is read up to there (the rest is a later append)
        endOffset: size,
        holdPartialRow: options.holdPartialRow,
        signal: opts.signal,
        onChunk: (read, total) => progress(total ? read / total : 1, `Importing ${name}`),
      },
      onRow,
    )
    if (dataRows === 0) {
      throw new LabError('import-empty', 'The file has a header but no data rows.', { file, line: 2, column: 1, hint: 'Add rows below the header, or choose another file.' })
    }
    const held = options.holdPartialRow ? heldBackWarning(read.resumeOffset, size, read.resumeLine) : []
    const warnings = [...(replaced ? replacementWarnings(replaced) : []), ...plan.warnings, ...cells.warnings(), ...(shape.finish?.() ?? []), ...held]
    const items = shape.items?.() ?? 0
    const counts = writer.finish()
    refuseIfNothingWritten(plan, writer, counts, dataRows)
    const resume = await resumePointOf(path, plan, read, { sha256, size }, options, opts.signal)
    db.prepare('UPDATE imports SET counts = ?, resume = ? WHERE id = ?').run(JSON.stringify({ ...counts, rows: dataRows, items, warnings: warnings.length }), JSON.stringify(resume), importId)
    db.exec('COMMIT')
    opts.onProgress?.(1, `Imported ${name}`)
    return { file, format: plan.format, runs: counts.runs, points: counts.points, evals: counts.evals, predictions: counts.predictions, duplicate: false, importId, warnings, items, ...(replaced ? { replacedImportId: replaced.importId } : {}) }
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw e
  } finally {
    if (!db.inTransaction) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
  }
}

/** Check a data row's width and hand it to the shape; errors name the row's place in the file. */
export function dataRowHandler(plan: ImportPlan, shape: ShapeHandler): (row: CsvRow) => void {
  return (row) => {
    checkWidth(plan, row)
    try {
      shape.row(row)
    } catch (e) {
      if (isLabError(e) && e.code === 'import-name' && e.line === undefined) throw locateLongName(plan, row, e)
      if (isLabError(e)) throw e
      throw new LabError('import-failed', `This row could not be stored: ${(e as Error).message}`, { file: plan.file, line: row.line, column: 1 })
    }
  }
}

/**
 * Sniff, plan, and for shapes that type their columns read the whole file once to type them; refuse before
 * any write what cannot be imported (a mapping problem, a name over the limit in the header, a numeric
 * column with cells that are not numbers, unless the import is lenient).
 */
async function planImport(path: string, file: string, options: ImportOptions, opts: ProgressOptions): Promise<ImportPlan> {
  const sniffed = await sniffFile(path, file)
  const planOptions = { format: options.format, mapping: options.mapping, xKind: options.xKind }
  let plan = buildPlan(sniffed, planOptions, file)
  if (plan.problems.length === 0 && TYPED_SHAPES.has(plan.format)) {
    const census = await censusFile(path, sniffed, file, { signal: opts.signal, onProgress: (f, m) => opts.onProgress?.(f / 2, m) })
    plan = buildPlan(sniffed, planOptions, file, census)
  }
  if (plan.problems.length) {
    throw new LabError('import-mapping', plan.problems.join(' '), { file, line: 1, column: 1, hint: 'Correct the shape (--format) or the column mapping (--map field=column).' })
  }
  checkHeaderNames(plan)
  if (!options.lenient && plan.badColumns.length) throw badCellError(plan)
  return plan
}

/** Columns that hold results: with a lenient import, their cells that are not numbers are left empty. */
export function resultColumns(plan: ImportPlan): number[] {
  const out = plan.metricColumns.map((m) => m.index)
  if ((plan.format === 'long' || plan.format === 'tensorboard') && plan.columns.value !== undefined) out.push(plan.columns.value)
  for (const p of plan.panel) out.push(p.value, p.lo, p.hi)
  return out.filter((i) => i >= 0)
}

/** The first cell, in file order, that is not a number in a column typed as numbers over the whole file. */
function badCellError(plan: ImportPlan): LabError {
  const first = plan.badColumns.reduce((a, b) => (b.first.line < a.first.line || (b.first.line === a.first.line && b.first.column < a.first.column) ? b : a))
  const total = plan.badColumns.reduce((n, c) => n + c.count, 0)
  const others = total > 1 ? ` The file has ${total} such cells in ${plan.badColumns.map((c) => JSON.stringify(c.header)).join(', ')}.` : ''
  return new LabError(
    'import-value',
    `${quoteCell(first.first.text)} in column ${JSON.stringify(first.header)} is not a number; the rest of the column is numbers.${others}`,
    {
      file: plan.file,
      line: first.first.line,
      column: first.first.column,
      hint: `${plan.sniffed.decimalComma ? 'Numbers in this file are read with a decimal comma (3,14). ' : ''}Fix the cell, or import with --lenient to leave such cells empty; each one is then listed as a warning.`,
    },
  )
}

/** Metric (and W&B panel run) names taken from the header are within the name limit. */
function checkHeaderNames(plan: ImportPlan): void {
  const where = (i: number): { file: string; line: number; column: number } => ({ file: plan.file, line: plan.sniffed.headerLine, column: plan.sniffed.headerColumns[i] ?? 1 })
  for (const m of plan.metricColumns) checkName('metric', m.metric, where(m.index))
  for (const p of plan.panel) {
    checkName('run', p.run, where(p.value))
    checkName('metric', p.metric, where(p.value))
  }
}

/** A name over the limit found by the writer: point at the row's first field that long. */
export function locateLongName(plan: ImportPlan, row: CsvRow, e: LabError): LabError {
  for (let j = 0; j < row.count; j++) {
    const text = row.text(j).trim()
    if (isTooLong(text)) {
      const kind = /^The (\w+) name/.exec(e.message)?.[1] as 'run' | 'metric' | 'task' | undefined
      return nameTooLong(kind ?? 'run', text, { file: plan.file, ...row.locate(j) })
    }
  }
  return new LabError(e.code, e.message, { file: plan.file, line: row.line, column: 1, hint: e.hint ?? `Names are at most ${MAX_NAME_LENGTH} characters.` })
}

/**
 * A file whose every value was missing (NaN, empty) wrote nothing: refuse it rather than report 0 runs. Values
 * that update points already in the catalog (the same log imported from another file) count as written.
 */
function refuseIfNothingWritten(plan: ImportPlan, writer: ImportWriter, counts: WriterCounts, rows: number): void {
  // a table of runs also stores something when its runs carry sizes, a config or tags
  const runTable = plan.format === 'summary' || plan.format === 'wandb-runs' || plan.format === 'mlflow'
  const runData = runTable && ((Object.keys(plan.columns) as string[]).some((f) => f !== 'name') || plan.configColumns.length > 0 || plan.tagColumns.length > 0)
  if (writer.valuesWritten() > 0 || (runData && counts.runs > 0)) return
  throw new LabError('import-empty', `None of the file's ${rows} data row${rows === 1 ? '' : 's'} holds a usable value (every value is empty, NaN, None or inf); nothing was imported.`, {
    file: plan.file,
    line: plan.sniffed.headerLine + 1,
    column: 1,
    hint: 'Check that this is the export you meant and that its value columns are mapped, e.g. --map value=COLUMN.',
  })
}

/** Every data row has as many fields as the header (trailing empty extras are tolerated). */
export function checkWidth(plan: ImportPlan, row: CsvRow): void {
  const want = plan.header.length
  if (row.count === want) return
  if (row.count < want) {
    throw new LabError('import-ragged', `This row has ${row.count} field${row.count === 1 ? '' : 's'}; the header has ${want}.`, {
      file: plan.file,
      ...row.locate(row.count),
      hint: `Each row needs ${want} fields separated by ${JSON.stringify(plan.sniffed.delimiter)}; quote fields that contain it.`,
    })
  }
  for (let i = want; i < row.count; i++) {
    if (row.text(i).trim() !== '') {
      throw new LabError('import-ragged', `This row has ${row.count} fields; the header has ${want}.`, {
        file: plan.file,
        ...row.locate(i),
        hint: `Each row needs ${want} fields separated by ${JSON.stringify(plan.sniffed.delimiter)}; quote fields that contain it.`,
      })
    }
  }
}
