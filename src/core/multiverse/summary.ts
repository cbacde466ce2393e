/**
 * Summaries of a specification curve (Simonsohn, Simmons & Nelson 2020, Nature Human Behaviour 4):
 *  - spread: [min, max] of each decision quantity over the converged specifications;
 *  - influence of a choice dimension: max - min over its levels of the median log10(tokens per parameter) of the
 *    converged specifications at that level (levels with no such specification are left out); the most influential
 *    choice is the dimension with the largest range (none when no dimension has two levels with values).
 */
import { CHOICE_DIMENSIONS, type ChoiceDimension, type InfluenceRow, type MultiverseResult, type SpecResult } from './types'

export const INFLUENCE_MEASURE =
  'range over a choice\'s levels of the median log10(tokens per parameter at the budget) among converged specifications'

export function median(values: readonly number[]): number {
  const s = [...values].sort((p, q) => p - q)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function range(specs: readonly SpecResult[], key: 'a' | 'b' | 'tokens_per_param' | 'loss_at_budget'): [number, number] | null {
  const v = specs.map((s) => s[key]).filter((x): x is number => x !== null)
  return v.length ? [Math.min(...v), Math.max(...v)] : null
}

export function spread(specs: readonly SpecResult[]): MultiverseResult['spread'] {
  const ok = specs.filter((s) => s.converged)
  return { a: range(ok, 'a'), b: range(ok, 'b'), tokens_per_param: range(ok, 'tokens_per_param'), loss_at_budget: range(ok, 'loss_at_budget') }
}

export function influence(specs: readonly SpecResult[]): InfluenceRow[] {
  const ok = specs.filter((s) => s.converged && s.tokens_per_param !== null && s.tokens_per_param > 0)
  const rows: InfluenceRow[] = []
  for (const dimension of CHOICE_DIMENSIONS) {
    const byLevel = new Map<string, number[]>()
    for (const s of ok) {
      const level = s.choices[dimension]
      if (level === null) continue
      const list = byLevel.get(level) ?? []
      list.push(Math.log10(s.tokens_per_param as number))
      byLevel.set(level, list)
    }
    if (byLevel.size < 2) continue
    const medians = Object.fromEntries([...byLevel].map(([level, v]) => [level, median(v)]))
    const m = Object.values(medians)
    rows.push({ dimension, range: Math.max(...m) - Math.min(...m), medians })
  }
  return rows.sort((p, q) => q.range - p.range)
}

export function mostInfluential(rows: readonly InfluenceRow[]): ChoiceDimension | null {
  return rows.length ? rows[0].dimension : null
}
