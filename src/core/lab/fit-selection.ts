/**
 * The data a fit sees: a project's runs as (N, D, C, L) points (ctx.catalog.scalingPoints), narrowed to a selection
 * and minus excluded runs, with clear errors for selections that cannot be fitted (no runs, unknown runs,
 * everything excluded). The CLI resolves its run names to ids itself (src/cli/run-names.ts, through listRuns).
 */
import type { Catalog } from '../catalog'
import type { ScalingPoint } from '../fit/types'
import type { LossMetricSource, ScalingPointInfo } from '../../shared/api/fit'
import { LabError } from '../../shared/errors'

export interface FitSelection {
  projectId: number
  runIds?: number[]
  excluded?: number[]
  metric?: string
  /** keep runs with only N (or D) and the loss (Kaplan L(N) / L(D); see ScalingQuery.singleVariable) */
  singleVariable?: 'params' | 'tokens'
}

export interface SelectedPoints {
  /** every selected run with usable N, D, C and loss, excluded ones included (for charts) */
  all: ScalingPointInfo[]
  /** the points the fit uses */
  used: ScalingPoint[]
  /** ids of all selected runs (what a re-run selects) */
  runIds: number[]
  /** excluded ids that are among the selected runs */
  excluded: number[]
  /** the metric used as the loss, why, and the sentence that says so */
  metric: string
  metricSource: LossMetricSource
  metricNote: string
}

/** The fit's loss: the metric the request names, else the project's loss metric (chosen or by preference), and why. */
export function resolveLossMetric(catalog: Catalog, projectId: number, requested: string | undefined): { metric: string; source: LossMetricSource; note: string } {
  const project = catalog.lossMetric(projectId)
  // the project's own choice, named again (the Scaling view always names its metric), is still the project's choice
  if (requested !== undefined && !(project.source === 'project' && requested === project.metric)) {
    const differs = project.metric !== null && project.metric !== requested
    return { metric: requested, source: 'request', note: `loss = "${requested}", as asked for this fit${differs ? ` (the project's loss is "${project.metric}")` : ''}.` }
  }
  if (project.metric === null) {
    throw new LabError('fit-no-loss-metric', project.note, { hint: 'Choose the loss in the Scaling view, or name it with --loss-metric NAME.' })
  }
  return { metric: project.metric, source: project.source === 'project' ? 'project' : 'preference', note: project.note }
}

export function toPointInfo(p: ReturnType<Catalog['scalingPoints']>[number]): ScalingPointInfo {
  const out: ScalingPointInfo = { runId: p.runId, run: p.run, family: p.family, params: p.params, tokens: p.tokens, flops: p.flops, loss: p.loss }
  if (p.activeParams !== undefined) out.activeParams = p.activeParams
  if (p.experts !== undefined) out.experts = p.experts
  return out
}

export function toFitPoint(p: ScalingPointInfo): ScalingPoint {
  const out: ScalingPoint = { run: p.run, params: p.params, tokens: p.tokens, flops: p.flops, loss: p.loss }
  if (p.activeParams !== undefined) out.activeParams = p.activeParams
  if (p.experts !== undefined) out.experts = p.experts
  return out
}

export function requireProject(catalog: Catalog, projectId: number): void {
  if (!catalog.getProject(projectId)) throw new LabError('unknown-project', `No project with id ${projectId}.`, { hint: 'Pick a project from the project list.' })
}

/** The selected points of a project, checked: at least one run left after exclusions. */
export function selectPoints(catalog: Catalog, sel: FitSelection): SelectedPoints {
  requireProject(catalog, sel.projectId)
  const loss = resolveLossMetric(catalog, sel.projectId, sel.metric)
  const metric = loss.metric
  if (sel.runIds !== undefined && sel.runIds.length === 0) {
    throw new LabError('fit-no-runs', 'No runs are selected for the fit.', { hint: 'Select some runs, or leave the selection empty to use every visible run of the project.' })
  }
  const all = catalog.scalingPoints({ projectId: sel.projectId, runIds: sel.runIds, metric, singleVariable: sel.singleVariable }).map(toPointInfo)
  if (sel.runIds) {
    const found = new Set(all.map((p) => p.runId))
    const missing = sel.runIds.filter((id) => !found.has(id))
    if (missing.length) {
      throw new LabError('fit-unusable-runs', `${missing.length} selected run(s) have no usable parameters, tokens or compute and final "${metric}" in this project (ids ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}).`, {
        hint: 'Check that each run records its parameter count, tokens or FLOPs, and the metric.',
      })
    }
  }
  if (all.length === 0) {
    throw new LabError('fit-no-runs', `No runs of this project have parameters, tokens or compute and a final "${metric}".`, { hint: `${loss.note} Import runs with N and D (or C) and a loss, or pick another metric.` })
  }
  const skip = new Set(sel.excluded ?? [])
  const used = all.filter((p) => !skip.has(p.runId))
  if (used.length === 0) throw new LabError('fit-no-runs', `All ${all.length} selected runs are excluded: nothing is left to fit.`, { hint: 'Include some runs again.' })
  return { all, used: used.map(toFitPoint), runIds: all.map((p) => p.runId), excluded: all.filter((p) => skip.has(p.runId)).map((p) => p.runId), metric, metricSource: loss.source, metricNote: loss.note }
}
