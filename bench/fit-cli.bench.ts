/**
 * Benchmark (issue 11): the whole `scaling-lab fit chinchilla` process (the built CLI: start, open the catalog, the
 * 4,500-start grid of Chinchilla Approach 3 (Hoffmann et al. 2022; Besiroglu et al. 2024), store the fit, print
 * JSON) on the 240 runs of test/fixtures/chinchilla, against SciPy's L-BFGS-B with analytic gradients over the same
 * grid and data (scripts/reference/fit-chinchilla.py grid; its time counts the optimisation only).
 * Target: SciPy's time >= 20 x ours. As in fit-grid.bench.ts, SciPy runs every 20th start by default (225 starts,
 * time scaled by 20); FIT_BENCH_SCIPY=full runs all 4,500, FIT_BENCH_SCIPY=0 skips it.
 *   node --import tsx bench/fit-cli.bench.ts [--repeats 3]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureBuiltCli, median, root, timeNode } from './processes'

const TARGET_RATIO = 20
const CSV = join(root, 'test', 'fixtures', 'chinchilla', 'svg_extracted_data.csv')
/** the 5 highest-loss rows Epoch AI's replication drops (the importer names runs after the file and row) */
const EXCLUDE = [1, 2, 3, 4, 5].map((i) => `svg_extracted_data-${i}`).join(',')
const argv = process.argv.slice(2)
const at = argv.indexOf('--repeats')
const repeats = at === -1 ? 3 : Math.max(1, Number(argv[at + 1]))

interface FitJson {
  fit: { n_points: number; objective: number; params: Record<string, number> }
}

function ours(cli: string, catalog: string): { wall: number; cpu?: number } {
  const walls: number[] = []
  const cpus: number[] = []
  let last: FitJson | undefined
  for (let i = 0; i < repeats; i++) {
    const t = timeNode([cli, 'fit', 'chinchilla', '--catalog', catalog, '--project', 'chinchilla', '--exclude', EXCLUDE, '--json'])
    walls.push(t.wall)
    if (t.cpu !== undefined) cpus.push(t.cpu)
    last = JSON.parse(t.stdout) as FitJson
  }
  const f = last!.fit
  const wall = median(walls)
  const cpu = cpus.length === walls.length ? median(cpus) : undefined
  console.log(`  ours: ${walls.map((t) => t.toFixed(2)).join(' s, ')} s; median ${wall.toFixed(2)} s wall${cpu === undefined ? '' : `, ${cpu.toFixed(2)} s CPU`}`)
  console.log(`  ${f.n_points} points; best Huber sum ${f.objective.toPrecision(8)} (published bound 1.01827e-3): E ${f.params.E.toFixed(4)}, A ${f.params.A.toFixed(1)}, B ${f.params.B.toFixed(1)}, alpha ${f.params.alpha.toFixed(4)}, beta ${f.params.beta.toFixed(4)}`)
  return { wall, cpu }
}

function hasScipy(): boolean {
  if (process.env.FIT_BENCH_SCIPY === '0') return false
  try {
    execFileSync('python3', ['-c', 'import scipy, numpy'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function main(): void {
  const cli = ensureBuiltCli()
  const dir = mkdtempSync(join(tmpdir(), 'scaling-lab-fit-cli-'))
  try {
    const catalog = join(dir, 'catalog.sqlite')
    timeNode([cli, 'import', CSV, '--catalog', catalog, '--project', 'chinchilla', '--json'])
    console.log(`fit-cli: the whole \`scaling-lab fit chinchilla --json\` process (built CLI), 240 runs, 4,500-start grid, ${repeats} runs`)
    const us = ours(cli, catalog)
    if (!hasScipy()) {
      console.log(`  reference: SciPy not run (python3 with scipy missing, or FIT_BENCH_SCIPY=0); target: SciPy's time >= ${TARGET_RATIO} x ours`)
      return
    }
    const stride = process.env.FIT_BENCH_SCIPY === 'full' ? 1 : 20
    console.log(`  reference: SciPy L-BFGS-B, analytic gradients, every ${stride === 1 ? '' : `${stride}th `}grid start (scripts/reference/fit-chinchilla.py grid ${stride}) ...`)
    const out = execFileSync('python3', [join(root, 'scripts', 'reference', 'fit-chinchilla.py'), CSV, 'grid', String(stride)], { encoding: 'utf8', maxBuffer: 1 << 20 })
    const ref = JSON.parse(out.trim().split('\n').pop() as string) as { seconds: number; cpu_seconds?: number; objective: number; starts: number }
    const scale = 4500 / ref.starts
    const wall = ref.seconds * scale
    console.log(`  SciPy: ${ref.starts} starts in ${ref.seconds.toFixed(1)} s wall${ref.cpu_seconds === undefined ? '' : `, ${ref.cpu_seconds.toFixed(1)} s CPU`}${stride === 1 ? '' : `; scaled to 4,500 starts: ${wall.toFixed(0)} s wall`}; best Huber sum ${ref.objective.toPrecision(8)}`)
    const ratio = wall / us.wall
    let line = `  ratio SciPy / ours: ${ratio.toFixed(0)}x wall (target >= ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`
    if (ref.cpu_seconds !== undefined && us.cpu) line += `, ${((ref.cpu_seconds * scale) / us.cpu).toFixed(0)}x CPU`
    console.log(line)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
