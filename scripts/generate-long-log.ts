/**
 * Write a synthetic long step log (run,step,metric,value) for the import benchmark and the worker tests:
 * `runs` model sizes, each logging `metrics` metrics every 10 steps. Training loss follows a power law in
 * the step towards an irreducible term, in the spirit of L = E + B / D^beta (Hoffmann et al. 2022,
 * arXiv 2203.15556), with seeded noise, so the file is reproducible byte for byte from its seed.
 *
 *   node --import tsx scripts/generate-long-log.ts [--rows 5000000] [--runs 20] [--seed 1] OUT.csv
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { seededRandom } from '../src/core/random'

export interface LongLogOptions {
  rows: number
  runs?: number
  seed?: number
}

const METRICS = ['train/loss', 'eval/loss', 'train/lr', 'train/grad_norm', 'throughput/tokens_per_sec'] as const

/** Writes the file and returns the number of data rows (exactly `rows`). */
export function generateLongLog(path: string, opts: LongLogOptions): number {
  const runs = Math.max(1, opts.runs ?? 20)
  const random = seededRandom(opts.seed ?? 1)
  const stepsPerRun = Math.ceil(opts.rows / (runs * METRICS.length))
  const fd = openSync(path, 'w')
  let chunk = 'run,step,metric,value\n'
  let written = 0
  try {
    for (let r = 0; r < runs && written < opts.rows; r++) {
      const params = 70e6 * Math.pow(2, r / 2)
      const name = `sweep-${String(r).padStart(2, '0')}-${Math.round(params / 1e6)}M`
      const floor = 1.69 + 406.4 / Math.pow(params, 0.34)
      for (let s = 0; s < stepsPerRun && written < opts.rows; s++) {
        const step = (s + 1) * 10
        const tokens = step * 2 ** 21
        const trend = floor + 410.7 / Math.pow(tokens, 0.28)
        const lr = 3e-4 * Math.min(1, step / 2000) * (0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * s) / stepsPerRun)))
        const values = [
          trend * (1 + 0.01 * random.normal()),
          trend * 1.02 * (1 + 0.002 * random.normal()),
          lr,
          0.3 + Math.abs(0.2 * random.normal()),
          1.2e6 * (1 + 0.05 * random.normal()) * (70e6 / params),
        ]
        for (let m = 0; m < METRICS.length && written < opts.rows; m++) {
          chunk += `${name},${step},${METRICS[m]},${values[m].toPrecision(7)}\n`
          written++
        }
        if (chunk.length > 1 << 16) {
          writeSync(fd, chunk)
          chunk = ''
        }
      }
    }
    writeSync(fd, chunk)
  } finally {
    closeSync(fd)
  }
  return written
}

function main(argv: string[]): void {
  const args = new Map<string, string>()
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) args.set(argv[i].slice(2), argv[++i])
    else rest.push(argv[i])
  }
  const out = rest[0]
  if (!out) {
    console.error('usage: node --import tsx scripts/generate-long-log.ts [--rows N] [--runs R] [--seed S] OUT.csv')
    process.exit(1)
  }
  const rows = generateLongLog(out, { rows: Number(args.get('rows') ?? 5_000_000), runs: Number(args.get('runs') ?? 20), seed: Number(args.get('seed') ?? 1) })
  console.log(`${out}: ${rows} rows`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2))
