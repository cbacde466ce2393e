/** The run fields grouping needs (name, family, sizes, tags, config), read for a list of run ids. */
import type Database from 'better-sqlite3'
import type { RunFacts } from './run-groups'

interface Row {
  id: number
  name: string
  family: string | null
  params: number | null
  tokens: number | null
  flops: number | null
  tags: string
  config: string
}

/** Facts in the order of `ids`; ids not in the catalog are returned apart. */
export function readRunFacts(db: Database.Database, ids: readonly number[]): { runs: RunFacts[]; unknown: number[] } {
  const rows = db
    .prepare(`SELECT id, name, family, params, tokens, flops, tags, config FROM runs WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as Row[]
  const byId = new Map(rows.map((r) => [r.id, r]))
  const runs: RunFacts[] = []
  const unknown: number[] = []
  for (const id of new Set(ids)) {
    const r = byId.get(id)
    if (!r) unknown.push(id)
    else runs.push({ id, name: r.name, family: r.family, params: r.params, tokens: r.tokens, flops: r.flops, tags: JSON.parse(r.tags) as string[], config: JSON.parse(r.config) as Record<string, unknown> })
  }
  return { runs, unknown }
}
