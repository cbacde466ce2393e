/**
 * A run's task evaluations arranged for its page: one group per (task, metric), one curve per shot count,
 * x = training tokens at the checkpoint (the checkpoint's step when any token count is missing), the value's
 * standard error as a ±1 stderr band, and the final checkpoint's value per curve for the summary table.
 * Pure: no DOM, no i18n (names of curves come from the caller's `curveName`).
 */
import type { RunEvaluation } from '../../../shared/api'

export interface EvalCurve {
  shots: number | null
  x: number[]
  y: number[]
  stderr: (number | null)[]
  /** items behind each value, when known */
  n: (number | null)[]
  /** checkpoint labels as stored, for tables and CSV */
  checkpoint: (number | string | null)[]
}

export interface EvalGroup {
  key: string
  task: string
  metric: string
  /** 'tokens' when every evaluation of the group knows its tokens, else 'step' (the checkpoint) */
  xKind: 'tokens' | 'step'
  curves: EvalCurve[]
}

export interface FinalValue {
  task: string
  metric: string
  shots: number | null
  value: number
  stderr: number | null
  /** items behind the value, when known */
  n: number | null
  checkpoint: number | string | null
  tokens: number | null
}

/** A checkpoint as a number: 143000, "143000", "step143000" and "global_step143000" all give 143000. */
export function checkpointNumber(c: number | string | null): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null
  if (typeof c !== 'string') return null
  const m = /^\D*?(\d+(?:\.\d+)?)\D*$/.exec(c.trim())
  return m ? Number(m[1]) : null
}

const groupKey = (e: RunEvaluation): string => `${e.task}\u0000${e.metric}`

export function groupEvaluations(evals: readonly RunEvaluation[]): EvalGroup[] {
  const byGroup = new Map<string, RunEvaluation[]>()
  for (const e of evals) {
    if (!Number.isFinite(e.value)) continue
    const k = groupKey(e)
    const list = byGroup.get(k)
    if (list) list.push(e)
    else byGroup.set(k, [e])
  }
  const groups: EvalGroup[] = []
  for (const [key, list] of byGroup) {
    const withTokens = list.every((e) => e.tokens !== null && Number.isFinite(e.tokens))
    const xKind: EvalGroup['xKind'] = withTokens ? 'tokens' : 'step'
    const xOf = (e: RunEvaluation, i: number): number => (withTokens ? (e.tokens as number) : (checkpointNumber(e.checkpoint) ?? i))
    const byShots = new Map<number | null, { x: number; e: RunEvaluation }[]>()
    list.forEach((e, i) => {
      const pts = byShots.get(e.shots)
      const p = { x: xOf(e, i), e }
      if (pts) pts.push(p)
      else byShots.set(e.shots, [p])
    })
    const shotsOrder = [...byShots.keys()].sort((a, b) => (a ?? -1) - (b ?? -1))
    const curves = shotsOrder.map((shots): EvalCurve => {
      const pts = (byShots.get(shots) ?? []).slice().sort((a, b) => a.x - b.x)
      return {
        shots,
        x: pts.map((p) => p.x),
        y: pts.map((p) => p.e.value),
        stderr: pts.map((p) => (p.e.stderr !== null && Number.isFinite(p.e.stderr) ? p.e.stderr : null)),
        n: pts.map((p) => p.e.n ?? null),
        checkpoint: pts.map((p) => p.e.checkpoint),
      }
    })
    groups.push({ key, task: list[0].task, metric: list[0].metric, xKind, curves })
  }
  return groups.sort((a, b) => a.task.localeCompare(b.task) || a.metric.localeCompare(b.metric))
}

/** The ±1 stderr band of a curve, or null when no point has a standard error. */
export function stderrBand(c: EvalCurve): { lo: (number | null)[]; hi: (number | null)[] } | null {
  if (!c.stderr.some((s) => s !== null && s > 0)) return null
  return {
    lo: c.y.map((y, i) => (c.stderr[i] === null ? null : y - (c.stderr[i] as number))),
    hi: c.y.map((y, i) => (c.stderr[i] === null ? null : y + (c.stderr[i] as number))),
  }
}

/** The last checkpoint's value of every curve (the highest x), in group order. */
export function finalValues(groups: readonly EvalGroup[]): FinalValue[] {
  const out: FinalValue[] = []
  for (const g of groups) {
    for (const c of g.curves) {
      const i = c.x.length - 1
      if (i < 0) continue
      out.push({ task: g.task, metric: g.metric, shots: c.shots, value: c.y[i], stderr: c.stderr[i], n: c.n[i], checkpoint: c.checkpoint[i], tokens: g.xKind === 'tokens' ? c.x[i] : null })
    }
  }
  return out
}
