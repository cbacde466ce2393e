/** Load the Chinchilla fixture (Epoch AI's reconstruction of Hoffmann et al. 2022 Fig. 4) as ScalingPoints. */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ScalingPoint } from '../../../src/core/fit/types'

const here = dirname(fileURLToPath(import.meta.url))
export const CHINCHILLA_CSV = join(here, '..', '..', 'fixtures', 'chinchilla', 'svg_extracted_data.csv')

/** All 245 rows, or (dropFirst = 5) the 240 runs of the replication. */
export function loadChinchilla(dropFirst = 5): ScalingPoint[] {
  const lines = readFileSync(CHINCHILLA_CSV, 'utf8').trim().split(/\r?\n/)
  const header = lines[0].split(',')
  const col = (name: string): number => header.indexOf(name)
  const iN = col('Model Size')
  const iC = col('Training FLOP')
  const iL = col('loss')
  return lines
    .slice(1)
    .map((line, i) => {
      const c = line.split(',')
      const params = Number(c[iN])
      const flops = Number(c[iC])
      return { run: `row${i}`, params, flops, tokens: flops / (6 * params), loss: Number(c[iL]) }
    })
    .slice(dropFirst)
}
