/**
 * The fields a column can be mapped to, and the header names each is recognised by. Headers are compared
 * after normalising case and spacing ("Model Size", "model_size" and "MODEL-SIZE" are the same name).
 */

export const RUN_FIELDS = ['name', 'family', 'params', 'active_params', 'nonembedding_params', 'tokens', 'flops', 'experts', 'top_k'] as const
export type RunField = (typeof RUN_FIELDS)[number]

export const IMPORT_FIELDS = [
  ...RUN_FIELDS,
  'tags',
  'notes',
  'run',
  'step',
  'metric',
  'value',
  'model',
  'task',
  'item',
  'n',
  'family_flag',
  'probability',
  'confidence',
  'correct',
  'stderr',
  'shots',
  'checkpoint',
  'choices',
  // per-option prediction files (one row per item and answer option)
  'option',
  'gold',
  'is_gold',
] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

export function isImportField(s: string): s is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(s)
}

/** lower case; spaces, hyphens and underscores collapsed into one underscore (a leading _ as in W&B's _step stays) */
export function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s\-_]+/g, '_')
}

/** Recognised header names per field, best first (normalised form). */
export const ALIASES: Record<ImportField, readonly string[]> = {
  name: ['name', 'run', 'run_name', 'runname', 'model', 'model_name', 'model_id', 'run_id'],
  family: ['family', 'model_family', 'series', 'group', 'model_type', 'architecture', 'arch'],
  params: ['params', 'parameters', 'n_params', 'num_params', 'nparams', 'param_count', 'parameter_count', 'model_size', 'total_params', 'n_parameters', 'num_parameters', '#params', 'size', 'n'],
  active_params: ['active_params', 'activated_params', 'n_active_params', 'num_active_params', 'active_parameters', 'activated_parameters'],
  nonembedding_params: ['nonembedding_params', 'non_embedding_params', 'n_nonembedding_params', 'nonembedding_parameters', 'non_embedding_parameters', 'params_nonembedding', 'n_non_embedding'],
  tokens: ['tokens', 'training_tokens', 'train_tokens', 'n_tokens', 'num_tokens', 'total_tokens', 'tokens_seen', 'dataset_size', 'data_size', 'd'],
  flops: ['flops', 'flop', 'training_flop', 'training_flops', 'train_flops', 'total_flops', 'compute', 'compute_flops', 'c'],
  experts: ['experts', 'num_experts', 'n_experts', 'expert_count', 'moe_experts'],
  top_k: ['top_k', 'topk', 'experts_per_token', 'num_experts_per_tok', 'moe_top_k', 'k'],
  tags: ['tags', 'labels'],
  notes: ['notes', 'note', 'description', 'comment', 'comments'],
  run: ['run', 'run_name', 'runname', 'name', 'run_id', 'model', 'model_name', 'experiment'],
  step: ['step', 'steps', '_step', 'global_step', 'trainer/global_step', 'train/global_step', 'iteration', 'iter', 'it', 'update', 'updates'],
  metric: ['metric', 'metric_name', 'key', 'tag', 'measure', 'variable'],
  value: ['value', 'val', 'metric_value', 'score', 'y'],
  model: ['model', 'model_name', 'name', 'run', 'run_name', 'model_id'],
  task: ['task', 'task_name', 'benchmark', 'eval', 'eval_name', 'dataset', 'experiment'],
  item: ['item', 'item_id', 'index', 'idx', 'example', 'example_id', 'doc_id', 'question_id', 'sample_id', 'qid', 'id'],
  n: ['n', 'n_examples', 'num_examples', 'n_samples', 'num_samples', 'n_items', 'num_items', 'sample_size'],
  family_flag: ['deduped', 'dedup', 'dedupe', 'is_deduped', 'is_dedup', 'deduplicated', 'is_deduplicated'],
  probability: ['probability', 'prob', 'p_correct', 'prob_correct', 'probability_correct', 'correct_prob', 'p_true', 'p'],
  confidence: ['confidence', 'conf', 'p_chosen', 'max_prob', 'confidence_score'],
  correct: ['correct', 'is_correct', 'right', 'hit', 'label'],
  stderr: ['stderr', 'std_err', 'standard_error', 'se', 'sem', 'acc_stderr', 'err', 'std'],
  shots: ['shots', 'shot', 'fewshot', 'few_shot', 'num_fewshot', 'n_shot', 'n_shots', 'k_shot', 'kshot'],
  checkpoint: ['checkpoint', 'ckpt', 'step', 'revision', 'global_step', 'iteration'],
  choices: ['choices', 'n_choices', 'num_choices', 'n_options', 'options'],
  option: ['option', 'option_id', 'option_index', 'choice', 'choice_id', 'choice_index', 'candidate', 'answer_option'],
  gold: ['gold', 'gold_option', 'gold_answer', 'gold_label', 'gold_index', 'answer_key'],
  is_gold: ['is_gold', 'gold_flag', 'is_answer', 'is_target', 'is_correct_option'],
}

/**
 * Item columns of an evaluation table (one row per item: rows of a group are then aggregated). Narrower than
 * the prediction table's: a pandas `index` or a bare `id` column numbers rows, not items.
 */
export const EVAL_ITEM_COLUMNS = ['item', 'item_id', 'example', 'example_id', 'doc_id', 'question_id', 'sample_id', 'qid']

/**
 * Prefixes under which W&B runs tables and MLflow exports nest configuration (`model.n_params`,
 * `config.train_tokens`, `params.n_layer`); stripped when a run field is looked up by its aliases.
 */
export const NESTED_PREFIXES = ['config.', 'model.', 'data.', 'params.', 'train.', 'trainer.', 'config/', 'model/', 'data/', 'train/']

/** Aliases too short or too vague to be trusted under a prefix (`data.size` is not a parameter count). */
const VAGUE_ALIASES = new Set(['n', 'd', 'c', 'k', 'size', 'compute', 'group', 'series', 'arch'])

/** A header without its nesting prefixes (`config.model.n_params` -> `n_params`); normalised form in and out. */
export function stripNesting(normalized: string): string {
  let h = normalized
  for (;;) {
    const p = NESTED_PREFIXES.find((x) => h.startsWith(x) && h.length > x.length)
    if (!p) return h
    h = h.slice(p.length)
  }
}

/** The aliases of a field that may be matched under a nesting prefix. */
export function nestedAliases(field: ImportField): string[] {
  return ALIASES[field].filter((a) => !VAGUE_ALIASES.has(a))
}

/** The family label a flag column gives (`is_deduped`, `dedup` -> `deduped`). */
export function flagLabel(header: string): string {
  const h = normalizeHeader(header).replace(/^is_/, '')
  return /^dedup/.test(h) ? 'deduped' : h
}

/** Value columns of an evaluation table that has no `value` column: the column's name becomes the metric. */
export const EVAL_VALUE_COLUMNS = ['accuracy', 'acc', 'acc_norm', 'exact_match', 'em', 'f1', 'pass@1', 'result', 'bleu', 'rouge', 'perplexity', 'ppl', 'loss']

/** Columns over which a step log may be indexed instead of the step, with the x kind they give. */
export const X_COLUMNS: { names: readonly string[]; kind: 'tokens' | 'flops' | 'step' }[] = [
  { names: ['tokens', 'tokens_seen', 'train_tokens', 'num_tokens', 'n_tokens', 'consumed_tokens', 'total_tokens'], kind: 'tokens' },
  { names: ['flops', 'flop', 'compute', 'train_flops', 'total_flops'], kind: 'flops' },
  { names: ['epoch', 'epochs'], kind: 'step' },
]

export function findColumn(normalized: readonly string[], names: readonly string[], taken: ReadonlySet<number> = new Set()): number {
  for (const name of names) {
    const i = normalized.findIndex((h, j) => h === name && !taken.has(j))
    if (i !== -1) return i
  }
  return -1
}
