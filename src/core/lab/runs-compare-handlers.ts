/** The compareRuns channel: the runs' details from the catalog, compared field by field (catalog/run-compare.ts). */
import type { LabHandlers } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { compareRuns } from '../catalog/run-compare'
import type { LabContext } from './lab-context'

export function runsCompareHandlers(ctx: LabContext): Pick<LabHandlers, 'compareRuns'> {
  return {
    compareRuns: async ({ runIds }) => {
      const ids = [...new Set(runIds)]
      if (ids.length < 2) throw new LabError('usage', 'Compare needs at least two different runs.', { hint: 'Select two or more runs.' })
      return compareRuns(ids.map((id) => ctx.catalog.getRun(id)))
    },
  }
}
