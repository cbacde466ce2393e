/**
 * How runs become lines (groupBy): one line a run; a line per family; a line per tag (a run with two tags is in
 * both groups, runs without tags are "untagged"); a line per value of a configuration field; or, for `seed`, one
 * line per set of runs that are equal apart from their seed: the same config once the seed fields (seed,
 * random_seed, data_seed, init_seed, at any nesting such as `model.seed`) are left out, the same family, size,
 * tokens and FLOPs, and, when no config field names a seed, the same name once a trailing -s<k> / _seed<k> is cut
 * (or -rerun, as the OLMo ladder names the second seed of its 1xC runs: 190M-1xC and 190M-1xC-rerun).
 */
import type { CurveGroupBy } from '../../shared/api/curves'

export interface RunFacts {
  id: number
  name: string
  family: string | null
  params: number | null
  tokens: number | null
  flops: number | null
  tags: string[]
  config: Record<string, unknown>
}

export interface RunGroup {
  /** `run:<id>` or `group:<value>` */
  key: string
  label: string
  runIds: number[]
}

const SEED_FIELDS = new Set(['seed', 'random_seed', 'data_seed', 'init_seed'])
const NAME_SEED = /[-_](?:(?:s|seed)[-_]?\d+|rerun\d*)$/i

export function isSeedField(key: string): boolean {
  const last = key.split(/[./]/).pop() ?? key
  return SEED_FIELDS.has(last.toLowerCase())
}

/** The name without a trailing seed marker (`pythia-70m-s2` -> `pythia-70m`, `190M-1xC-rerun` -> `190M-1xC`). */
export function nameWithoutSeed(name: string): string {
  return name.replace(NAME_SEED, '')
}

export function groupRuns(runs: readonly RunFacts[], groupBy: CurveGroupBy): RunGroup[] {
  if (groupBy === 'none') return runs.map((r) => ({ key: `run:${r.id}`, label: r.name, runIds: [r.id] }))
  const groups = new Map<string, RunGroup>()
  const add = (value: string, label: string, runId: number): void => {
    let g = groups.get(value)
    if (!g) groups.set(value, (g = { key: `group:${value}`, label, runIds: [] }))
    g.runIds.push(runId)
  }
  for (const r of runs) {
    if (groupBy === 'family') add(r.family ?? '(no family)', r.family ?? '(no family)', r.id)
    else if (groupBy === 'tag') {
      if (r.tags.length === 0) add('untagged', 'untagged', r.id)
      for (const t of new Set(r.tags)) add(`tag=${t}`, t, r.id)
    } else if (groupBy === 'seed') {
      const k = seedKey(r)
      add(k, groups.get(k)?.label ?? seedLabel(r), r.id)
      const g = groups.get(k) as RunGroup
      g.key = `group:seeds-of-${Math.min(...g.runIds)}`
    } else {
      const field = groupBy.slice('config:'.length)
      const v = r.config[field]
      const text = v === undefined ? `(no ${field})` : typeof v === 'string' ? v : JSON.stringify(v)
      add(`${field}=${text}`, `${field}=${text}`, r.id)
    }
  }
  return [...groups.values()]
}

function seedKey(r: RunFacts): string {
  const config = Object.entries(r.config)
    .filter(([k]) => !isSeedField(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const hasSeedField = Object.keys(r.config).some(isSeedField)
  return JSON.stringify([hasSeedField ? null : nameWithoutSeed(r.name), r.family, r.params, r.tokens, r.flops, config])
}

function seedLabel(r: RunFacts): string {
  const cut = nameWithoutSeed(r.name)
  return cut !== r.name ? `${cut} (seeds)` : `${r.name} (seeds)`
}
