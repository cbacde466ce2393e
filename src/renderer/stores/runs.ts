/**
 * The runs of the current project with the table's state: filter, sort, selection (remembered), and the
 * edits: tag, untag, hide, delete with undo.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { RunSummary } from '../../shared/api'
import { clickSelect, distinctFamilies, distinctTags, filterRuns, sortRuns, withTag, withoutTag, type SortKey, type SortState } from '../catalog/run-table'
import { isBoolean, isNumberArray, loadSetting, saveSetting } from '../composables/persisted'
import { lab } from './lab'
import { useProjectsStore } from './projects'
import { useRunColumnsStore } from './run-columns'

const isSort = (v: unknown): v is SortState =>
  !!v && typeof v === 'object' && typeof (v as SortState).key === 'string' && ((v as SortState).dir === 'asc' || (v as SortState).dir === 'desc')

export const useRunsStore = defineStore('runs', () => {
  const projects = useProjectsStore()
  const runColumns = useRunColumnsStore()
  const runs = ref<RunSummary[]>([])
  const loading = ref(false)
  /** the runs before the filter expression, when one is applied (null: no filter) */
  const totalBeforeFilter = ref<number | null>(null)
  const error = ref<unknown>(null)
  const text = ref('')
  const family = ref('')
  const tag = ref('')
  const includeHidden = ref(loadSetting('includeHidden', false, isBoolean))
  const sort = ref<SortState>(loadSetting('runSort', { key: 'params', dir: 'asc' }, isSort))
  const selectedIds = ref<number[]>(loadSetting('selectedRuns', [], isNumberArray))
  const anchor = ref<number | null>(null)
  const undoStack = ref<{ token: string; count: number }[]>([])

  const shown = computed(() => sortRuns(filterRuns(runs.value, { text: text.value, family: family.value, tag: tag.value }), sort.value))
  const families = computed(() => distinctFamilies(runs.value))
  const tags = computed(() => distinctTags(runs.value))
  const selected = computed(() => runs.value.filter((r) => selectedIds.value.includes(r.id)))
  const selectedTags = computed(() => distinctTags(selected.value))

  // the answer of the latest refresh only: a slower earlier one (typing a filter) must not overwrite it
  let generation = 0

  async function refresh(): Promise<void> {
    const projectId = projects.currentId
    if (projectId === null) {
      runs.value = []
      return
    }
    const mine = ++generation
    loading.value = true
    try {
      const request = runColumns.request
      const [listed, before] = await Promise.all([
        lab().call('listRuns', { projectId, includeHidden: includeHidden.value, ...request }),
        // how many runs there are before the filter, so the view can say how many it kept
        request.filter ? lab().call('listRuns', { projectId, includeHidden: includeHidden.value }) : Promise.resolve(null),
      ])
      if (mine !== generation) return
      runs.value = listed
      totalBeforeFilter.value = before ? before.length : null
      error.value = null
      const known = new Set(runs.value.map((r) => r.id))
      selectedIds.value = selectedIds.value.filter((id) => known.has(id))
    } catch (e) {
      if (mine === generation) error.value = e
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function sortBy(key: SortKey): void {
    sort.value = sort.value.key === key ? { key, dir: sort.value.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }
  }

  function click(id: number, mods: { shift: boolean; ctrl: boolean }): void {
    const next = clickSelect({ ids: selectedIds.value, anchor: anchor.value }, shown.value.map((r) => r.id), id, mods)
    selectedIds.value = next.ids
    anchor.value = next.anchor
  }

  function toggle(id: number): void {
    click(id, { shift: false, ctrl: true })
  }

  function selectAll(): void {
    selectedIds.value = shown.value.map((r) => r.id)
  }

  function clearSelection(): void {
    selectedIds.value = []
    anchor.value = null
  }

  async function patchEach(targets: RunSummary[], patch: (r: RunSummary) => Parameters<typeof updateOne>[1]): Promise<void> {
    for (const r of targets) await updateOne(r.id, patch(r))
    await refresh()
  }

  async function updateOne(runId: number, patch: { tags?: string[]; hidden?: boolean }): Promise<void> {
    await lab().call('updateRun', { runId, ...patch })
  }

  async function addTag(t: string): Promise<number> {
    const targets = selected.value.filter((r) => !r.tags.includes(t.trim()))
    await patchEach(targets, (r) => ({ tags: withTag(r.tags, t) }))
    return targets.length
  }

  async function removeTag(t: string): Promise<number> {
    const targets = selected.value.filter((r) => r.tags.includes(t))
    await patchEach(targets, (r) => ({ tags: withoutTag(r.tags, t) }))
    return targets.length
  }

  async function setHidden(hidden: boolean): Promise<void> {
    await patchEach(selected.value.filter((r) => r.hidden !== hidden), () => ({ hidden }))
  }

  async function deleteSelected(): Promise<number> {
    const runIds = [...selectedIds.value]
    if (runIds.length === 0) return 0
    const res = await lab().call('deleteRuns', { runIds })
    undoStack.value = [...undoStack.value, { token: res.undoToken, count: res.deleted }]
    clearSelection()
    await refresh()
    return res.deleted
  }

  /** Undo the last deletion of this session; returns how many runs came back (0 when nothing to undo). */
  async function undoDelete(): Promise<number> {
    const last = undoStack.value[undoStack.value.length - 1]
    if (!last) return 0
    undoStack.value = undoStack.value.slice(0, -1)
    const res = await lab().call('undoDelete', { token: last.token })
    await refresh()
    return res.restored
  }

  watch(sort, (v) => saveSetting('runSort', v), { deep: true })
  watch(selectedIds, (v) => saveSetting('selectedRuns', v))
  // compared as text: a keystroke that leaves the request as it was (an expression still wrong) asks nothing
  watch(() => JSON.stringify(runColumns.request), () => void refresh())
  watch(includeHidden, (v) => {
    saveSetting('includeHidden', v)
    void refresh()
  })

  return {
    runs,
    loading,
    totalBeforeFilter,
    error,
    text,
    family,
    tag,
    includeHidden,
    sort,
    selectedIds,
    shown,
    families,
    tags,
    selected,
    selectedTags,
    undoStack,
    refresh,
    sortBy,
    click,
    toggle,
    selectAll,
    clearSelection,
    addTag,
    removeTag,
    setHidden,
    deleteSelected,
    undoDelete,
  }
})
