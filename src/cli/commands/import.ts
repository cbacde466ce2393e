/** scaling-lab import FILE... : CSV run logs into the catalog, one transaction per file. */
import { basename } from 'node:path'
import { IMPORT_FORMATS, type ImportFormat, type ImportSummary } from '../../shared/api'
import { LabError, toErrorInfo, type LabErrorInfo } from '../../shared/errors'
import { importFile } from '../../core/ingest'
import { mappingOption, option } from '../args'
import { DEFAULT_PROJECT, openCatalog } from '../catalog-option'
import type { CliCommand } from '../command'
import { progressLine } from '../progress-line'

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import CSV run logs, evaluations or per-example predictions into the catalog',
  usage: `scaling-lab import FILE... [--catalog PATH] [--project NAME] [--format F] [--map field=column]... [--replace] [--json]
  F: ${IMPORT_FORMATS.join(' ')}
  field: name family params active_params nonembedding_params tokens flops experts top_k run step metric value
         (evaluations: model task metric value stderr shots checkpoint; predictions: model task item probability confidence correct)
  Each file is imported whole or not at all; a file imported before (same SHA-256) is reported and skipped.
  --replace imports such a file again (with another --format or --map): what its earlier import wrote is removed in
  the same transaction (runs other imports also wrote into are kept and named), and "replacedImportId" says which.`,
  args: { values: ['catalog', 'project', 'format', 'map'], switches: ['json', 'replace'] },
  async run(args, io) {
    const files = args.positionals
    if (files.length === 0) throw new LabError('usage', 'name at least one FILE to import')
    const format = (option(args, 'format') ?? 'auto') as ImportFormat
    if (!IMPORT_FORMATS.includes(format)) throw new LabError('usage', `--format ${format} is not one of ${IMPORT_FORMATS.join(', ')}`)
    const mapping = mappingOption(args)
    const project = option(args, 'project') ?? DEFAULT_PROJECT
    const json = args.switches.has('json')
    const replace = args.switches.has('replace')
    const catalog = openCatalog(args)
    const imports: ImportSummary[] = []
    const errors: LabErrorInfo[] = []
    try {
      catalog.ensureProject(project)
      for (const file of files) {
        const progress = io.isTTY && !json ? progressLine(io, basename(file)) : undefined
        try {
          const summary = await importFile(catalog, file, { project, format, mapping, fileName: file, replace }, { onProgress: progress?.update })
          progress?.done()
          imports.push(summary)
          if (!json) {
            io.stdout(
              summary.duplicate
                ? `${file}: already imported (same SHA-256, import #${summary.importId}), nothing changed; use --replace to import it again with another mapping\n`
                : `${file}: ${summary.format}: ${summary.runs} runs, ${summary.points} points, ${summary.evals} evaluations, ${summary.predictions} predictions${summary.replacedImportId !== undefined ? ` (replaced import #${summary.replacedImportId})` : ''}\n`,
            )
          }
        } catch (e) {
          progress?.done()
          const info = toErrorInfo(e)
          if (info.file === undefined) info.file = file
          errors.push(info)
          io.stderr(`${[info.file, info.line, info.column].filter((p) => p !== undefined).join(':')}: ${info.message}${info.hint ? ` (${info.hint})` : ''}\n`)
        }
      }
    } finally {
      catalog.close()
    }
    if (json) {
      const out: Record<string, unknown> = { imports }
      if (errors.length) {
        const { file, line, column, message } = errors[0]
        out.error = { file, line: line ?? null, column: column ?? null, message }
        if (errors.length > 1) out.errors = errors
      }
      io.stdout(JSON.stringify(out) + '\n')
    }
    return errors.length ? 2 : 0
  },
}
