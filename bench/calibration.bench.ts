/**
 * Benchmark: calibration of 1,000,000 per-example predictions across 10 models (100,000 each) with a
 * 1,000-resample bootstrap over items, end to end from PredictionRow objects (validation, grouping,
 * sorting, reliability diagram, ECE / MCE / Brier / NLL and their intervals), on one thread and on
 * worker threads.
 * Target (issue 4): under 5 s on the project's 2-core machine. No reference tool is installed for this
 * measure, so the target is the reference; the ratio printed is measured / target (below 1 passes).
 * Run: node --import tsx bench/calibration.bench.ts
 */
import { availableParallelism, loadavg } from 'node:os'
import { seededRandom } from '../src/core/random'
import type { PredictionRow } from '../src/core/analysis/types'
import { analyzeCalibrationParallel } from '../src/core/analysis/calibration-parallel'
import { analyzeCalibration, type CalibrationResult } from '../src/core/analysis/calibration'

const MODELS = 10
const ITEMS = 100_000
const RESAMPLES = 1000
const TARGET_SECONDS = 5

/** Binary-task predictions whose calibration improves with size (over-confidence shrinks). */
function syntheticRows(): PredictionRow[] {
  const rng = seededRandom(2024)
  const rows: PredictionRow[] = []
  for (let m = 0; m < MODELS; m++) {
    const params = 1e8 * 2 ** m
    const overconfidence = 0.12 * (1 - m / MODELS)
    for (let i = 0; i < ITEMS; i++) {
      const confidence = 0.5 + 0.5 * rng.next()
      const right = rng.next() < confidence - overconfidence * (confidence - 0.5) * 2
      rows.push({ model: `model-${m}`, params, task: 'synthetic-binary', item: String(i), probability: right ? confidence : 1 - confidence })
    }
  }
  return rows
}

async function main(): Promise<void> {
  const rows = syntheticRows()
  console.log(`calibration bench: ${rows.length.toLocaleString('en')} predictions, ${MODELS} models, ${RESAMPLES} bootstrap resamples, ${availableParallelism()} threads`)
  console.log(`reference: target ${TARGET_SECONDS} s (issue 4; no reference tool installed); machine load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`)
  const report = (label: string, seconds: number, results: CalibrationResult[], cpuSeconds?: number): void => {
    const first = results[0]
    const last = results[results.length - 1]
    console.log(
      `  ${label}: ${seconds.toFixed(2)} s  ratio to target ${(seconds / TARGET_SECONDS).toFixed(2)}${cpuSeconds === undefined ? '' : `  (cpu ${cpuSeconds.toFixed(2)} s)`}  (engine ${first.bootstrap?.engine}; ` +
        `ECE ${first.ece?.toFixed(4)} [${first.intervals?.ece?.map((v) => v?.toFixed(4)).join(', ')}] at ${first.model}, ${last.ece?.toFixed(4)} at ${last.model})`,
    )
  }
  for (const binning of ['width', 'mass'] as const) {
    const opts = { bins: 10, binning, bootstrap: RESAMPLES, seed: 1, choices: 2 }
    let t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const serial = analyzeCalibration(rows, opts)
    const cpu = process.cpuUsage(cpu0)
    report(`${binning.padEnd(5)} bins, 1 thread `, (performance.now() - t0) / 1000, serial, (cpu.user + cpu.system) / 1e6)
    t0 = performance.now()
    try {
      const parallel = await analyzeCalibrationParallel(rows, opts)
      report(`${binning.padEnd(5)} bins, ${availableParallelism()} threads`, (performance.now() - t0) / 1000, parallel)
      if (JSON.stringify(parallel) !== JSON.stringify(serial)) console.log('  WARNING: threaded and single-threaded results differ')
    } catch (e) {
      console.log(`  ${binning.padEnd(5)} bins, threads: worker threads unavailable from source here (${e instanceof Error ? e.message.slice(0, 100) : String(e)})`)
    }
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 0
})
