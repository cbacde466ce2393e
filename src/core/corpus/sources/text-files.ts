/**
 * Documents from the user's own files: a file or a folder (searched recursively, in sorted order, skipping
 * hidden entries and node_modules).
 * - .txt, .text, .md: UTF-8 text. By default one document per file (a file is the unit people save, and
 *   the quality rules judge whole documents); `txtUnit: 'paragraph'` makes one document per block of
 *   lines separated by blank lines instead, for files that hold many short texts.
 * - .jsonl, .ndjson: one JSON object a line with a string field `text` (or `jsonlField`); blank lines are
 *   skipped; a bad line is reported with its line number.
 * - .csv, .tsv: a header row and a column named `text` (any case; or `csvColumn`); RFC 4180 quoting
 *   (text/csv.ts, the importer's tokenizer); the delimiter is a tab for .tsv, else sniffed from the header (comma, tab or semicolon).
 * - .html, .htm, .xhtml: stripped to text with htmlparser2 (see text/html-to-text.ts).
 * Language: `lang` if given, else detected per document (Han characters -> 'zh').
 * Binary files, files that are not UTF-8 and a source with no text at all are LabErrors naming the file.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import { basename, extname, join, relative, resolve } from 'node:path'
import { LabError } from '../../../shared/errors'
import type { CorpusDocument, CorpusLang } from '../types'
import { detectLang } from '../text/words'
import { htmlToText } from '../text/html-to-text'
import { firstInvalidUtf8, firstNulByte, lineAndColumn } from '../text/utf8'
import { parseCsv, sniffDelimiter, type CsvRecord } from '../text/csv'

export interface TextSourceOptions {
  /** .txt files: one document per file (default) or per blank-line-separated block */
  txtUnit?: 'file' | 'paragraph'
  /** .jsonl: the field holding the text (default "text") */
  jsonlField?: string
  /** .csv / .tsv: the column holding the text (default: the column named "text", any case) */
  csvColumn?: string
  /** force the language instead of detecting it per document */
  lang?: CorpusLang
  /** a single file's name in document ids instead of its base name (uploads are stored under random names) */
  name?: string
}

const TEXT_EXT = new Set(['.txt', '.text', '.md'])
const JSONL_EXT = new Set(['.jsonl', '.ndjson'])
const CSV_EXT = new Set(['.csv', '.tsv'])
const HTML_EXT = new Set(['.html', '.htm', '.xhtml'])
export const SUPPORTED_EXTENSIONS = [...TEXT_EXT, ...JSONL_EXT, ...CSV_EXT, ...HTML_EXT]

function kindOf(path: string): 'txt' | 'jsonl' | 'csv' | 'html' | undefined {
  const ext = extname(path).toLowerCase()
  if (TEXT_EXT.has(ext)) return 'txt'
  if (JSONL_EXT.has(ext)) return 'jsonl'
  if (CSV_EXT.has(ext)) return 'csv'
  if (HTML_EXT.has(ext)) return 'html'
  return undefined
}

/** Read a file as UTF-8 text, refusing binary and non-UTF-8 content with the place of the first bad byte. */
export function readUtf8Text(file: string): string {
  const bytes = readFileSync(file)
  const nul = firstNulByte(bytes)
  if (nul >= 0) {
    throw new LabError('corpus-binary', `${basename(file)} looks like a binary file (a NUL byte at offset ${nul}), not text.`, {
      file,
      hint: `Give a UTF-8 text file (${SUPPORTED_EXTENSIONS.join(', ')}), or convert this file to text first.`,
    })
  }
  const bad = firstInvalidUtf8(bytes)
  if (bad >= 0) {
    const { line, column } = lineAndColumn(bytes, bad)
    throw new LabError('corpus-not-utf8', `${basename(file)} is not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad}).`, {
      file,
      line,
      column,
      hint: 'Re-save the file as UTF-8 (for example with iconv -f latin1 -t utf-8).',
    })
  }
  const text = bytes.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function doc(id: string, text: string, source: string, lang: CorpusLang | undefined): CorpusDocument {
  return { id, text, source, lang: lang ?? detectLang(text) }
}

function fromTxt(file: string, label: string, source: string, opts: TextSourceOptions): CorpusDocument[] {
  const text = readUtf8Text(file).replace(/\r\n?/g, '\n')
  if (opts.txtUnit === 'paragraph') {
    const out: CorpusDocument[] = []
    let line = 1
    for (const block of text.split(/\n[ \t]*\n/)) {
      const trimmed = block.trim()
      if (trimmed.length > 0) {
        const lead = block.length - block.trimStart().length
        const startLine = line + (block.slice(0, lead).match(/\n/g)?.length ?? 0)
        out.push(doc(`${label}:${startLine}`, trimmed, source, opts.lang))
      }
      line += (block.match(/\n/g)?.length ?? 0) + 2
    }
    return out
  }
  const trimmed = text.trim()
  return trimmed.length > 0 ? [doc(label, trimmed, source, opts.lang)] : []
}

function fromJsonl(file: string, label: string, source: string, opts: TextSourceOptions): CorpusDocument[] {
  const field = opts.jsonlField ?? 'text'
  const out: CorpusDocument[] = []
  const lines = readUtf8Text(file).split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line.length === 0) continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e)
      throw new LabError('corpus-bad-jsonl', `Line ${i + 1} of ${basename(file)} is not valid JSON (${why}).`, {
        file,
        line: i + 1,
        column: 1,
        hint: 'Each line of a .jsonl file must be one JSON object, e.g. {"text": "..."}.',
      })
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new LabError('corpus-bad-jsonl', `Line ${i + 1} of ${basename(file)} is not a JSON object.`, {
        file,
        line: i + 1,
        column: 1,
        hint: `Write one object a line with a "${field}" field.`,
      })
    }
    const text = (value as Record<string, unknown>)[field]
    if (typeof text !== 'string') {
      throw new LabError('corpus-bad-jsonl', `Line ${i + 1} of ${basename(file)} has no string field "${field}".`, {
        file,
        line: i + 1,
        column: 1,
        hint: `Found fields: ${Object.keys(value).join(', ') || 'none'}. Name the text field "${field}" or choose another field.`,
      })
    }
    if (text.trim().length > 0) out.push(doc(`${label}:${i + 1}`, text.trim(), source, opts.lang))
  }
  return out
}

function fromCsv(file: string, label: string, source: string, opts: TextSourceOptions): CorpusDocument[] {
  const text = readUtf8Text(file)
  const delimiter = extname(file).toLowerCase() === '.tsv' ? '\t' : sniffDelimiter(text)
  let records: CsvRecord[]
  try {
    records = parseCsv(text, file, delimiter)
  } catch (e) {
    if (e instanceof LabError && e.code.startsWith('import-')) {
      throw new LabError('corpus-bad-csv', `${basename(file)}: ${e.message}`, { file, line: e.line, column: e.column, hint: e.hint })
    }
    throw e
  }
  const header = records[0]?.fields ?? []
  const wanted = opts.csvColumn ?? 'text'
  let column = header.indexOf(wanted)
  if (column < 0) column = header.findIndex((f) => f.trim().toLowerCase() === wanted.toLowerCase())
  if (column < 0) {
    throw new LabError('corpus-csv-no-text-column', `${basename(file)} has no column named "${wanted}".`, {
      file,
      line: 1,
      hint: `Columns found: ${header.join(', ') || 'none'}. Rename the text column to "${wanted}" or choose the column to use.`,
    })
  }
  const out: CorpusDocument[] = []
  for (const record of records.slice(1)) {
    if (record.fields.length !== header.length) {
      throw new LabError('corpus-bad-csv', `${basename(file)}: line ${record.line} has ${record.fields.length} fields, the header has ${header.length}.`, {
        file,
        line: record.line,
        hint: 'Quote fields that contain the delimiter, and give every row as many fields as the header.',
      })
    }
    const value = record.fields[column]
    if (value.trim().length > 0) out.push(doc(`${label}:${record.line}`, value.trim(), source, opts.lang))
  }
  return out
}

function fromHtml(file: string, label: string, source: string, opts: TextSourceOptions): CorpusDocument[] {
  const text = htmlToText(readUtf8Text(file))
  return text.length > 0 ? [doc(label, text, source, opts.lang)] : []
}

function readOne(file: string, label: string, source: string, opts: TextSourceOptions): CorpusDocument[] {
  switch (kindOf(file)) {
    case 'txt':
      return fromTxt(file, label, source, opts)
    case 'jsonl':
      return fromJsonl(file, label, source, opts)
    case 'csv':
      return fromCsv(file, label, source, opts)
    case 'html':
      return fromHtml(file, label, source, opts)
    default:
      throw new LabError('corpus-unsupported-file', `${basename(file)} is not a kind of file the corpus reader knows.`, {
        file,
        hint: `Use ${SUPPORTED_EXTENSIONS.join(', ')}.`,
      })
  }
}

function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue
    const full = join(dir, name)
    const st = statSync(full)
    if (st.isDirectory()) listFiles(full, out)
    else if (st.isFile()) out.push(full)
  }
  return out
}

/** Documents from a file or a folder; see the header for formats. */
export function loadTextSource(path: string, opts: TextSourceOptions = {}): CorpusDocument[] {
  const full = resolve(path)
  if (!existsSync(full)) {
    throw new LabError('corpus-not-found', `${path} does not exist.`, { file: path, hint: 'Check the path, or name a built-in corpus: brown, brown:<genre>, moby-dick, sotu, chinese-poetry.' })
  }
  if (statSync(full).isDirectory()) {
    const files = listFiles(full)
    const usable = files.filter((f) => kindOf(f) !== undefined)
    const docs: CorpusDocument[] = []
    for (const f of usable) docs.push(...readOne(f, relative(full, f).split('\\').join('/'), full, opts))
    if (docs.length === 0) {
      throw new LabError(
        'corpus-empty',
        usable.length === 0
          ? `The folder ${path} holds no ${SUPPORTED_EXTENSIONS.join(', ')} files (${files.length} other files).`
          : `The folder ${path} holds ${usable.length} text files but no text in them.`,
        { file: path, hint: 'Point at a folder or file with text in it.' },
      )
    }
    return docs
  }
  const name = opts.name ?? basename(full)
  let docs: CorpusDocument[]
  try {
    docs = readOne(full, name, full, opts)
  } catch (e) {
    // an uploaded file lives under a random name: speak of the name the user knows
    if (opts.name !== undefined && e instanceof LabError) {
      throw new LabError(e.code, e.message.split(basename(full)).join(opts.name), { file: opts.name, line: e.line, column: e.column, hint: e.hint })
    }
    throw e
  }
  if (docs.length === 0) {
    throw new LabError('corpus-empty', `${name} contains no text.`, { file: opts.name ?? path, hint: 'Choose a file with text in it, or fill this one.' })
  }
  return docs
}
