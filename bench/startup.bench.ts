/**
 * Start-up benchmark (issue 11): the built CLI (out/main/cli.js, built first when missing or stale) against a bare
 * `node -e 0` on the same machine, runs interleaved so load falls on both alike.
 *   `scaling-lab --version`                     target: median wall time <= 5 x node -e 0
 *   `scaling-lab runs --json` on a small catalog target: median wall time <= 8 x node -e 0
 *   (the catalog: test/fixtures/ingest/summary-units.csv, 5 runs, imported into a fresh file first)
 * CPU time per process is printed too: on a shared machine wall time waits for the cores, CPU time does not.
 *   node --import tsx bench/startup.bench.ts [--repeats 15]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureBuiltCli, median, root, timeNode, type ProcessTime } from './processes'

const argv = process.argv.slice(2)
const at = argv.indexOf('--repeats')
const repeats = at === -1 ? 15 : Math.max(3, Number(argv[at + 1]))
const TARGETS = { version: 5, runs: 8 }

interface Case {
  label: string
  args: string[]
  target?: number
  times: ProcessTime[]
}

function summary(c: Case, reference?: Case): string {
  const wall = median(c.times.map((t) => t.wall))
  const cpus = c.times.map((t) => t.cpu)
  const cpu = cpus.every((x) => x !== undefined) ? (cpus as number[]).reduce((a, b) => a + b, 0) / cpus.length : undefined
  let line = `  ${c.label.padEnd(34)} median ${(wall * 1000).toFixed(0).padStart(5)} ms wall` + (cpu === undefined ? '' : `, mean ${(cpu * 1000).toFixed(0).padStart(4)} ms CPU`)
  if (reference) {
    const refWall = median(reference.times.map((t) => t.wall))
    const ratio = wall / refWall
    line += `\n    ratio to ${reference.label}: ${ratio.toFixed(1)}x wall (target <= ${c.target}x: ${ratio <= c.target! ? 'met' : 'NOT met'})`
    const refCpu = reference.times.map((t) => t.cpu)
    if (cpu !== undefined && refCpu.every((x) => x !== undefined)) {
      const rc = (refCpu as number[]).reduce((a, b) => a + b, 0) / refCpu.length
      if (rc > 0) line += `, ${(cpu / rc).toFixed(1)}x CPU`
    }
  }
  return line
}

function main(): void {
  const cli = ensureBuiltCli()
  const dir = mkdtempSync(join(tmpdir(), 'scaling-lab-startup-'))
  try {
    const catalog = join(dir, 'catalog.sqlite')
    timeNode([cli, 'import', join(root, 'test', 'fixtures', 'ingest', 'summary-units.csv'), '--catalog', catalog, '--project', 'small', '--json'])
    const listed = JSON.parse(timeNode([cli, 'runs', '--json', '--catalog', catalog]).stdout) as { runs: unknown[] }
    console.log(`startup: the built CLI against a bare node -e 0, ${repeats} runs each, interleaved; small catalog of ${listed.runs.length} runs`)

    const bare: Case = { label: 'node -e 0', args: ['-e', '0'], times: [] }
    const version: Case = { label: 'scaling-lab --version', args: [cli, '--version'], target: TARGETS.version, times: [] }
    const runs: Case = { label: 'scaling-lab runs --json (5 runs)', args: [cli, 'runs', '--json', '--catalog', catalog], target: TARGETS.runs, times: [] }
    for (let i = 0; i < repeats; i++) for (const c of [bare, version, runs]) c.times.push(timeNode(c.args))

    console.log(summary(bare))
    console.log(summary(version, bare))
    console.log(summary(runs, bare))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main()
