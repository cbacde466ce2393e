/** scaling-lab corpus clean SRC... --out DIR: the data pipeline over files, folders and built-in corpora. */
import type { CleanedCorpus, CorpusCleanReport, CorpusCleanSettings, RequestOf } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { numberOption, option, type ParsedArgs } from '../args'
import type { CliCommand, CliIo } from '../command'
import { progressLine } from '../progress-line'
import { withLab } from '../lab-session'

type TextSourceOptions = NonNullable<RequestOf<'startCorpusClean'>['text']>

const USAGE = `scaling-lab corpus clean SRC... --out DIR [--eval SRC]... [options] [--json]
  SRC: a .txt/.md, .jsonl (field "text"), .csv/.tsv (column "text"), .html file, a folder of them, or a built-in
       corpus: brown, brown:<genre or sample>[,...] (brown:news, brown:a, brown:ca01), moby-dick, sotu,
       chinese-poetry[:tang|:song]
  Stages: strip HTML -> quality rules (Gopher) -> block list -> exact dedup -> MinHash near-dedup ->
          decontamination against the --eval text (13-grams).
  Writes DIR/corpus.jsonl (the kept documents) and DIR/report.json (counts, removed examples, clusters).
  options:
    --eval SRC            evaluation text to decontaminate against (repeatable)
    --ngram N             decontamination n-gram length (default 13)
    --threshold J         near-duplicate Jaccard threshold (default 0.8)
    --shingle N           words per shingle (default 5)
    --num-perm N --bands B   MinHash permutations and LSH bands (default 128 = 32 bands x 4 rows)
    --seed N              seed of the MinHash permutations (default 1)
    --min-words N --max-words N   document length bounds (default 50 and 100000 words; 10 characters for Chinese)
    --blocklist FILE      block list for the harmful-content filter (default resources/corpora/blocklist.txt)
    --min-matches N       block-list matches that remove a document (default 1)
    --max-examples N      removed examples kept per stage in the report (default 20)
    --txt-unit file|paragraph   one document per .txt file (default) or per blank-line block
    --field NAME          the text field of .jsonl files      --column NAME   the text column of .csv files
    --no-html --no-quality --no-harmful --no-exact-dedup --no-near-dedup   switch a stage off`

function settingsFrom(args: ParsedArgs): CorpusCleanSettings {
  const int = (name: string, min: number): number | undefined => numberOption(args, name, (n) => Number.isInteger(n) && n >= min)
  const s: CorpusCleanSettings = {}
  if (args.switches.has('no-html')) s.stripHtml = false
  if (args.switches.has('no-quality')) s.quality = false
  if (args.switches.has('no-harmful')) s.harmful = false
  if (args.switches.has('no-exact-dedup')) s.exactDedup = false
  if (args.switches.has('no-near-dedup')) s.nearDedup = false
  const set = <K extends keyof CorpusCleanSettings>(key: K, value: CorpusCleanSettings[K] | undefined): void => {
    if (value !== undefined) s[key] = value
  }
  set('minWords', int('min-words', 0))
  set('maxWords', int('max-words', 1))
  set('minMatches', int('min-matches', 1))
  set('threshold', numberOption(args, 'threshold', (n) => n > 0 && n <= 1))
  set('shingleSize', int('shingle', 1))
  set('numPerm', int('num-perm', 1))
  set('bands', int('bands', 1))
  set('seed', int('seed', 0))
  set('decontaminationN', int('ngram', 1))
  set('maxExamples', int('max-examples', 0))
  return s
}

function textOptionsFrom(args: ParsedArgs): TextSourceOptions {
  const text: TextSourceOptions = {}
  const unit = option(args, 'txt-unit')
  if (unit !== undefined) {
    if (unit !== 'file' && unit !== 'paragraph') throw new LabError('usage', `--txt-unit ${unit} is not file or paragraph`)
    text.txtUnit = unit
  }
  const field = option(args, 'field')
  if (field !== undefined) text.jsonlField = field
  const column = option(args, 'column')
  if (column !== undefined) text.csvColumn = column
  return text
}

function printSummary(io: CliIo, outDir: string, report: CorpusCleanReport): void {
  const n = (x: number): string => x.toLocaleString('en-US')
  io.stdout(`sources: ${report.sources.map((s) => `${s.spec} (${n(s.docs)} docs, ${n(s.tokens)} tokens)`).join(', ')}\n`)
  for (const s of report.stages) {
    const reasons = Object.entries(s.reasonCounts)
      .map(([rule, count]) => `${rule} ${count}`)
      .join(', ')
    io.stdout(
      `  ${s.name.padEnd(14)} ${s.enabled ? `${n(s.docsIn)} -> ${n(s.docsOut)} docs, ${n(s.tokensIn)} -> ${n(s.tokensOut)} tokens${reasons ? `  (${reasons})` : ''}${s.clusterCount ? `, ${s.clusterCount} clusters` : ''}` : 'off'}\n`,
    )
  }
  io.stdout(`kept ${n(report.keptDocs)} documents, ${n(report.keptTokens)} tokens -> ${outDir}/corpus.jsonl, report.json\n`)
}

export const corpusCommand: CliCommand = {
  name: 'corpus',
  summary: 'clean a corpus: strip HTML, quality rules, block list, exact and near dedup, decontamination',
  usage: USAGE,
  args: {
    values: ['out', 'eval', 'ngram', 'threshold', 'shingle', 'num-perm', 'bands', 'seed', 'min-words', 'max-words', 'blocklist', 'min-matches', 'max-examples', 'txt-unit', 'field', 'column', 'catalog', 'project'],
    switches: ['json', 'no-html', 'no-quality', 'no-harmful', 'no-exact-dedup', 'no-near-dedup'],
  },
  async run(args, io) {
    const [sub, ...sources] = args.positionals
    if (sub !== 'clean') throw new LabError('usage', sub === undefined ? 'name a subcommand: corpus clean SRC... --out DIR' : `unknown subcommand corpus ${sub}: use corpus clean`)
    if (sources.length === 0) throw new LabError('usage', 'name at least one SRC to clean (a file, a folder, or brown, moby-dick, sotu, chinese-poetry)')
    const out = option(args, 'out')
    if (out === undefined) throw new LabError('usage', 'say where to write the cleaned corpus: --out DIR')
    const json = args.switches.has('json')
    const blocklist = option(args, 'blocklist')
    const text = textOptionsFrom(args)
    const settings = settingsFrom(args)
    const progress = io.isTTY && !json ? progressLine(io, 'corpus clean') : undefined
    let result: CleanedCorpus
    try {
      result = await withLab(args, (lab) =>
        lab.runJob<CleanedCorpus>(
          'startCorpusClean',
          { localSources: sources, localEvalSources: args.options.get('eval') ?? [], outDir: out, blocklistPath: blocklist, text: Object.keys(text).length ? text : undefined, settings },
          { onProgress: progress?.update },
        ),
        // the cleaning goes to --out, not to the catalog: no catalog file is opened or created
        { inMemory: true },
      )
    } finally {
      progress?.done()
    }
    if (json) {
      const { outDir, corpusFile, reportFile, report } = result
      io.stdout(JSON.stringify({ outDir, corpusFile, reportFile, ...report }) + '\n')
    } else printSummary(io, result.outDir, result.report)
    return 0
  },
}
