/**
 * The catalog table's metric columns (metric:agg, remembered per project) and its filter expression, checked here
 * with the engine's own parser (src/shared/run-filter.ts) so a mistake is shown under the box, with its position,
 * as it is typed; only a valid expression is sent with listRuns.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { LabError } from '../../shared/errors'
import { canonicalColumn, parseColumnSpec } from '../../shared/run-columns'
import { parseFilter } from '../../shared/run-filter'
import { loadSetting, saveSetting } from '../composables/persisted'
import { useProjectsStore } from './projects'

const isColumnList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && isColumn(s))

function isColumn(text: string): boolean {
  try {
    parseColumnSpec(text)
    return true
  } catch {
    return false
  }
}

export interface FilterProblem {
  message: string
  /** 1-based character position in the expression */
  column: number | null
}

const settingKey = (projectId: number | null): string => `runColumns.${projectId ?? 'none'}`

export const useRunColumnsStore = defineStore('run-columns', () => {
  const projects = useProjectsStore()
  const columns = ref<string[]>(loadSetting(settingKey(projects.currentId), [], isColumnList))
  const filter = ref('')

  const problem = computed<FilterProblem | null>(() => {
    if (filter.value.trim() === '') return null
    try {
      parseFilter(filter.value)
      return null
    } catch (e) {
      if (e instanceof LabError) return { message: e.message, column: e.column ?? null }
      return { message: String(e), column: null }
    }
  })

  /** what listRuns is asked: the columns, and the filter when it parses */
  const request = computed(() => ({
    columns: columns.value.length ? [...columns.value] : undefined,
    filter: filter.value.trim() !== '' && !problem.value ? filter.value : undefined,
  }))

  /** add a column unless the same one (written another way: at=1e9, at=1B) is there already */
  function add(text: string): void {
    const spec = parseColumnSpec(text)
    const same = canonicalColumn(spec)
    if (!columns.value.some((c) => canonicalColumn(parseColumnSpec(c)) === same)) columns.value = [...columns.value, spec.key]
  }

  function remove(key: string): void {
    columns.value = columns.value.filter((c) => c !== key)
  }

  watch(
    () => projects.currentId,
    (id) => {
      columns.value = loadSetting(settingKey(id), [], isColumnList)
      filter.value = ''
    },
  )
  watch(columns, (v) => saveSetting(settingKey(projects.currentId), v))

  return { columns, filter, problem, request, add, remove }
})
