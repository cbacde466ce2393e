/**
 * Benchmark: the full 4,500-start Chinchilla Approach-3 grid fit (Hoffmann et al. 2022; Epoch AI's replication) on
 * the 240 runs of test/fixtures/chinchilla, as runFit does it (src/core/fit/chinchilla-grid.ts).
 * Target: under 1 s on the project's 2-core machine. Reference: SciPy's L-BFGS-B with analytic gradients over the
 * same grid (scripts/reference/fit-chinchilla.py grid), run in the same process tree when python3 has SciPy: by
 * default on every 20th start (225 starts, time scaled by 20: the full grid takes many minutes here);
 * FIT_BENCH_SCIPY=full runs all 4,500 starts, FIT_BENCH_SCIPY=0 skips it.
 * Run: node --import tsx bench/fit-grid.bench.ts
 */
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chinchillaData } from '../src/core/fit/chinchilla-objective'
import { fitChinchillaGrid } from '../src/core/fit/chinchilla-grid'
import { CHINCHILLA_CSV, loadChinchilla } from '../test/unit/fit/chinchilla-data'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const TARGET_SECONDS = 1

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function main(): void {
  const points = loadChinchilla()
  console.log(`fit-grid: Chinchilla Approach 3, ${points.length} runs, 4,500 L-BFGS starts (Huber sum, delta 1e-3)`)
  const times: number[] = []
  const cpu: number[] = []
  let last: ReturnType<typeof fitChinchillaGrid> | undefined
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    last = fitChinchillaGrid(chinchillaData(points))
    times.push((performance.now() - t0) / 1000)
    cpu.push(process.cpuUsage(c0).user / 1e6)
  }
  const r = last!
  const ours = median(times)
  console.log(`  runs: ${times.map((t) => t.toFixed(3)).join(' s, ')} s; median ${ours.toFixed(3)} s (target < ${TARGET_SECONDS} s: ${ours < TARGET_SECONDS ? 'met' : 'NOT met'})`)
  console.log(`  CPU time per run ${cpu.map((t) => t.toFixed(3)).join(' s, ')} s (wall above CPU means other processes shared the cores)`)
  console.log(`  best Huber sum ${r.objective.toPrecision(8)} (published bound 1.01827e-3): E ${r.params.E.toFixed(4)}, A ${r.params.A.toFixed(1)}, B ${r.params.B.toFixed(1)}, alpha ${r.params.alpha.toFixed(4)}, beta ${r.params.beta.toFixed(4)}`)
  console.log(`  ${r.explorers} starts run to convergence, ${r.merged} merged into earlier trajectories; ${r.evaluations} objective evaluations`)

  let scipy = false
  if (process.env.FIT_BENCH_SCIPY !== '0') {
    try {
      execFileSync('python3', ['-c', 'import scipy, numpy'], { stdio: 'ignore' })
      scipy = true
    } catch {
      scipy = false
    }
  }
  if (!scipy) {
    console.log(`  reference: SciPy not run (python3 with scipy missing, or FIT_BENCH_SCIPY=0); target ${TARGET_SECONDS} s`)
    return
  }
  const stride = process.env.FIT_BENCH_SCIPY === 'full' ? 1 : 20
  console.log(`  reference: SciPy L-BFGS-B, analytic gradients, every ${stride === 1 ? '' : `${stride}th `}grid start (scripts/reference/fit-chinchilla.py grid ${stride}) ...`)
  const out = execFileSync('python3', [join(root, 'scripts', 'reference', 'fit-chinchilla.py'), CHINCHILLA_CSV, 'grid', String(stride)], { encoding: 'utf8', maxBuffer: 1 << 20 })
  const ref = JSON.parse(out.trim().split('\n').pop() as string) as { seconds: number; objective: number; starts: number }
  const scaled = (ref.seconds * 4500) / ref.starts
  console.log(`  SciPy: ${ref.starts} starts in ${ref.seconds.toFixed(2)} s${stride === 1 ? '' : `, scaled to 4,500 starts: ${scaled.toFixed(1)} s`}; best Huber sum ${ref.objective.toPrecision(8)}`)
  console.log(`  ratio SciPy / ours: ${(scaled / ours).toFixed(0)}x`)
}

main()
