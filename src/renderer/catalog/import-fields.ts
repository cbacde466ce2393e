/** The fields a column can be mapped to (as `scaling-lab import --map field=column` names them). */
export const RUN_FIELDS = ['name', 'family', 'params', 'active_params', 'nonembedding_params', 'tokens', 'flops', 'experts', 'top_k'] as const
export const SERIES_FIELDS = ['run', 'step', 'metric', 'value'] as const
/** run notes kept from a summary / W&B runs table */
export const META_FIELDS = ['tags', 'notes'] as const
/** evaluations (`n` the number of items behind a score; `family_flag` a yes/no column folded into the family) */
export const EVAL_FIELDS = ['model', 'task', 'stderr', 'n', 'shots', 'item', 'family_flag', 'checkpoint', 'choices', 'probability', 'correct'] as const
/** predictions, including per-option files (one row per item and answer option) */
export const PREDICTION_FIELDS = ['confidence', 'option', 'gold', 'is_gold'] as const

export const KNOWN_FIELDS: readonly string[] = [...RUN_FIELDS, ...META_FIELDS, ...SERIES_FIELDS, ...EVAL_FIELDS, ...PREDICTION_FIELDS]

/**
 * The mapping to send back: fields with a column, and (with an empty column, which the engine reads as
 * "leave this field unmapped") the fields the user cleared that the automatic mapping had chosen. A field
 * the user added and left empty is left out: there is nothing to undo.
 * @param auto the mapping the engine chose on its own (the preview before any edit)
 */
export function cleanMapping(m: Record<string, string>, auto: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(m).filter(([k, v]) => k.trim() && (v.trim() || k in auto)))
}

/**
 * The mapping to show after a preview: the preview's own, plus the fields the user cleared, kept with no
 * column so the user sees them unmapped and can map them again.
 */
export function shownMapping(previewMapping: Record<string, string>, edited: Record<string, string>, auto: Record<string, string>): Record<string, string> {
  const cleared = Object.entries(edited).filter(([k, v]) => !v.trim() && k in auto && !(k in previewMapping))
  return { ...previewMapping, ...Object.fromEntries(cleared) }
}

/** How a delimiter is named to the user. */
export function delimiterName(d: string): 'comma' | 'semicolon' | 'tab' | 'other' {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : 'other'
}
