/**
 * From a sniffed file and the user's choices to an import plan: the shape, which column feeds which field
 * (automatic, overridable with {field: column}), which columns become metrics, config or tags, and what was
 * left out. Problems that make the import impossible (a required field without a column, a mapping that
 * names no column) are collected, so a preview can show them and an import can refuse before writing.
 */
import type { XKind } from '../catalog/types'
import { ALIASES, EVAL_ITEM_COLUMNS, EVAL_VALUE_COLUMNS, RUN_FIELDS, X_COLUMNS, findColumn, isImportField, normalizeHeader, type ImportField } from './fields'
import { autoFamilyFlag, autoItemCount, autoNested, missingRunSizes } from './plan-auto'
import { FORMAT_FIELDS, PANEL_COLUMN, TENSORBOARD_FILE, detectFormat, isShapeFormat, type ShapeFormat } from './formats'
import { type Census, type ColumnJudgement, cellPlace, censusSample, judgeColumn, quoteCell, type TextCell } from './census'
import type { Sniffed } from './sniff'
import { WALL_TIME_COLUMNS, preferredWallTime, wallTimeNote, type WallTimeColumn } from './wall-time'

export interface PanelColumn {
  run: string
  metric: string
  value: number
  /** __MIN / __MAX column, -1 when absent */
  lo: number
  hi: number
  /** the run's W&B `_runtime` (relative) or `_timestamp` (absolute), stored as the wall_time series */
  wallTime?: 'relative' | 'absolute'
}

export interface ImportPlan {
  /** rows appended to a file imported before (import-growth.ts): a run's wall time counts from its recorded first row */
  appending?: boolean
  file: string
  format: ShapeFormat
  /** why this shape was chosen */
  why: string
  sniffed: Sniffed
  header: string[]
  /** field -> column index */
  columns: Partial<Record<ImportField, number>>
  /** field -> column header, as shown to the user */
  mapping: Record<string, string>
  /** per-run summary metrics (summary, wandb-runs, mlflow) or one series each (wide) */
  metricColumns: { index: number; metric: string }[]
  /** kept in the run's config */
  configColumns: { index: number; key: string }[]
  /** MLflow tags.* columns, stored as run tags key=value */
  tagColumns: { index: number; key: string }[]
  panel: PanelColumn[]
  /** a step log's wall-time column, stored as the wall_time series (wall-time.ts) */
  wallTime?: WallTimeColumn
  xKind: XKind
  /** run name when no column gives it: from the file name */
  runFromFile: string
  /** metric name when no column gives it (TensorBoard tag, evaluation value column) */
  metricFromFile?: string
  /** metric columns typed as numbers over the whole file that still hold text cells (typos) */
  badColumns: BadColumn[]
  warnings: string[]
  problems: string[]
}

export interface BadColumn {
  index: number
  header: string
  /** text cells in the column */
  count: number
  first: TextCell
}

export interface PlanOptions {
  format?: string
  mapping?: Record<string, string | null | undefined>
  /** x axis of step logs: step (default, or from the x column's name), tokens or flops */
  xKind?: XKind
}

/** Mapping names that mean the same field in a given shape (the run is `name` in summaries, `model` in evaluations). */
function canonicalField(field: string, format: ShapeFormat): string {
  const f = normalizeHeader(field)
  const runName = format === 'evals' || format === 'predictions' ? 'model' : format === 'long' || format === 'wide' ? 'run' : 'name'
  if (f === 'name' || f === 'run' || f === 'model') return runName
  if (f === 'x') return 'step'
  if (f === 'y') return 'value'
  return f
}

export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file
  return base.replace(/\.(csv|tsv|txt)$/i, '') || 'run'
}

function parentFolder(file: string): string | undefined {
  const parts = file.split(/[\\/]/).filter(Boolean)
  return parts.length >= 2 ? parts[parts.length - 2] : undefined
}

const METRIC_WORDS = new Set(['loss', 'acc', 'accuracy', 'perplexity', 'ppl', 'bpb', 'bpc', 'bits', 'f1', 'em', 'exact', 'match', 'score', 'error', 'bleu', 'rouge', 'auc', 'reward', 'nll', 'ece', 'brier', 'precision', 'recall'])

/** A W&B runs-table column that holds a result rather than a hyperparameter. */
function looksLikeMetric(name: string): boolean {
  if (name.includes('/')) return true
  return normalizeHeader(name)
    .split(/[_.]/)
    .some((w) => METRIC_WORDS.has(w))
}

/** A metric column's name as stored: trimmed, and `loss` in any case or spacing as `loss`, the name fits look for. */
function metricName(header: string): string {
  const name = header.trim()
  return normalizeHeader(name) === 'loss' ? 'loss' : name
}

const SKIP_COLUMNS = new Set(['', 'unnamed:_0', 'index', 'wall_time', 'walltime', 'timestamp', '_timestamp', '_runtime', 'relative_time', 'time'])

/** What the steps of buildPlan share while they build a plan. */
interface Draft {
  sniffed: Sniffed
  file: string
  header: string[]
  normalized: string[]
  format: ShapeFormat
  spec: (typeof FORMAT_FIELDS)[ShapeFormat]
  /** field -> column; -1 while a field is mapped to nothing on purpose */
  columns: Partial<Record<ImportField, number>>
  taken: Set<number>
  xKind: XKind
  runFromFile: string
  metricFromFile?: string
  panel: PanelColumn[]
  warnings: string[]
  problems: string[]
}

/** The remaining columns sorted into metrics, config and tags. */
interface Sorted {
  metricColumns: { index: number; metric: string }[]
  configColumns: { index: number; key: string }[]
  tagColumns: { index: number; key: string }[]
  ignored: string[]
  /** result-like columns left as text (config, or not imported in a wide log) */
  textColumns: number[]
  /** numeric wall-time columns of a step log (wide, TensorBoard); the preferred one is kept */
  wallTimes: WallTimeColumn[]
}

type Kind = (i: number) => ColumnJudgement['kind']

/**
 * @param census the whole file's column counts (censusFile); without it, columns are typed from the sniffed
 *   sample rows (tests, and shapes that type no columns)
 */
export function buildPlan(sniffed: Sniffed, opts: PlanOptions, file: string, census?: Census): ImportPlan {
  const problems: string[] = []
  const { format, why } = chooseFormat(sniffed, opts, file, problems)
  const d: Draft = {
    sniffed,
    file,
    header: sniffed.header,
    normalized: sniffed.header.map(normalizeHeader),
    format,
    spec: FORMAT_FIELDS[format],
    columns: {},
    taken: new Set<number>(),
    xKind: opts.xKind ?? 'step',
    runFromFile: fileStem(file),
    panel: [],
    warnings: [],
    problems,
  }
  applyUserMapping(d, opts.mapping ?? {})
  autoMapShape(d)
  autoNested(d.spec.fields, d.normalized, d.columns, d.taken)
  autoFamilyFlag(d.spec.fields, d.header, d.normalized, sniffed.sampleRows, d.columns, d.taken, d.warnings)
  autoEvalValue(d)
  chooseX(d, opts.xKind)
  checkRequired(d)
  const counts = census ?? censusSample(sniffed)
  const judge = judgeOnce(counts)
  const kind: Kind = (i) => judge(i).kind
  const sorted = sortRemaining(d, kind)
  const wallTime = keepWallTime(d, sorted)
  const badColumns = findBadColumns(d, sorted, counts, judge)
  warnTextColumns(d, sorted, counts, kind)
  finishPanel(d)
  checkSomethingToImport(d, sorted, kind)
  warnSummary(d, sorted)
  return {
    file,
    format,
    why,
    sniffed,
    header: d.header,
    columns: d.columns,
    mapping: mappingShown(d),
    metricColumns: sorted.metricColumns,
    configColumns: sorted.configColumns,
    tagColumns: sorted.tagColumns,
    panel: d.panel,
    ...(wallTime ? { wallTime } : {}),
    xKind: d.xKind,
    runFromFile: d.runFromFile,
    metricFromFile: d.metricFromFile,
    badColumns,
    warnings: d.warnings,
    problems,
  }
}

/** The shape the user chose, or the one detected from the header, file name and first rows. */
function chooseFormat(sniffed: Sniffed, opts: PlanOptions, file: string, problems: string[]): { format: ShapeFormat; why: string } {
  if (!opts.format || opts.format === 'auto') return detectFormat(sniffed.header, file, sniffed.sampleRows)
  if (isShapeFormat(opts.format)) return { format: opts.format, why: 'chosen by you' }
  problems.push(`Unknown format ${JSON.stringify(opts.format)}.`)
  return { format: 'summary', why: 'chosen by you' }
}

function take(d: Draft, field: ImportField, index: number): void {
  d.columns[field] = index
  d.taken.add(index)
}

/** 1. The user's mapping {field: column}; an empty column maps the field to nothing. */
function applyUserMapping(d: Draft, mapping: Record<string, string | null | undefined>): void {
  for (const [rawField, column] of Object.entries(mapping)) {
    const field = canonicalField(rawField, d.format)
    if (!isImportField(field)) {
      d.problems.push(`${rawField} is not a field that can be mapped (fields: ${d.spec.fields.join(', ')}).`)
      continue
    }
    if (column === null || column === undefined || column === '') {
      d.columns[field] = -1
      continue
    }
    let index = d.header.indexOf(column)
    if (index === -1) index = d.normalized.indexOf(normalizeHeader(column))
    if (index === -1) {
      d.problems.push(`There is no column ${JSON.stringify(column)} for ${field} (columns: ${d.header.map((c) => JSON.stringify(c)).join(', ')}).`)
      continue
    }
    if (!d.spec.fields.includes(field)) d.warnings.push(`${field} is not used by the ${d.format} shape; the mapping ${field}=${column} is ignored.`)
    take(d, field, index)
  }
}

/** Give an unmapped field the first free column whose normalised header is one of `names`. */
function auto(d: Draft, field: ImportField, names: readonly string[] = ALIASES[field]): void {
  if (d.columns[field] !== undefined) return
  const i = findColumn(d.normalized, names, d.taken)
  if (i !== -1) take(d, field, i)
}

/** 2. Automatic mapping of the shape's fields the user left out. */
function autoMapShape(d: Draft): void {
  switch (d.format) {
    case 'mlflow':
      auto(d, 'name', ['tags.mlflow.runname', 'run_name', 'run_id'])
      for (const f of RUN_FIELDS) if (f !== 'name') auto(d, f, ALIASES[f].map((a) => `params.${a}`))
      return
    case 'wandb-panel': {
      if (d.columns.step !== undefined) return
      const i = d.header.findIndex((c, j) => !d.taken.has(j) && !PANEL_COLUMN.test(c.trim()))
      if (i !== -1) take(d, 'step', i)
      return
    }
    case 'tensorboard':
      auto(d, 'step')
      auto(d, 'value')
      namesFromTensorBoardFile(d)
      return
    case 'evals':
      auto(d, 'item', EVAL_ITEM_COLUMNS)
      autoItemCount(d.normalized, d.sniffed.sampleRows, d.sniffed.decimalComma, d.columns, d.taken)
      for (const f of d.spec.fields) if (f !== 'item' && f !== 'n' && f !== 'family_flag') auto(d, f)
      return
    default:
      for (const f of d.spec.fields) if (f !== 'family_flag') auto(d, f)
  }
}

/** TensorBoard's run-<run>-tag-<tag>.csv names the run and the metric. */
function namesFromTensorBoardFile(d: Draft): void {
  const m = TENSORBOARD_FILE.exec(d.file.split(/[\\/]/).pop() ?? d.file)
  if (m) {
    d.runFromFile = m[1] && m[1] !== '.' ? m[1] : (parentFolder(d.file) ?? 'run')
    d.metricFromFile = m[2]
    return
  }
  d.metricFromFile = 'value'
  d.warnings.push(`The file name is not TensorBoard's run-<run>-tag-<tag>.csv: the run is named ${d.runFromFile} and the metric "value".`)
}

/** Evaluations: a value column by its usual names, and the metric named after it when no column gives one. */
function autoEvalValue(d: Draft): void {
  if (d.format !== 'evals') return
  const { columns, header, normalized } = d
  if (columns.value === undefined) {
    const i = findColumn(normalized, EVAL_VALUE_COLUMNS, d.taken)
    if (i !== -1) {
      take(d, 'value', i)
      if (columns.metric === undefined) d.metricFromFile = header[i]
    }
  }
  if (columns.metric === undefined && d.metricFromFile === undefined && columns.value !== undefined && columns.value >= 0) {
    d.metricFromFile = normalized[columns.value] === 'value' ? 'value' : header[columns.value]
  }
}

/** Step logs: the x column (step, tokens or flops) and, unless the user chose, the x kind its name says. */
function chooseX(d: Draft, chosenKind: XKind | undefined): void {
  const { format, columns } = d
  if ((format === 'long' || format === 'wide') && (columns.step === undefined || columns.step < 0)) {
    for (const x of X_COLUMNS) {
      const i = findColumn(d.normalized, x.names, d.taken)
      if (i !== -1) {
        take(d, 'step', i)
        if (!chosenKind) d.xKind = x.kind
        return
      }
    }
  } else if ((format === 'long' || format === 'wide' || format === 'wandb-panel') && columns.step !== undefined && columns.step >= 0 && !chosenKind) {
    const name = d.normalized[columns.step]
    const x = X_COLUMNS.find((c) => c.names.includes(name))
    if (x) d.xKind = x.kind
  }
}

/** 3. Every required field has a column; fields mapped to nothing are dropped; missing run sizes are said. */
function checkRequired(d: Draft): void {
  for (const req of d.spec.required) {
    const options = Array.isArray(req) ? req : [req]
    if (!options.some((f) => d.columns[f] !== undefined && d.columns[f]! >= 0)) {
      d.problems.push(
        `The ${d.format} shape needs a column for ${options.join(' or ')}; none was recognised among ${d.header.map((c) => JSON.stringify(c)).join(', ')}. Map one with --map ${options[0]}=COLUMN.`,
      )
    }
  }
  for (const f of Object.keys(d.columns) as ImportField[]) if (d.columns[f] === -1) delete d.columns[f]
  d.warnings.push(...missingRunSizes(d.format, d.header, d.columns, d.taken))
}

/** Judge each column once, on demand. */
function judgeOnce(counts: Census): (i: number) => ColumnJudgement {
  const judged = new Map<number, ColumnJudgement>()
  return (i) => {
    let j = judged.get(i)
    if (!j) judged.set(i, (j = judgeColumn(counts.columns[i])))
    return j
  }
}

/** 4. The columns no field took: metrics, config, tags, panel series, or not imported. */
function sortRemaining(d: Draft, kind: Kind): Sorted {
  const out: Sorted = { metricColumns: [], configColumns: [], tagColumns: [], ignored: [], textColumns: [], wallTimes: [] }
  d.header.forEach((name, i) => {
    if (d.taken.has(i)) return
    const n = d.normalized[i]
    const wall = WALL_TIME_COLUMNS.get(n)
    if (wall && (d.format === 'wide' || d.format === 'tensorboard') && kind(i) === 'numeric') return void out.wallTimes.push({ index: i, header: name, kind: wall })
    switch (d.format) {
      case 'summary':
        return sortSummaryColumn(out, name, n, i, kind)
      case 'wide':
        return sortWideColumn(out, name, n, i, kind)
      case 'wandb-runs':
        return sortWandbRunsColumn(out, name, n, i, kind)
      case 'mlflow':
        return sortMlflowColumn(out, name, n, i, kind)
      case 'wandb-panel':
        return sortPanelColumn(d.panel, out, name, i)
      default:
        out.ignored.push(name)
    }
  })
  return out
}

function sortSummaryColumn(out: Sorted, name: string, n: string, i: number, kind: Kind): void {
  if (SKIP_COLUMNS.has(n) || n.startsWith('unnamed')) return void out.ignored.push(name)
  if (kind(i) === 'numeric') out.metricColumns.push({ index: i, metric: metricName(name) })
  else out.configColumns.push({ index: i, key: name })
}

function sortWideColumn(out: Sorted, name: string, n: string, i: number, kind: Kind): void {
  if (SKIP_COLUMNS.has(n) || n.startsWith('unnamed') || X_COLUMNS.some((x) => x.names.includes(n))) return void out.ignored.push(name)
  if (kind(i) === 'text') {
    out.textColumns.push(i)
    return void out.ignored.push(`${name} (text)`)
  }
  out.metricColumns.push({ index: i, metric: metricName(name) })
}

function sortWandbRunsColumn(out: Sorted, name: string, n: string, i: number, kind: Kind): void {
  if (n.startsWith('_')) return void out.ignored.push(name)
  if (looksLikeMetric(name) && kind(i) !== 'text') out.metricColumns.push({ index: i, metric: name })
  else out.configColumns.push({ index: i, key: name })
}

function sortMlflowColumn(out: Sorted, name: string, n: string, i: number, kind: Kind): void {
  if (n.startsWith('metrics.') && kind(i) === 'text') out.configColumns.push({ index: i, key: name.trim() })
  else if (n.startsWith('metrics.')) out.metricColumns.push({ index: i, metric: name.trim().slice('metrics.'.length) })
  else if (n.startsWith('params.')) out.configColumns.push({ index: i, key: name.trim().slice('params.'.length) })
  else if (n.startsWith('tags.mlflow.')) out.ignored.push(name)
  else if (n.startsWith('tags.')) out.tagColumns.push({ index: i, key: name.trim().slice('tags.'.length) })
  else if (SKIP_COLUMNS.has(n) || n.startsWith('unnamed')) out.ignored.push(name)
  else out.configColumns.push({ index: i, key: name })
}

/** The preferred wall-time column is kept (and said); the others are listed as not imported. */
function keepWallTime(d: Draft, sorted: Sorted): WallTimeColumn | undefined {
  const kept = preferredWallTime(sorted.wallTimes, d.normalized)
  for (const c of sorted.wallTimes) if (c !== kept) sorted.ignored.push(c.header)
  if (kept) d.warnings.push(wallTimeNote(kept))
  return kept
}

/** A W&B panel column "<run> - <metric>" (or its __MIN / __MAX companion) joins that series. */
function sortPanelColumn(panel: PanelColumn[], out: Sorted, name: string, i: number): void {
  const m = PANEL_COLUMN.exec(name.trim())
  if (!m) return void out.ignored.push(name)
  const run = m[1].replace(/^Group:\s*/, '').trim()
  const logged = m[2].trim()
  if (logged === '_step') return void out.ignored.push(name)
  const wallTime = logged === '_runtime' ? 'relative' : logged === '_timestamp' ? 'absolute' : undefined
  const metric = wallTime ? 'wall_time' : logged
  let p = panel.find((c) => c.run === run && c.metric === metric)
  if (p?.wallTime && wallTime) {
    // both _runtime and _timestamp: keep _runtime
    if (wallTime === 'absolute' || p.wallTime === 'relative') return void out.ignored.push(name)
    Object.assign(p, { value: -1, lo: -1, hi: -1, wallTime })
  }
  if (!p) {
    p = { run, metric, value: -1, lo: -1, hi: -1, ...(wallTime ? { wallTime } : {}) }
    panel.push(p)
  }
  if (m[3] === '__MIN') p.lo = i
  else if (m[3] === '__MAX') p.hi = i
  else if (p.value === -1) p.value = i
}

/** Metric columns typed as numbers that still hold text cells, with the first one. */
function findBadColumns(d: Draft, sorted: Sorted, counts: Census, judge: (i: number) => ColumnJudgement): BadColumn[] {
  const badColumns: BadColumn[] = []
  for (const m of sorted.metricColumns) {
    const c = counts.columns[m.index]
    const j = judge(m.index)
    if (j.bad > 0) badColumns.push({ index: m.index, header: d.header[m.index], count: j.bad, first: c.firstTexts[0] })
  }
  return badColumns
}

/** A result column kept as text although it holds numbers: say so, with its first text cell. */
function warnTextColumns(d: Draft, sorted: Sorted, counts: Census, kind: Kind): void {
  const { format, header, normalized } = d
  const resultLike = (i: number): boolean =>
    format === 'summary' || (format === 'wandb-runs' && looksLikeMetric(header[i])) || (format === 'mlflow' && normalized[i].startsWith('metrics.'))
  const textColumns = [...sorted.textColumns]
  for (const c of sorted.configColumns) if (resultLike(c.index)) textColumns.push(c.index)
  for (const i of textColumns) {
    const c = counts.columns[i]
    if (kind(i) !== 'text' || c.numbers === 0) continue
    const first = c.firstTexts[0]
    d.warnings.push(
      `Column ${JSON.stringify(header[i])} holds ${c.numbers} number${c.numbers === 1 ? '' : 's'} and ${c.texts} text cell${c.texts === 1 ? '' : 's'} (first ${quoteCell(first.text)} at ${cellPlace(d.file, first)}); it is ${format === 'wide' ? 'not imported' : 'kept as text in the run\'s config'}.`,
    )
  }
}

/** W&B panel series without a value column are skipped, and said. */
function finishPanel(d: Draft): void {
  if (d.format !== 'wandb-panel') return
  for (const p of d.panel) if (p.value === -1) d.warnings.push(`W&B column "${p.run} - ${p.metric}" has only __MIN / __MAX columns; it is skipped.`)
  const usable = d.panel.filter((p) => p.value !== -1)
  d.panel.splice(0, d.panel.length, ...usable)
  const clocks = usable.filter((p) => p.wallTime)
  if (clocks.length) {
    const kinds = [...new Set(clocks.map((p) => (p.wallTime === 'relative' ? '_runtime (as logged)' : "_timestamp (minus the run's first time)")))]
    d.warnings.push(`W&B ${kinds.join(' and ')} of ${clocks.length} run${clocks.length === 1 ? '' : 's'} kept as the wall_time series (seconds since each run's first row).`)
  }
  if (usable.length === 0) d.problems.push('No "<run> - <metric>" value columns were found in this W&B panel export.')
}

/** A summary or wide log with no column of values has nothing to import. */
function checkSomethingToImport(d: Draft, sorted: Sorted, kind: Kind): void {
  const { format, header, columns } = d
  if (format === 'summary' && sorted.metricColumns.length === 0 && !RUN_FIELDS.some((f) => f !== 'name' && f !== 'family' && columns[f] !== undefined)) {
    const empty = header.filter((_, i) => !d.taken.has(i) && kind(i) === 'empty').map((c) => JSON.stringify(c))
    const noValue = empty.length ? ` Every cell of ${empty.join(', ')} is empty, NaN, None or inf: the file holds no usable value there.` : ''
    d.problems.push(`No column of numbers was recognised (columns: ${header.map((c) => JSON.stringify(c)).join(', ')}).${noValue} Choose the shape with --format, or map columns with --map.`)
  }
  if (format === 'wide' && sorted.metricColumns.length === 0) d.problems.push('A wide step log needs at least one metric column besides the step.')
}

/** What was left out, stored as metrics, and named after the file. */
function warnSummary(d: Draft, sorted: Sorted): void {
  const { format, columns, runFromFile, warnings } = d
  if (sorted.ignored.length) warnings.push(`Columns not imported: ${sorted.ignored.map((c) => (c === '' ? '(the unnamed first column)' : c)).join(', ')}.`)
  if (sorted.metricColumns.length && (format === 'summary' || format === 'wandb-runs' || format === 'mlflow')) {
    warnings.push(`Stored as per-run metrics: ${sorted.metricColumns.map((m) => m.metric).join(', ')}.`)
  }
  if (format === 'summary' && columns.name === undefined) warnings.push(`No run-name column: runs are named ${runFromFile}-1, ${runFromFile}-2, ... after the file and row.`)
  if ((format === 'long' || format === 'wide') && columns.run === undefined) warnings.push(`No run column: every row belongs to run ${runFromFile} (from the file name).`)
}

/** field -> column header, as shown to the user. */
function mappingShown(d: Draft): Record<string, string> {
  const mapping: Record<string, string> = {}
  for (const [f, i] of Object.entries(d.columns)) if (i !== undefined && i >= 0) mapping[f] = d.header[i]
  return mapping
}
