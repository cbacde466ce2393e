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

export interface PanelColumn {
  run: string
  metric: string
  value: number
  /** __MIN / __MAX column, -1 when absent */
  lo: number
  hi: number
}

export interface ImportPlan {
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

/**
 * @param census the whole file's column counts (censusFile); without it, columns are typed from the sniffed
 *   sample rows (tests, and shapes that type no columns)
 */
export function buildPlan(sniffed: Sniffed, opts: PlanOptions, file: string, census?: Census): ImportPlan {
  const header = sniffed.header
  const normalized = header.map(normalizeHeader)
  const warnings: string[] = []
  const problems: string[] = []

  let format: ShapeFormat
  let why: string
  if (opts.format && opts.format !== 'auto') {
    if (!isShapeFormat(opts.format)) {
      problems.push(`Unknown format ${JSON.stringify(opts.format)}.`)
      format = 'summary'
    } else format = opts.format
    why = 'chosen by you'
  } else {
    ;({ format, why } = detectFormat(header, file, sniffed.sampleRows))
  }

  const spec = FORMAT_FIELDS[format]
  const columns: Partial<Record<ImportField, number>> = {}
  const taken = new Set<number>()
  const take = (field: ImportField, index: number): void => {
    columns[field] = index
    taken.add(index)
  }

  // 1. the user's mapping
  for (const [rawField, column] of Object.entries(opts.mapping ?? {})) {
    const field = canonicalField(rawField, format)
    if (!isImportField(field)) {
      problems.push(`${rawField} is not a field that can be mapped (fields: ${spec.fields.join(', ')}).`)
      continue
    }
    if (column === null || column === undefined || column === '') {
      columns[field] = -1
      continue
    }
    let index = header.indexOf(column)
    if (index === -1) index = normalized.indexOf(normalizeHeader(column))
    if (index === -1) {
      problems.push(`There is no column ${JSON.stringify(column)} for ${field} (columns: ${header.map((c) => JSON.stringify(c)).join(', ')}).`)
      continue
    }
    if (!spec.fields.includes(field)) warnings.push(`${field} is not used by the ${format} shape; the mapping ${field}=${column} is ignored.`)
    take(field, index)
  }

  // 2. automatic mapping for the rest
  const auto = (field: ImportField, names: readonly string[] = ALIASES[field]): void => {
    if (columns[field] !== undefined) return
    const i = findColumn(normalized, names, taken)
    if (i !== -1) take(field, i)
  }
  let xKind: XKind = opts.xKind ?? 'step'
  let metricFromFile: string | undefined
  let runFromFile = fileStem(file)
  const panel: PanelColumn[] = []

  switch (format) {
    case 'mlflow': {
      auto('name', ['tags.mlflow.runname', 'run_name', 'run_id'])
      for (const f of RUN_FIELDS) if (f !== 'name') auto(f, ALIASES[f].map((a) => `params.${a}`))
      break
    }
    case 'wandb-panel': {
      if (columns.step === undefined) {
        const i = header.findIndex((c, j) => !taken.has(j) && !PANEL_COLUMN.test(c.trim()))
        if (i !== -1) take('step', i)
      }
      break
    }
    case 'tensorboard': {
      auto('step')
      auto('value')
      const m = TENSORBOARD_FILE.exec(file.split(/[\\/]/).pop() ?? file)
      if (m) {
        runFromFile = m[1] && m[1] !== '.' ? m[1] : (parentFolder(file) ?? 'run')
        metricFromFile = m[2]
      } else {
        metricFromFile = 'value'
        warnings.push(`The file name is not TensorBoard's run-<run>-tag-<tag>.csv: the run is named ${runFromFile} and the metric "value".`)
      }
      break
    }
    case 'evals': {
      auto('item', EVAL_ITEM_COLUMNS)
      autoItemCount(normalized, sniffed.sampleRows, sniffed.decimalComma, columns, taken)
      for (const f of spec.fields) if (f !== 'item' && f !== 'n' && f !== 'family_flag') auto(f)
      break
    }
    case 'predictions':
    case 'long':
    case 'wide': {
      for (const f of spec.fields) if (f !== 'family_flag') auto(f)
      break
    }
    default:
      for (const f of spec.fields) if (f !== 'family_flag') auto(f)
  }

  autoNested(spec.fields, normalized, columns, taken)
  autoFamilyFlag(spec.fields, header, normalized, sniffed.sampleRows, columns, taken, warnings)

  if (format === 'evals' && columns.value === undefined) {
    const i = findColumn(normalized, EVAL_VALUE_COLUMNS, taken)
    if (i !== -1) {
      take('value', i)
      if (columns.metric === undefined) metricFromFile = header[i]
    }
  }
  if (format === 'evals' && columns.metric === undefined && metricFromFile === undefined && columns.value !== undefined && columns.value >= 0) {
    metricFromFile = normalized[columns.value] === 'value' ? 'value' : header[columns.value]
  }
  if ((format === 'long' || format === 'wide') && (columns.step === undefined || columns.step < 0)) {
    for (const x of X_COLUMNS) {
      const i = findColumn(normalized, x.names, taken)
      if (i !== -1) {
        take('step', i)
        if (!opts.xKind) xKind = x.kind
        break
      }
    }
  } else if ((format === 'long' || format === 'wide' || format === 'wandb-panel') && columns.step !== undefined && columns.step >= 0 && !opts.xKind) {
    const name = normalized[columns.step]
    const x = X_COLUMNS.find((c) => c.names.includes(name))
    if (x) xKind = x.kind
  }

  // 3. required fields
  for (const req of spec.required) {
    const options = Array.isArray(req) ? req : [req]
    if (!options.some((f) => columns[f] !== undefined && columns[f]! >= 0)) {
      problems.push(
        `The ${format} shape needs a column for ${options.join(' or ')}; none was recognised among ${header.map((c) => JSON.stringify(c)).join(', ')}. Map one with --map ${options[0]}=COLUMN.`,
      )
    }
  }
  for (const f of Object.keys(columns) as ImportField[]) if (columns[f] === -1) delete columns[f]
  warnings.push(...missingRunSizes(format, header, columns, taken))

  // 4. the remaining columns
  const metricColumns: { index: number; metric: string }[] = []
  const configColumns: { index: number; key: string }[] = []
  const tagColumns: { index: number; key: string }[] = []
  const ignored: string[] = []
  const counts = census ?? censusSample(sniffed)
  const judged = new Map<number, ColumnJudgement>()
  const judge = (i: number): ColumnJudgement => {
    let j = judged.get(i)
    if (!j) judged.set(i, (j = judgeColumn(counts.columns[i])))
    return j
  }
  const kind = (i: number): ColumnJudgement['kind'] => judge(i).kind
  /** result-like columns left as text (config, or not imported in a wide log) */
  const textColumns: number[] = []
  header.forEach((name, i) => {
    if (taken.has(i)) return
    const n = normalized[i]
    switch (format) {
      case 'summary': {
        if (SKIP_COLUMNS.has(n) || n.startsWith('unnamed')) return void ignored.push(name)
        if (kind(i) === 'numeric') metricColumns.push({ index: i, metric: metricName(name) })
        else configColumns.push({ index: i, key: name })
        return
      }
      case 'wide': {
        if (SKIP_COLUMNS.has(n) || n.startsWith('unnamed') || X_COLUMNS.some((x) => x.names.includes(n))) return void ignored.push(name)
        if (kind(i) === 'text') {
          textColumns.push(i)
          return void ignored.push(`${name} (text)`)
        }
        metricColumns.push({ index: i, metric: metricName(name) })
        return
      }
      case 'wandb-runs': {
        if (n.startsWith('_')) return void ignored.push(name)
        if (looksLikeMetric(name) && kind(i) !== 'text') metricColumns.push({ index: i, metric: name })
        else configColumns.push({ index: i, key: name })
        return
      }
      case 'mlflow': {
        if (n.startsWith('metrics.') && kind(i) === 'text') configColumns.push({ index: i, key: name.trim() })
        else if (n.startsWith('metrics.')) metricColumns.push({ index: i, metric: name.trim().slice('metrics.'.length) })
        else if (n.startsWith('params.')) configColumns.push({ index: i, key: name.trim().slice('params.'.length) })
        else if (n.startsWith('tags.mlflow.')) ignored.push(name)
        else if (n.startsWith('tags.')) tagColumns.push({ index: i, key: name.trim().slice('tags.'.length) })
        else if (SKIP_COLUMNS.has(n) || n.startsWith('unnamed')) ignored.push(name)
        else configColumns.push({ index: i, key: name })
        return
      }
      case 'wandb-panel': {
        const m = PANEL_COLUMN.exec(name.trim())
        if (!m) return void ignored.push(name)
        const run = m[1].replace(/^Group:\s*/, '').trim()
        const metric = m[2].trim()
        if (metric === '_step' || metric === '_runtime' || metric === '_timestamp') return void ignored.push(name)
        let p = panel.find((c) => c.run === run && c.metric === metric)
        if (!p) {
          p = { run, metric, value: -1, lo: -1, hi: -1 }
          panel.push(p)
        }
        if (m[3] === '__MIN') p.lo = i
        else if (m[3] === '__MAX') p.hi = i
        else if (p.value === -1) p.value = i
        return
      }
      default:
        ignored.push(name)
    }
  })
  const badColumns: BadColumn[] = []
  for (const m of metricColumns) {
    const c = counts.columns[m.index]
    const j = judge(m.index)
    if (j.bad > 0) badColumns.push({ index: m.index, header: header[m.index], count: j.bad, first: c.firstTexts[0] })
  }
  // a result column kept as text although it holds numbers: say so, with its first text cell
  const resultLike = (i: number): boolean =>
    format === 'summary' || (format === 'wandb-runs' && looksLikeMetric(header[i])) || (format === 'mlflow' && normalized[i].startsWith('metrics.'))
  for (const c of configColumns) if (resultLike(c.index)) textColumns.push(c.index)
  for (const i of textColumns) {
    const c = counts.columns[i]
    if (kind(i) !== 'text' || c.numbers === 0) continue
    const first = c.firstTexts[0]
    warnings.push(
      `Column ${JSON.stringify(header[i])} holds ${c.numbers} number${c.numbers === 1 ? '' : 's'} and ${c.texts} text cell${c.texts === 1 ? '' : 's'} (first ${quoteCell(first.text)} at ${cellPlace(file, first)}); it is ${format === 'wide' ? 'not imported' : 'kept as text in the run\'s config'}.`,
    )
  }
  if (format === 'wandb-panel') {
    for (const p of panel) if (p.value === -1) warnings.push(`W&B column "${p.run} - ${p.metric}" has only __MIN / __MAX columns; it is skipped.`)
    const usable = panel.filter((p) => p.value !== -1)
    panel.splice(0, panel.length, ...usable)
    if (usable.length === 0) problems.push('No "<run> - <metric>" value columns were found in this W&B panel export.')
  }
  if (format === 'summary' && metricColumns.length === 0 && !RUN_FIELDS.some((f) => f !== 'name' && f !== 'family' && columns[f] !== undefined)) {
    const empty = header.filter((_, i) => !taken.has(i) && kind(i) === 'empty').map((c) => JSON.stringify(c))
    const noValue = empty.length ? ` Every cell of ${empty.join(', ')} is empty, NaN, None or inf: the file holds no usable value there.` : ''
    problems.push(`No column of numbers was recognised (columns: ${header.map((c) => JSON.stringify(c)).join(', ')}).${noValue} Choose the shape with --format, or map columns with --map.`)
  }
  if (format === 'wide' && metricColumns.length === 0) problems.push('A wide step log needs at least one metric column besides the step.')
  if (ignored.length) warnings.push(`Columns not imported: ${ignored.map((c) => (c === '' ? '(the unnamed first column)' : c)).join(', ')}.`)
  if (metricColumns.length && (format === 'summary' || format === 'wandb-runs' || format === 'mlflow')) {
    warnings.push(`Stored as per-run metrics: ${metricColumns.map((m) => m.metric).join(', ')}.`)
  }
  if (format === 'summary' && columns.name === undefined) warnings.push(`No run-name column: runs are named ${runFromFile}-1, ${runFromFile}-2, ... after the file and row.`)
  if ((format === 'long' || format === 'wide') && columns.run === undefined) warnings.push(`No run column: every row belongs to run ${runFromFile} (from the file name).`)

  const mapping: Record<string, string> = {}
  for (const [f, i] of Object.entries(columns)) if (i !== undefined && i >= 0) mapping[f] = header[i]

  return {
    file,
    format,
    why,
    sniffed,
    header,
    columns,
    mapping,
    metricColumns,
    configColumns,
    tagColumns,
    panel,
    xKind,
    runFromFile,
    metricFromFile,
    badColumns,
    warnings,
    problems,
  }
}
