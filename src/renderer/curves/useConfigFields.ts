/**
 * The configuration fields the selected runs have (top-level keys of each run's config with a scalar value),
 * to group by; read from the first runs of the selection (a group-by field already chosen is always offered).
 */
import { ref, watch, type Ref } from 'vue'
import type { CurveGroupBy } from '../../shared/api/curves'
import { lab } from '../stores/lab'

const RUNS_READ = 24

export function useConfigFields(runIds: Ref<number[]>, groupBy: () => CurveGroupBy): Ref<string[]> {
  const fields = ref<string[]>([])
  async function read(ids: number[]): Promise<void> {
    const found = new Set<string>()
    for (const id of ids.slice(0, RUNS_READ)) {
      try {
        const run = await lab().call('getRun', { runId: id })
        for (const [k, v] of Object.entries(run.config ?? {})) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) found.add(k)
      } catch {
        // a run that cannot be read is reported by the chart's own warnings; its fields are simply not offered
      }
    }
    const g = groupBy()
    if (g.startsWith('config:')) found.add(g.slice('config:'.length))
    fields.value = [...found].sort((a, b) => a.localeCompare(b))
  }
  watch(runIds, (ids) => void read(ids), { immediate: true })
  return fields
}
