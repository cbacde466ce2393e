/**
 * What an import would do, read from the start of the file only: the dialect, the detected shape, the column
 * mapping (automatic or as overridden), sample rows, the runs seen, and warnings and problems to show
 * before anything is written.
 */
import { cellPlace, censusFile, quoteCell } from './census'
import { normalizeHeader } from './fields'
import { FORMAT_FIELDS } from './formats'
import { buildPlan, type ImportPlan } from './plan'
import { requireRegularFile } from './regular-file'
import { sniffFile } from './sniff'
import type { ImportPreview, PreviewOptions } from './types'

/** A preview types columns over at most this much of the file (the import reads all of it). */
const PREVIEW_CENSUS_BYTES = 32 * 1024 * 1024

export async function previewImport(path: string, opts: PreviewOptions = {}): Promise<ImportPreview> {
  const file = opts.fileName ?? path
  await requireRegularFile(path, file)
  const sniffed = await sniffFile(path, file)
  const planOptions = { format: opts.format, mapping: opts.mapping, xKind: opts.xKind }
  let plan = buildPlan(sniffed, planOptions, file)
  const typed = plan.format === 'summary' || plan.format === 'wandb-runs' || plan.format === 'mlflow' || plan.format === 'wide'
  let partial = false
  if (typed && plan.problems.length === 0) {
    const census = await censusFile(path, sniffed, file, { maxBytes: PREVIEW_CENSUS_BYTES })
    plan = buildPlan(sniffed, planOptions, file, census)
    partial = !census.complete
  }
  const warnings = [...plan.warnings]
  if (partial) warnings.push(`Column types were judged on the first ${PREVIEW_CENSUS_BYTES / 1048576} MB of the file; the import reads all of it.`)
  for (const c of plan.badColumns) {
    warnings.push(
      `Column ${JSON.stringify(c.header)} is numbers except ${c.count} cell${c.count === 1 ? '' : 's'} (first ${quoteCell(c.first.text)} at ${cellPlace(file, c.first)}): the import refuses the file unless it is lenient, which leaves such cells empty and lists them.`,
    )
  }
  const spec = FORMAT_FIELDS[plan.format]
  return {
    file,
    format: plan.format,
    why: plan.why,
    delimiter: sniffed.delimiter,
    decimalComma: sniffed.decimalComma,
    hasBom: sniffed.hasBom,
    crlf: sniffed.crlf,
    columns: sniffed.header,
    mapping: plan.mapping,
    sampleRows: sniffed.sampleRows.slice(0, Math.max(0, opts.maxRows ?? 20)),
    detectedRuns: detectedRuns(plan),
    warnings,
    problems: plan.problems,
    fields: spec.fields,
    requiredFields: spec.required,
    xKind: plan.xKind,
    metricColumns: plan.format === 'wandb-panel' ? plan.panel.map((p) => `${p.run} - ${p.metric}`) : plan.metricColumns.map((m) => m.metric),
  }
}

/** Run names visible in the sampled rows (all of them for shapes that name runs in the header). */
function detectedRuns(plan: ImportPlan): string[] {
  const out = new Set<string>()
  const rows = plan.sniffed.sampleRows
  const col = (field: 'name' | 'run' | 'model'): number => plan.columns[field] ?? -1
  switch (plan.format) {
    case 'wandb-panel':
      for (const p of plan.panel) out.add(p.run)
      break
    case 'tensorboard':
      out.add(plan.runFromFile)
      break
    case 'summary':
    case 'wandb-runs':
    case 'mlflow': {
      const i = col('name')
      const runId = plan.header.map(normalizeHeader).indexOf('run_id')
      rows.forEach((r, k) => {
        const name = (i >= 0 ? r[i]?.trim() : '') || (plan.format === 'mlflow' && runId >= 0 ? r[runId]?.trim() : '') || `${plan.runFromFile}-${k + 1}`
        out.add(name)
      })
      break
    }
    case 'long':
    case 'wide': {
      const i = col('run')
      if (i < 0) out.add(plan.runFromFile)
      else for (const r of rows) if (r[i]?.trim()) out.add(r[i].trim())
      break
    }
    case 'evals':
    case 'predictions': {
      const i = col('model')
      if (i >= 0) for (const r of rows) if (r[i]?.trim()) out.add(r[i].trim())
      break
    }
  }
  return [...out]
}
