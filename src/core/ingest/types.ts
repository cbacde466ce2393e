/** The import API's requests and answers. */
import type { ImportPreview as SharedPreview, ImportSummary } from '../../shared/api/catalog'
import type { XKind } from '../catalog/types'
import type { ImportField } from './fields'
import type { ImportFormatName, ShapeFormat } from './formats'

export type { ImportSummary, ImportField, ImportFormatName, ShapeFormat }

export interface ImportOptions {
  /** project name; created when missing */
  project: string
  format?: ImportFormatName | string
  /** {field: column} overrides of the automatic mapping; an empty column unmaps the field */
  mapping?: Record<string, string>
  /** name shown in errors and used to name runs after the file (default: the path) */
  fileName?: string
  /** x axis of step logs when the column name does not say (default step) */
  xKind?: XKind
  /** the same file (SHA-256) imported before into the project is replaced: its rows removed, then imported anew */
  replace?: boolean
  /** leave result cells that are not numbers empty, each listed as a warning, instead of refusing the file */
  lenient?: boolean
  /** replace this earlier import (by id) whatever its bytes: a watched file that was rewritten or truncated */
  replaceImportId?: number
  /** a last row without its line end is held back, not imported (a file still being written); said in a warning */
  holdPartialRow?: boolean
  /** how long to wait for another import's write lock (default 60 s, or SCALING_LAB_LOCK_TIMEOUT_MS) */
  lockTimeoutMs?: number
  /** `atlas open` writing into its own read-only project (any other import into an atlas project is refused) */
  atlas?: boolean
}

export interface PreviewOptions {
  format?: ImportFormatName | string
  mapping?: Record<string, string>
  /** sample rows returned (default 20) */
  maxRows?: number
  fileName?: string
  xKind?: XKind
}

export interface ImportPreview extends SharedPreview {
  /** why this shape was chosen */
  why: string
  crlf: boolean
  /** the fields this shape can map, and those it needs */
  fields: ImportField[]
  requiredFields: (ImportField | ImportField[])[]
  /** what would stop the import as mapped now (empty when it can go ahead) */
  problems: string[]
  xKind: XKind
  /** columns stored as per-run metrics or metric series */
  metricColumns: string[]
}
