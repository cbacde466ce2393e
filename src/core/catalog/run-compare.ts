/**
 * Compare runs: every run field a user sets (family, counts, tags, notes) and every key of the runs' config JSON,
 * nested objects flattened with dots (`config.optimizer.lr`); a field is listed when its values are not all equal
 * (a run without the field counts as null), and the equal ones are counted and named, not dropped in silence.
 */
import type { RunComparison } from '../../shared/api/runs-compare'
import type { RunDetail } from './types'

const RUN_FIELDS = ['family', 'params', 'activeParams', 'nonembeddingParams', 'tokens', 'flops', 'experts', 'topK', 'tags', 'notes', 'hidden'] as const

/** Nested objects become dotted keys; arrays and scalars are values. */
export function flattenConfig(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0 && prefix) out.set(prefix, {})
    for (const [k, v] of entries) flattenConfig(v, prefix ? `${prefix}.${k}` : k, out)
  } else if (prefix) out.set(prefix, value)
  return out
}

function fieldsOf(run: RunDetail): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const f of RUN_FIELDS) out.set(f, run[f] ?? null)
  for (const [k, v] of flattenConfig(run.config ?? {}, '', new Map())) out.set(`config.${k}`, v)
  return out
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export function compareRuns(runs: readonly RunDetail[]): RunComparison {
  const fields = runs.map(fieldsOf)
  const names: string[] = []
  for (const f of fields) for (const k of f.keys()) if (!names.includes(k)) names.push(k)
  const differing: RunComparison['differing'] = []
  const equalFields: string[] = []
  for (const name of names) {
    const values = fields.map((f) => (f.has(name) ? (f.get(name) ?? null) : null))
    if (values.every((v) => same(v, values[0]))) equalFields.push(name)
    else differing.push({ field: name, values })
  }
  return { runs: runs.map((r) => ({ id: r.id, name: r.name })), differing, equal: equalFields.length, equalFields }
}
