/** The fields a column can be mapped to (as `scaling-lab import --map field=column` names them). */
export const RUN_FIELDS = ['name', 'family', 'params', 'active_params', 'nonembedding_params', 'tokens', 'flops', 'experts', 'top_k'] as const
export const SERIES_FIELDS = ['run', 'step', 'metric', 'value'] as const
export const EVAL_FIELDS = ['model', 'task', 'stderr', 'n', 'shots', 'item', 'family_flag', 'probability', 'correct'] as const

export const KNOWN_FIELDS: readonly string[] = [...RUN_FIELDS, ...SERIES_FIELDS, ...EVAL_FIELDS]

/** The mapping to send back: fields without a column are left out. */
export function cleanMapping(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).filter(([k, v]) => k.trim() && v.trim()))
}

/** How a delimiter is named to the user. */
export function delimiterName(d: string): 'comma' | 'semicolon' | 'tab' | 'other' {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : 'other'
}
