/** The published scaling laws the lab offers as presets, as the About dialog lists them. */
export interface PresetSummary {
  id: string
  name: string
  citation: string
}

export function listPresetSummaries(): PresetSummary[] {
  return [
    { id: 'kaplan', name: 'Kaplan et al. 2020', citation: 'Kaplan et al. 2020, "Scaling Laws for Neural Language Models", arXiv:2001.08361' },
    { id: 'chinchilla', name: 'Hoffmann et al. 2022 (Chinchilla, Approach 3)', citation: 'Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models", arXiv:2203.15556' },
    { id: 'besiroglu', name: 'Besiroglu et al. 2024 (replication)', citation: 'Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", arXiv:2404.10102' },
  ]
}
