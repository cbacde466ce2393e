/**
 * The shapes a run-log CSV comes in, what each needs, and how a shape is recognised from the header row
 * (and, for TensorBoard, the file name). The rules are checked most specific first.
 */
import { ALIASES, EVAL_VALUE_COLUMNS, X_COLUMNS, findColumn, normalizeHeader, type ImportField } from './fields'

export const SHAPE_FORMATS = ['summary', 'long', 'wide', 'wandb-panel', 'wandb-runs', 'tensorboard', 'mlflow', 'evals', 'predictions'] as const
export type ShapeFormat = (typeof SHAPE_FORMATS)[number]
export type ImportFormatName = ShapeFormat | 'auto'

export function isShapeFormat(s: string): s is ShapeFormat {
  return (SHAPE_FORMATS as readonly string[]).includes(s)
}

const RUN_LEVEL: ImportField[] = ['family', 'params', 'active_params', 'nonembedding_params', 'experts', 'top_k']

/** Fields each shape can map, and the ones it cannot do without (an inner array: one of them). */
export const FORMAT_FIELDS: Record<ShapeFormat, { fields: ImportField[]; required: (ImportField | ImportField[])[] }> = {
  summary: { fields: ['name', 'family', 'family_flag', 'params', 'active_params', 'nonembedding_params', 'tokens', 'flops', 'experts', 'top_k', 'tags', 'notes'], required: [] },
  long: { fields: ['run', 'step', 'metric', 'value', ...RUN_LEVEL], required: ['step', 'metric', 'value'] },
  wide: { fields: ['run', 'step', ...RUN_LEVEL], required: ['step'] },
  'wandb-panel': { fields: ['step'], required: ['step'] },
  'wandb-runs': { fields: ['name', 'tags', 'notes', 'family', 'family_flag', 'params', 'active_params', 'nonembedding_params', 'tokens', 'flops', 'experts', 'top_k'], required: ['name'] },
  tensorboard: { fields: ['step', 'value'], required: ['step', 'value'] },
  mlflow: { fields: ['name', 'family', 'family_flag', 'params', 'active_params', 'nonembedding_params', 'tokens', 'flops', 'experts', 'top_k'], required: ['name'] },
  evals: { fields: ['model', 'task', 'metric', 'value', 'stderr', 'n', 'item', 'shots', 'checkpoint', 'tokens', 'choices', 'family_flag', ...RUN_LEVEL], required: ['model', 'task', 'value'] },
  predictions: {
    fields: ['model', 'task', 'item', 'option', 'is_gold', 'gold', 'probability', 'confidence', 'correct', ...RUN_LEVEL],
    required: ['model', 'task', 'item', ['probability', 'confidence']],
  },
}

/** `<run> - <metric>` with optional __MIN / __MAX, as W&B writes a panel's CSV */
export const PANEL_COLUMN = /^(.+?) - (.+?)(__MIN|__MAX)?$/
/** run-<run>-tag-<tag>.csv, as TensorBoard names a scalar download */
export const TENSORBOARD_FILE = /^run[-_](.*)[-_]tag[-_](.+)\.csv$/i

/**
 * @param sample first data rows, when known: a run column whose names repeat next to a tokens / FLOPs column
 *   (and no parameter count) makes a wide step log rather than a one-row-per-run table
 */
export function detectFormat(header: readonly string[], fileName: string, sample: readonly string[][] = []): { format: ShapeFormat; why: string } {
  const h = header.map(normalizeHeader)
  const has = (names: readonly string[]): boolean => findColumn(h, names) !== -1
  const base = fileName.split(/[\\/]/).pop() ?? fileName

  if ((h.length === 3 && h[0] === 'wall_time' && h[1] === 'step' && h[2] === 'value') || (TENSORBOARD_FILE.test(base) && has(['step']) && has(['value']))) {
    return { format: 'tensorboard', why: 'columns Wall time, Step, Value' }
  }
  const panel = header.filter((c) => PANEL_COLUMN.test(c.trim())).length
  if (panel > 0 && panel >= header.length / 2) return { format: 'wandb-panel', why: `${panel} columns named "<run> - <metric>"` }
  if (has(['run_id']) && h.some((c) => c.startsWith('metrics.') || c.startsWith('params.') || c.startsWith('tags.'))) {
    return { format: 'mlflow', why: 'run_id with metrics.* / params.* columns' }
  }
  if (has(['name']) && has(['state']) && has(['runtime', 'created', 'sweep', 'user', 'notes', 'tags'])) {
    return { format: 'wandb-runs', why: 'Name, State and Created / Runtime / Tags columns' }
  }
  const model = has(ALIASES.model)
  const task = has(ALIASES.task)
  if (model && task && has(ALIASES.item) && (has(ALIASES.probability) || has(ALIASES.confidence))) {
    return { format: 'predictions', why: 'model, task, item and probability / confidence columns' }
  }
  if (model && task && (has(ALIASES.value) || has(EVAL_VALUE_COLUMNS))) return { format: 'evals', why: 'model, task and value / accuracy columns' }
  if (has(ALIASES.metric) && has(ALIASES.value) && (has(ALIASES.step) || X_COLUMNS.some((x) => has(x.names)))) {
    return { format: 'long', why: 'step, metric and value columns' }
  }
  if (has(ALIASES.step)) {
    return { format: 'wide', why: 'a step column and one column per metric' }
  }
  const run = findColumn(h, ALIASES.run)
  if (run !== -1 && X_COLUMNS.some((x) => has(x.names)) && !has(ALIASES.params)) {
    const names = sample.map((r) => (r[run] ?? '').trim()).filter((n) => n !== '')
    if (new Set(names).size < names.length) return { format: 'wide', why: 'run names repeat beside a tokens / FLOPs column: a log over tokens' }
  }
  return { format: 'summary', why: 'one row per run' }
}
