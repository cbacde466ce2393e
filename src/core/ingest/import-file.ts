/**
 * Import one CSV file into the catalog, whole or not at all: hash it (same SHA-256 already imported into the
 * project -> reported as a duplicate, nothing written; with `replace`, the earlier import's rows are removed in
 * the same transaction and the file imported anew), sniff and plan it (refusing before any write when the
 * mapping cannot work), then stream every row inside one transaction. Any error rolls the file back and is
 * reported with its file, line and column.
 */
import { LabError, isLabError } from '../../shared/errors'
import { Catalog, replacementWarnings } from '../catalog'
import { CancelledError, type ProgressOptions } from '../jobs/cancelled'
import { Cells } from './cells'
import type { CsvRow } from './csv-tokenizer'
import { sha256File } from './hash-file'
import { ImportWriter } from './import-writer'
import { buildPlan, type ImportPlan } from './plan'
import { readCsvFile } from './read-csv-file'
import { SHAPES } from './shapes'
import { sniffFile } from './sniff'
import type { ImportOptions, ImportSummary } from './types'

/** Page cache of the import connection (KiB). */
const IMPORT_CACHE_KIB = 64 * 1024

/**
 * Import into `catalog`. A file catalog gets its own connection for the transaction, so nothing else done
 * meanwhile on `catalog`'s connection can slip into (or be rolled back with) the import.
 */
export async function importFile(catalog: Catalog, path: string, options: ImportOptions, opts: ProgressOptions = {}): Promise<ImportSummary> {
  if (catalog.path === ':memory:' || catalog.path === '') return importWithConnection(catalog, path, options, opts)
  const connection = new Catalog(catalog.path, { cacheKiB: IMPORT_CACHE_KIB })
  try {
    return await importWithConnection(connection, path, options, opts)
  } finally {
    connection.close()
  }
}

/** Import using this very connection (the worker's own, or an in-memory catalog). */
export async function importWithConnection(catalog: Catalog, path: string, options: ImportOptions, opts: ProgressOptions = {}): Promise<ImportSummary> {
  const file = options.fileName ?? path
  const project = options.project?.trim()
  if (!project) throw new LabError('import-project', 'Name the project to import into.', { file })
  const { sha256, size } = await sha256File(path, opts.signal).catch((e: unknown) => {
    if (e instanceof CancelledError) throw e
    const err = e as NodeJS.ErrnoException
    throw new LabError('import-open', `Cannot read the file: ${err.code === 'ENOENT' ? 'no such file' : err.message}.`, { file })
  })
  const earlier = catalog.findImport(project, sha256)
  if (earlier && !options.replace) {
    return { file, format: earlier.format, runs: 0, points: 0, evals: 0, predictions: 0, duplicate: true, importId: earlier.id, warnings: [], items: 0 }
  }

  const sniffed = await sniffFile(path, file)
  const plan = buildPlan(sniffed, { format: options.format, mapping: options.mapping, xKind: options.xKind }, file)
  if (plan.problems.length) {
    throw new LabError('import-mapping', plan.problems.join(' '), { file, line: 1, column: 1, hint: 'Correct the shape (--format) or the column mapping (--map field=column).' })
  }

  const db = catalog.db
  // Foreign-key checks cost a parent lookup per point (about a fifth of the insert time). The writer only
  // uses run and series ids it has just upserted or read in this transaction, so the references hold by
  // construction; the checks are switched back on after the transaction (they cannot change inside one).
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF')
  try {
    db.exec('BEGIN IMMEDIATE')
  } catch (e) {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new LabError('catalog-busy', 'Another import is writing to the catalog.', { file, hint: 'Try again when it has finished.' })
    }
    throw e
  }
  try {
    const again = catalog.findImport(project, sha256)
    const replaced = again && options.replace ? catalog.removeImportRows(again.id) : undefined
    if (again && !replaced) {
      db.exec('ROLLBACK')
      return { file, format: again.format, runs: 0, points: 0, evals: 0, predictions: 0, duplicate: true, importId: again.id, warnings: [], items: 0 }
    }
    const projectId = catalog.ensureProject(project).id
    const importId = Number(
      db
        .prepare('INSERT INTO imports (project_id, file_name, size, sha256, format, mapping) VALUES (?, ?, ?, ?, ?, ?)')
        .run(projectId, file, size, sha256, plan.format, JSON.stringify(plan.mapping)).lastInsertRowid,
    )
    const writer = new ImportWriter(db, projectId, importId)
    const shape = SHAPES[plan.format]({ plan, writer, cells: new Cells(plan) })
    let dataRows = 0
    const onRow = (row: CsvRow): void => {
      if (row.index === 0) return
      checkWidth(plan, row)
      dataRows++
      try {
        shape.row(row)
      } catch (e) {
        if (isLabError(e)) throw e
        throw new LabError('import-failed', `This row could not be stored: ${(e as Error).message}`, { file, line: row.line, column: 1 })
      }
    }
    const name = file.split(/[\\/]/).pop() ?? file
    await readCsvFile(
      path,
      {
        delimiter: sniffed.delimiter,
        file,
        startOffset: sniffed.startOffset,
        signal: opts.signal,
        onChunk: (read, total) => opts.onProgress?.(total ? read / total : 1, `Importing ${name}`),
      },
      onRow,
    )
    if (dataRows === 0) {
      throw new LabError('import-empty', 'The file has a header but no data rows.', { file, line: 2, column: 1, hint: 'Add rows below the header, or choose another file.' })
    }
    const warnings = [...(replaced ? replacementWarnings(replaced) : []), ...plan.warnings, ...(shape.finish?.() ?? [])]
    const items = shape.items?.() ?? 0
    const counts = writer.finish()
    db.prepare('UPDATE imports SET counts = ? WHERE id = ?').run(JSON.stringify({ ...counts, rows: dataRows, items, warnings: warnings.length }), importId)
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

/** Every data row has as many fields as the header (trailing empty extras are tolerated). */
function checkWidth(plan: ImportPlan, row: CsvRow): void {
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
