/** Pipeline stage names as the engine reports them (strip-html) -> i18n keys under data.stageNames (stripHtml). */
import type { CorpusStageName } from '../../../shared/api'

export const STAGE_KEYS: Record<CorpusStageName, string> = {
  'strip-html': 'stripHtml',
  quality: 'quality',
  harmful: 'harmful',
  'exact-dedup': 'exactDedup',
  'near-dedup': 'nearDedup',
  decontaminate: 'decontaminate',
}

/** the i18n key of a stage, or 'working' for any other job message (loading sources, writing) */
export function stageKey(message: string): string {
  return (STAGE_KEYS as Record<string, string>)[message] ?? 'working'
}
