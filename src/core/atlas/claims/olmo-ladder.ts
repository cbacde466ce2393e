/**
 * Bhagia et al. 2024 (arXiv 2412.04403): the ladder models the paper fits on cost about 1% of the compute of the
 * two targets they predict (7B trained to 4T tokens, 13B to 5T). FLOPs: C = D x flops-per-token of the repository's
 * MODEL_FLOPS (the runs' `flops` column).
 */
import { join } from 'node:path'
import type { AtlasReproduction } from '../../../shared/api/atlas'
import { cellNumber, readAtlasTable } from '../table'
import { absoluteClaim, fmt } from './claim'

export function reproduceOlmoLadder(folder: string): AtlasReproduction {
  const table = readAtlasTable(join(folder, 'runs.csv'))
  const fitting = table.rows.filter((r) => r.in_paper_main_fit === '1' && r.is_target === '0')
  const targets = table.rows.filter((r) => r.in_paper_main_fit === '1' && r.is_target === '1')
  const ladder = fitting.reduce((s, r) => s + cellNumber(table, r, 'flops'), 0)
  const target = targets.reduce((s, r) => s + cellNumber(table, r, 'flops'), 0)
  return {
    name: 'olmo-ladder',
    claims: [
      absoluteClaim(
        {
          claim: `Ladder compute (${fitting.length} fitting runs) as a share of the targets' (${targets.map((r) => r.name).join(' + ')})`,
          paper_value: 1,
          lab_value: (100 * ladder) / target,
          unit: '%',
          source: "Bhagia et al. 2024 (arXiv 2412.04403): the ladder models cost about 1% of the target models' compute",
        },
        0.5,
        'the paper rounds to a whole percent',
      ),
    ],
    notes: [
      `Ladder FLOPs ${ladder.toExponential(3)}; targets ${targets.map((r) => `${r.name} ${cellNumber(table, r, 'flops').toExponential(3)}`).join(', ')}.`,
      `Per target: ${targets.map((r) => `${r.name} ${fmt((100 * ladder) / cellNumber(table, r, 'flops'), 3)}%`).join(', ')}.`,
      'Loss: C4 (en) validation cross-entropy, nats/token, at the last checkpoint. Shipped: the 30 ladder runs (190M-3.2B at 0.5-10 x 20 tokens per parameter, and the five 1xC reruns, flagged is_rerun) and the two targets; left out: the 4,198 intermediate checkpoints and the other 7B/13B evaluation ranges.',
    ],
  }
}
