/**
 * Enumerate the specifications of the robustness audit: every combination of N definition, FLOP definition, point
 * set, approach (Hoffmann et al. 2022, arXiv 2203.15556: 1 envelope, 2 IsoFLOP, 3 parametric) and, for Approach 3,
 * estimator and optimiser start. The FLOP definition changes an Approach-3 fit only through the FLOP floor (the
 * parametric law uses N and D), so Approach 3 varies it only there: other combinations would be exact duplicates.
 */
import { AUDIT_ESTIMATORS, type AuditInput, type AuditSpec, type LevelInfo, type SkippedSpec, type SpecChoices } from './types'
import { dataVariant, flopsDefinitions, nDefinitions, pointLevelInfos, pointSets, type DataVariant } from './point-sets'
import type { ScalingPoint } from '../fit/types'

export interface Enumeration {
  specs: AuditSpec[]
  skipped: SkippedSpec[]
  levels: LevelInfo[]
}

const STARTS = ['grid', 'hoffmann'] as const

export function enumerateSpecs(input: AuditInput): Enumeration {
  const skipped: SkippedSpec[] = []
  const nDefs = nDefinitions(input.points, skipped)
  const flopDefs = flopsDefinitions(input.points, skipped)
  const choices: SpecChoices[] = []
  const variants: DataVariant[] = []
  for (const n of nDefs)
    for (const flops of flopDefs) {
      const v = dataVariant(input.points, n, flops)
      variants.push(v)
      for (const set of pointSets(v, skipped)) {
        const floor = set.level === 'flop-floor'
        for (const approach of ['2', '1'] as const) choices.push({ approach, estimator: null, points: set.level, n_definition: n, flops, start: null })
        if (flops === '6ND' && !floor) continue
        for (const estimator of AUDIT_ESTIMATORS)
          for (const start of STARTS) choices.push({ approach: '3', estimator, points: set.level, n_definition: n, flops: floor ? flops : null, start })
      }
    }
  return { specs: choices.map((c, id) => ({ id, choices: c })), skipped, levels: levelInfos(variants) }
}

/** The points one specification fits (recomputed from the choices, so workers receive only the runs and the spec). */
export function pointsForSpec(input: AuditInput, c: SpecChoices): ScalingPoint[] {
  const v = dataVariant(input.points, c.n_definition, c.flops ?? 'recorded')
  const set = pointSets(v, []).find((s) => s.level === c.points)
  if (!set) throw new Error(`no point set ${c.points}`)
  return set.points
}

function levelInfos(variants: readonly DataVariant[]): LevelInfo[] {
  return [
    { dimension: 'approach', level: '1', description: 'Approach 1: envelope of the lowest loss per compute level' },
    { dimension: 'approach', level: '2', description: 'Approach 2: IsoFLOP parabolas' },
    { dimension: 'approach', level: '3', description: 'Approach 3: parametric law L = E + A/N^alpha + B/D^beta' },
    { dimension: 'estimator', level: 'huber-1e-3', description: 'sum of Huber losses of log residuals, delta = 1e-3 (Hoffmann et al.)' },
    { dimension: 'estimator', level: 'huber-1e-4', description: 'sum of Huber losses of log residuals, delta = 1e-4' },
    { dimension: 'estimator', level: 'huber-mle', description: 'Huber likelihood with free scale (Besiroglu et al. 2024)' },
    { dimension: 'estimator', level: 'least-squares', description: 'least squares on log loss' },
    { dimension: 'start', level: 'grid', description: "the 4,500-start grid of Hoffmann et al.'s Appendix D.2" },
    { dimension: 'start', level: 'hoffmann', description: "one start at Hoffmann et al.'s published Approach-3 values" },
    { dimension: 'n_definition', level: 'total', description: 'total parameters' },
    { dimension: 'n_definition', level: 'non-embedding', description: 'non-embedding parameters' },
    { dimension: 'n_definition', level: 'active', description: 'active parameters (mixture of experts)' },
    { dimension: 'flops', level: 'recorded', description: 'FLOPs as recorded' },
    { dimension: 'flops', level: '6ND', description: 'C = 6 N D with the chosen N' },
    ...pointLevelInfos(variants),
  ]
}
