/**
 * scaling-lab fit LAW --multiverse : the robustness audit (every defensible specification; src/core/multiverse),
 * printed as a specification table sorted by tokens per parameter, or --json
 * {"multiverse":{"budget","specs":[{"choices","params","a","b","tokens_per_param","loss_at_budget","converged"}],
 *  "spread":{"tokens_per_param":[min,max],"a":[min,max],...},"most_influential","measure","skipped","warnings",...}}.
 */
import type { MultiverseResult, SpecChoices } from '../../shared/api/multiverse'
import type { CliIo } from '../command'

const num = (v: number | null, digits = 4): string => (v === null || !Number.isFinite(v) ? '-' : String(Number(v.toPrecision(digits))))

export function choiceLabel(c: SpecChoices): string {
  const parts = [`approach ${c.approach}`]
  if (c.estimator) parts.push(c.estimator)
  if (c.start) parts.push(`start ${c.start}`)
  parts.push(c.points, `N ${c.n_definition}`)
  if (c.flops) parts.push(`C ${c.flops}`)
  return parts.join(', ')
}

export function multiverseJson(r: MultiverseResult): Record<string, unknown> {
  return {
    ...r,
    specs: r.specs.map((s) => ({ id: s.id, choices: s.choices, params: s.params, a: s.a, b: s.b, tokens_per_param: s.tokens_per_param, loss_at_budget: s.loss_at_budget, converged: s.converged, n_points: s.n_points })),
  }
}

export function printMultiverse(r: MultiverseResult, io: CliIo): void {
  io.stdout(`robustness audit (${r.law}): ${r.specs.length} specifications on ${r.n_runs} runs, ${r.skipped.length} skipped; at ${r.budget_note}\n`)
  if (r.loss_metric) io.stdout(`  ${r.loss_metric}\n`)
  for (const w of r.warnings) io.stdout(`  warning: ${w}\n`)
  const floor = r.levels.find((l) => l.dimension === 'points' && l.level === 'flop-floor')
  if (floor) io.stdout(`  flop-floor: ${floor.description}\n`)
  const sorted = [...r.specs].sort((p, q) => (p.tokens_per_param ?? Infinity) - (q.tokens_per_param ?? Infinity))
  io.stdout(`  ${'D/N'.padStart(8)}  ${'a'.padStart(6)}  ${'b'.padStart(6)}  ${'loss'.padStart(6)}  choices\n`)
  for (const s of sorted) {
    io.stdout(`  ${num(s.tokens_per_param).padStart(8)}  ${num(s.a, 3).padStart(6)}  ${num(s.b, 3).padStart(6)}  ${num(s.loss_at_budget).padStart(6)}  ${choiceLabel(s.choices)}${s.converged ? '' : ' (NOT converged)'}\n`)
  }
  const sp = r.spread
  const range = (v: [number, number] | null): string => (v ? `[${num(v[0])}, ${num(v[1])}]` : '-')
  io.stdout(`  spread: tokens per parameter ${range(sp.tokens_per_param)}, a ${range(sp.a)}, b ${range(sp.b)}, loss at the budget ${range(sp.loss_at_budget)}\n`)
  io.stdout(`  most influential choice: ${r.most_influential ?? 'none'} (measure: ${r.measure})\n`)
  for (const row of r.influence) io.stdout(`    ${row.dimension.padEnd(13)} ${num(row.range, 3)} dex\n`)
  for (const s of r.skipped) io.stdout(`  skipped ${Object.entries(s.choices).map(([k, v]) => `${k}=${String(v)}`).join(', ')}: ${s.reason}\n`)
}
