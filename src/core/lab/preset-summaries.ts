/** The published scaling laws the lab offers as presets, as the About dialog lists them (derived from src/core/fit/presets.ts). */
import { PRESETS } from '../fit/presets'

export interface PresetSummary {
  id: string
  name: string
  citation: string
}

/** Short display names; the citation is the preset's own. */
const NAMES: Record<keyof typeof PRESETS, string> = {
  kaplan: 'Kaplan et al. 2020',
  chinchilla: 'Hoffmann et al. 2022 (Chinchilla, Approach 3)',
  besiroglu: 'Besiroglu et al. 2024 (replication)',
  'hoffmann-approach1': 'Hoffmann et al. 2022 (Approach 1 allocation)',
  'hoffmann-approach2': 'Hoffmann et al. 2022 (Approach 2 allocation)',
}

export function listPresetSummaries(): PresetSummary[] {
  return (['kaplan', 'chinchilla', 'hoffmann-approach1', 'hoffmann-approach2', 'besiroglu'] as const).map((id) => ({ id, name: NAMES[id], citation: PRESETS[id].citation }))
}
