/** Curves of many runs and saved views (issue 14): curveSeries (points read in worker threads), its headless figure, and the saved-view channels. */
import type { LabHandlers } from '../../shared/api'
import { SavedViewQueries } from '../catalog/saved-view-queries'
import { curveSeries } from '../curves/curve-series'
import type { LabContext } from './lab-context'

export function curvesHandlers(ctx: LabContext): Pick<LabHandlers, 'curveSeries' | 'renderCurves' | 'listViews' | 'getView' | 'saveView' | 'deleteView'> {
  let views: SavedViewQueries | undefined
  const saved = (): SavedViewQueries => (views ??= new SavedViewQueries(ctx.catalog.db))
  return {
    curveSeries: async (req) => curveSeries(ctx.catalog, ctx.catalogPath, req),
    // ECharts and the figure path load with the first figure
    renderCurves: async (req) => (await import('../figures/curves-figure')).renderCurvesFigure(ctx.catalog, ctx.catalogPath, req),
    listViews: async ({ projectId }) => saved().listViews(projectId),
    getView: async ({ viewId }) => saved().getView(viewId),
    saveView: async ({ projectId, name, runIds, settings }) => saved().saveView(projectId, name, runIds, settings),
    deleteView: async ({ viewId }) => ({ deleted: saved().deleteView(viewId) }),
  }
}
