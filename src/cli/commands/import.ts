/** scaling-lab import FILE... : CSV run logs into the catalog, one transaction per file. */
import { basename } from 'node:path'
import { IMPORT_FORMATS, type ImportFormat, type ImportSummary } from '../../shared/api'
import { LabError, toErrorInfo, type LabErrorInfo } from '../../shared/errors'
import { mappingOption, option } from '../args'
import { DEFAULT_PROJECT } from '../catalog-option'
import type { CliCommand } from '../command'
import { withLab } from '../lab-session'
import { progressLine } from '../progress-line'
import { visible } from '../visible'

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import CSV run logs, evaluations or per-example predictions into the catalog',
  usage: `scaling-lab import FILE... [--catalog PATH] [--project NAME] [--format F] [--map field=column]... [--replace] [--lenient] [--json]
  F: ${IMPORT_FORMATS.join(' ')}
  field: name family family_flag params active_params nonembedding_params tokens flops experts top_k tags notes
         run step metric value
         (evaluations: model task metric value stderr n item shots checkpoint choices family_flag;
          predictions: model task item probability confidence correct, per option: option gold is_gold)
  --map field= (no column) leaves a field the automatic mapping chose unmapped (e.g. --map family_flag=).
  Each file is imported whole or not at all; a file imported before (same SHA-256) is reported and skipped.
  --replace imports such a file again (with another --format or --map): what its earlier import wrote is removed in
  the same transaction (runs other imports also wrote into are kept and named), and "replacedImportId" says which.
  A result column of numbers with a few cells that are not numbers is refused at the first one (FILE:LINE:COLUMN);
  --lenient imports it with those cells empty, each listed as a warning. Warnings are printed under each file.
  While another import writes to the catalog, this one waits (up to 60 s, or SCALING_LAB_LOCK_TIMEOUT_MS).`,
  args: { values: ['catalog', 'project', 'format', 'map'], switches: ['json', 'replace', 'lenient'] },
  async run(args, io) {
    const files = args.positionals
    if (files.length === 0) throw new LabError('usage', 'name at least one FILE to import')
    const format = (option(args, 'format') ?? 'auto') as ImportFormat
    if (!IMPORT_FORMATS.includes(format)) throw new LabError('usage', `--format ${format} is not one of ${IMPORT_FORMATS.join(', ')}`)
    const mapping = mappingOption(args)
    const project = option(args, 'project') ?? DEFAULT_PROJECT
    const json = args.switches.has('json')
    const replace = args.switches.has('replace')
    const lenient = args.switches.has('lenient')
    const imports: ImportSummary[] = []
    const errors: LabErrorInfo[] = []
    await withLab(args, async (lab) => {
      // the project is created by the import's own transaction (startImport by project name): a refused import
      // leaves no empty project behind
      for (const file of files) {
        const progress = io.isTTY && !json ? progressLine(io, visible(basename(file))) : undefined
        let waited: string | undefined
        const onProgress = (fraction: number, message?: string): void => {
          // at 0 before any row is read, the only message is the wait for another import's write lock
          if (fraction === 0 && message !== undefined && message !== waited && /^waiting/i.test(message)) {
            waited = message
            progress?.done()
            io.stderr(`${visible(file)}: ${message}\n`)
          } else progress?.update(fraction, message)
        }
        try {
          const { id: uploadId } = lab.lab.context.uploads.fromPath(file)
          const summary = await lab.runJob<ImportSummary>('startImport', { uploadId, project, format, mapping, lenient, replace }, { onProgress })
          progress?.done()
          imports.push(summary)
          if (!json) io.stdout(summaryText(file, summary))
        } catch (e) {
          progress?.done()
          const info = toErrorInfo(e)
          if (info.file === undefined) info.file = file
          errors.push(info)
          io.stderr(visible(`${[info.file, info.line, info.column].filter((p) => p !== undefined).join(':')}: ${info.message}${info.hint ? ` (${info.hint})` : ''}`) + '\n')
        }
      }
    })
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

/** The file's summary line, then one indented line per warning. */
function summaryText(file: string, s: ImportSummary): string {
  if (s.duplicate) {
    return `${visible(file)}: already imported (same SHA-256, import #${s.importId}), nothing changed; use --replace to import it again with another mapping\n`
  }
  const items = s.items > 0 ? ` (${s.items} evaluation rows were items, stored as means with their count)` : ''
  const replaced = s.replacedImportId !== undefined ? ` (replaced import #${s.replacedImportId})` : ''
  const line = `${visible(file)}: ${s.format}: ${s.runs} runs, ${s.points} points, ${s.evals} evaluations${items}, ${s.predictions} predictions${replaced}\n`
  return line + s.warnings.map((w) => `  warning: ${visible(w)}\n`).join('')
}
