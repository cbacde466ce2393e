/** Catalog channels on top of the Catalog class and the import pipeline. */
import { randomUUID } from 'node:crypto'
import type { LabHandlers } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { sha256File } from '../ingest/hash-file'
import type { LabContext } from './lab-context'

type CatalogHandlers = Pick<
  LabHandlers,
    | 'listProjects'
  | 'createProject'
  | 'listRuns'
  | 'getRun'
  | 'runEvaluations'
  | 'getSeries'
  | 'updateRun'
  | 'runEdits'
  | 'lossMetric'
  | 'setLossMetric'
  | 'deleteRuns'
  | 'undoDelete'
  | 'listImports'
  | 'counts'
  | 'previewImport'
  | 'startImport'
  | 'earlierImport'
>

/** Deleted runs kept for undo during this session, oldest dropped first. */
const UNDO_LIMIT = 50

export function catalogHandlers(ctx: LabContext): CatalogHandlers {
  const undo = new Map<string, ReturnType<LabContext['catalog']['deleteRuns']>>()
  const changed = (projectId?: number): void => ctx.emit({ type: 'catalog-changed', projectId })

  return {
    listProjects: async () => ctx.catalog.listProjects(),
    createProject: async ({ name, description }) => {
      const project = ctx.catalog.ensureProject(name, { description })
      changed(project.id)
      return project
    },
    listRuns: async (req) => ctx.catalog.listRuns(req),
    getRun: async ({ runId }) => ctx.catalog.getRun(runId),
    runEvaluations: async ({ runId }) => {
      const run = ctx.catalog.getRun(runId)
      return ctx.catalog
        .listEvaluations({ projectId: run.projectId })
        .filter((e) => e.runId === runId)
        .map((e) => ({ task: e.task, metric: e.metric, value: e.value, stderr: e.stderr, n: e.n, shots: e.shots, checkpoint: e.checkpoint, tokens: e.tokensSeen }))
    },
    getSeries: async ({ seriesId }) => ctx.catalog.getSeries(seriesId),
    updateRun: async ({ runId, ...patch }) => {
      const run = ctx.catalog.updateRun(runId, patch)
      changed(run.projectId)
      return run
    },
    runEdits: async ({ runId }) => ctx.catalog.runEdits(runId),
    lossMetric: async ({ projectId }) => ctx.catalog.lossMetric(projectId),
    setLossMetric: async ({ projectId, metric }) => {
      const info = ctx.catalog.setLossMetric(projectId, metric)
      changed(projectId)
      return info
    },
    deleteRuns: async ({ runIds }) => {
      const snapshot = ctx.catalog.deleteRuns(runIds)
      const undoToken = randomUUID()
      undo.set(undoToken, snapshot)
      while (undo.size > UNDO_LIMIT) undo.delete(undo.keys().next().value as string)
      changed()
      return { deleted: snapshot.runs.length, undoToken }
    },
    undoDelete: async ({ token }) => {
      const snapshot = undo.get(token)
      if (!snapshot) throw new LabError('undo-expired', 'Nothing to undo for that token.', { hint: 'Deletions can be undone only in the session that made them.' })
      const restored = ctx.catalog.restoreRuns(snapshot)
      undo.delete(token)
      changed()
      return { restored }
    },
    listImports: async ({ projectId }) => ctx.catalog.listImports(projectId),
    counts: async () => ctx.catalog.counts(),
    previewImport: async ({ uploadId, format, mapping }) => {
      const upload = ctx.uploads.get(uploadId)
      const { previewImport } = await import('../ingest')
      const preview = await previewImport(upload.path, { format, mapping, fileName: upload.name })
      return preview
    },
    earlierImport: async ({ uploadId, projectId }) => {
      const upload = ctx.uploads.get(uploadId)
      const project = ctx.catalog.getProject(projectId)
      if (!project) throw new LabError('unknown-project', `No project with id ${projectId}.`)
      const { sha256 } = await sha256File(upload.path)
      return ctx.catalog.findImport(project.name, sha256) ?? null
    },
    startImport: async ({ uploadId, projectId, project: projectName, format, mapping, replace, lenient }) => {
      const upload = ctx.uploads.get(uploadId)
      const project = projectId !== undefined ? ctx.catalog.getProject(projectId) : { name: projectName as string }
      if (!project) throw new LabError('unknown-project', `No project with id ${projectId}.`)
      const jobId = ctx.jobs.start('import', `Import ${upload.name}`, async (opts) => {
        const { importFileInWorker } = await import('../ingest')
        const summary = await importFileInWorker(ctx.catalogPath === ':memory:' ? ctx.catalog : ctx.catalogPath, upload.path, { project: project.name, format, mapping, fileName: upload.name, replace, lenient }, opts)
        changed(projectId ?? ctx.catalog.getProject(project.name)?.id)
        return summary
      })
      return { jobId }
    },
  }
}
