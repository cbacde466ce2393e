/** Fit channels (src/shared/api/fit.ts): scaling points, quick preview fits, fits as jobs, stored fits, presets, allocation. */
import type { LabHandlers } from '../../shared/api'
import { PRESETS } from '../fit/presets'
import type { PresetInfo } from '../../shared/api/fit'
import type { LabContext } from './lab-context'
import { optimalAllocationFor } from './fit-allocation'
import { requireProject, toPointInfo } from './fit-selection'
import { fitAndStore, getStoredFit, listStoredFits, previewFitInWorker } from './fit-store'

type FitHandlers = Pick<LabHandlers, 'scalingPoints' | 'previewFit' | 'startFit' | 'listFits' | 'getFit' | 'deleteFit' | 'listPresets' | 'optimalAllocation'>

export function listPresetInfos(): PresetInfo[] {
  // Hoffmann's three approaches side by side, then the replication, then Kaplan (another dataset's loss)
  const order = ['hoffmann-approach1', 'hoffmann-approach2', 'chinchilla', 'besiroglu', 'kaplan'] as const
  return order.map((id) => PRESETS[id]).map((p) => {
    const info: PresetInfo = { id: p.name, law: p.law, params: { ...p.params } as unknown as Record<string, number>, citation: p.citation }
    if ('lossDataset' in p) info.lossDataset = p.lossDataset
    return info
  })
}

export function fitHandlers(ctx: LabContext): FitHandlers {
  // a fit stored or deleted changes no run or project: only the views that list fits refetch
  const changed = (projectId: number): void => ctx.emit({ type: 'fits-changed', projectId })
  return {
    scalingPoints: async ({ projectId, runIds, metric }) => {
      requireProject(ctx.catalog, projectId)
      return ctx.catalog.scalingPoints({ projectId, runIds, metric }).map(toPointInfo)
    },
    previewFit: async (req) => previewFitInWorker(ctx.catalog, req),
    startFit: async (req) => {
      requireProject(ctx.catalog, req.projectId)
      const b = req.options?.bootstrap ?? 0
      const label = `Fit ${req.law}${b > 0 ? ` (${b} bootstrap resamples)` : ''}`
      const jobId = ctx.jobs.start('fit', label, async (opts) => {
        const fit = await fitAndStore(ctx.catalog, req, opts)
        changed(req.projectId)
        return fit
      })
      return { jobId }
    },
    listFits: async ({ projectId }) => {
      requireProject(ctx.catalog, projectId)
      return listStoredFits(ctx.catalog, projectId)
    },
    getFit: async ({ fitId }) => getStoredFit(ctx.catalog, fitId),
    deleteFit: async ({ fitId }) => {
      const fit = getStoredFit(ctx.catalog, fitId)
      const deleted = ctx.catalog.deleteFit(fitId)
      if (deleted) changed(fit.projectId)
      return { deleted }
    },
    listPresets: async () => listPresetInfos(),
    optimalAllocation: async (req) => optimalAllocationFor(req, (id) => getStoredFit(ctx.catalog, id)),
  }
}
