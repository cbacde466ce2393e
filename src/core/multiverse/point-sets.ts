/**
 * The data choices of the robustness audit: which N and which FLOPs each run gets, and which runs enter the fit.
 *  - N: total parameters, non-embedding parameters (Kaplan et al. 2020, arXiv 2001.08361) or active parameters
 *    (mixture of experts), each only when the catalog records it for every run;
 *  - FLOPs: as recorded, or C = 6 N D (Kaplan et al. 2020 eq. 2.1) with the chosen N, only when every run records them;
 *  - points: all; without the k highest-loss runs (k = 1..5); without the smallest model size; without the runs
 *    below a FLOP floor, the top of the lowest budget decade: 10^(floor(log10 C_min) + 1).
 */
import type { ScalingPoint } from '../fit/types'
import type { AuditPoint, FlopsDefinition, LevelInfo, NDefinition, SkippedSpec } from './types'

export const MAX_DROP_TOP = 5

export interface DataVariant {
  n_definition: NDefinition
  flops: FlopsDefinition
  points: ScalingPoint[]
}

function nOf(p: AuditPoint, def: NDefinition): number | undefined {
  if (def === 'total') return p.params
  if (def === 'active') return p.activeParams
  return p.nonEmbeddingParams
}

/** N definitions the catalog has for every run (others skipped, with the reason). */
export function nDefinitions(points: readonly AuditPoint[], skipped: SkippedSpec[]): NDefinition[] {
  const out: NDefinition[] = ['total']
  const missing = (def: NDefinition): number => points.filter((p) => !(nOf(p, def)! > 0)).length
  const nonEmb = missing('non-embedding')
  if (nonEmb > 0) skipped.push({ choices: { n_definition: 'non-embedding' }, reason: `non-embedding parameters are missing for ${nonEmb} of ${points.length} runs` })
  else out.push('non-embedding')
  const active = missing('active')
  if (active > 0) skipped.push({ choices: { n_definition: 'active' }, reason: `active parameters are missing for ${active} of ${points.length} runs (dense models record none)` })
  else if (points.every((p) => p.activeParams === p.params)) skipped.push({ choices: { n_definition: 'active' }, reason: 'active parameters equal the total for every run' })
  else out.push('active')
  return out
}

/** FLOP definitions: recorded always; 6ND only when every run records its FLOPs and 6ND would differ. */
export function flopsDefinitions(points: readonly AuditPoint[], skipped: SkippedSpec[]): FlopsDefinition[] {
  const unrecorded = points.filter((p) => !p.flopsRecorded).length
  if (unrecorded > 0) {
    skipped.push({ choices: { flops: '6ND' }, reason: `${unrecorded} of ${points.length} runs record no FLOPs (the catalog already uses 6ND for them), so "recorded" and "6ND" cannot be compared` })
    return ['recorded']
  }
  if (points.every((p) => !p.tokensRecorded)) {
    skipped.push({ choices: { flops: '6ND' }, reason: 'every run\'s tokens were derived from its recorded FLOPs (D = C / 6N), so 6ND equals the recorded FLOPs' })
    return ['recorded']
  }
  return ['recorded', '6ND']
}

export function dataVariant(points: readonly AuditPoint[], n: NDefinition, flops: FlopsDefinition): DataVariant {
  return {
    n_definition: n,
    flops,
    points: points.map((p) => {
      const N = nOf(p, n) as number
      return { run: p.run, params: N, tokens: p.tokens, flops: flops === '6ND' ? 6 * N * p.tokens : p.flops, loss: p.loss }
    }),
  }
}

/** The FLOP floor: the top of the lowest budget decade. */
export function flopFloor(points: readonly ScalingPoint[]): number {
  const min = Math.min(...points.map((p) => p.flops))
  return Math.pow(10, Math.floor(Math.log10(min)) + 1)
}

export interface PointSet {
  level: string
  points: ScalingPoint[]
}

/** The point choices for one data variant; a floor that removes every run is skipped with the reason. */
export function pointSets(v: DataVariant, skipped: SkippedSpec[]): PointSet[] {
  const sets: PointSet[] = [{ level: 'all', points: v.points }]
  const byLoss = [...v.points].sort((p, q) => q.loss - p.loss || (p.run < q.run ? -1 : 1))
  for (let k = 1; k <= MAX_DROP_TOP; k++) {
    const drop = new Set(byLoss.slice(0, k).map((p) => p.run))
    sets.push({ level: `drop-top-${k}`, points: v.points.filter((p) => !drop.has(p.run)) })
  }
  const minN = Math.min(...v.points.map((p) => p.params))
  sets.push({ level: 'drop-smallest', points: v.points.filter((p) => p.params !== minN) })
  const floor = flopFloor(v.points)
  const above = v.points.filter((p) => p.flops >= floor)
  // the floor lies above the smallest budget, so some run is always below it; all of them may be
  if (above.length === 0) skipped.push({ choices: { points: 'flop-floor', n_definition: v.n_definition, flops: v.flops }, reason: `every run lies in the lowest budget decade (below ${floor.toExponential(0)} FLOPs): nothing would be left` })
  else sets.push({ level: 'flop-floor', points: above })
  return sets
}

/** What each level means, for the view's legend and the CLI (the floor named per FLOP definition). */
export function pointLevelInfos(variants: readonly DataVariant[]): LevelInfo[] {
  const out: LevelInfo[] = [{ dimension: 'points', level: 'all', description: 'every selected run' }]
  for (let k = 1; k <= MAX_DROP_TOP; k++) out.push({ dimension: 'points', level: `drop-top-${k}`, description: `without the ${k} highest-loss run${k > 1 ? 's' : ''}` })
  out.push({ dimension: 'points', level: 'drop-smallest', description: 'without the runs of the smallest model size' })
  const floors = [...new Set(variants.map((v) => `${flopFloor(v.points).toExponential(0)} FLOPs (${v.n_definition} N, ${v.flops} C)`))]
  out.push({ dimension: 'points', level: 'flop-floor', description: `without the runs below the top of the lowest budget decade: ${floors.join('; ')}` })
  return out
}
