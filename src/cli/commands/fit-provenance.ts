/**
 * scaling-lab fit --diff A B : what differs between two stored fits (data: runs added/removed/changed; choices:
 * options, selection, seed, code; numbers: each parameter and derived quantity with both values), and
 * scaling-lab fit --rederive A : refit a stored fit from the catalog and say whether the numbers are identical.
 */
import type { FitDiffInfo, RederiveInfo } from '../../shared/api/multiverse'
import type { CliIo } from '../command'

const num = (v: number | null): string => (v === null ? '-' : String(v))
const rel = (v: number | null): string => (v === null ? 'only in one' : v === 0 ? 'identical' : `rel. diff ${v.toExponential(2)}`)

function printData(data: FitDiffInfo['data'], note: string, io: CliIo): void {
  io.stdout(`  data: ${note}\n`)
  if (data.added.length) io.stdout(`    added: ${data.added.join(', ')}\n`)
  if (data.removed.length) io.stdout(`    removed: ${data.removed.join(', ')}\n`)
  for (const c of data.changed) io.stdout(`    changed ${c.run}: ${Object.entries(c.fields).map(([k, [a, b]]) => `${k} ${a} -> ${b}`).join(', ')}\n`)
}

function printNumbers(numbers: FitDiffInfo['numbers'], io: CliIo): void {
  const width = Math.max(9, ...numbers.map((n) => n.name.length))
  for (const n of numbers) io.stdout(`    ${n.name.padEnd(width)}  ${num(n.a).padStart(24)}  ${num(n.b).padStart(24)}  ${rel(n.relative_difference)}\n`)
}

export function printDiff(d: FitDiffInfo, io: CliIo): void {
  io.stdout(`fit ${d.a} against fit ${d.b}\n`)
  printData(d.data, d.data_note, io)
  if (!d.choices.length) io.stdout('  choices: the same (law, loss metric, runs, exclusions, options, seed, code)\n')
  else for (const c of d.choices) io.stdout(`  choice ${c.field}: ${JSON.stringify(c.a)} -> ${JSON.stringify(c.b)}\n`)
  io.stdout(`  numbers (fit ${d.a}, fit ${d.b}):\n`)
  printNumbers(d.numbers, io)
}

export function printRederive(r: RederiveInfo, io: CliIo): void {
  io.stdout(`re-derived fit ${r.fitId}\n`)
  printData(r.data, r.data_note, io)
  const c = r.code_version
  io.stdout(`  code: stored with ${c.stored ?? 'an unrecorded version'} (engine ${c.stored_engine ?? 'unrecorded'}), now ${c.now} (engine ${c.engine})\n`)
  io.stdout(
    r.identical
      ? '  numbers: identical, bit for bit\n'
      : `  numbers: NOT identical; largest relative difference ${Number.isFinite(r.max_relative_difference) ? r.max_relative_difference.toExponential(3) : 'unbounded (a number present in only one)'}\n`,
  )
  io.stdout('  (stored, re-derived):\n')
  printNumbers(r.numbers, io)
}
