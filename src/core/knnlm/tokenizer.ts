/**
 * One tokenizer interface over byte-level BPE (English) and characters (Chinese), saved as JSON with an id:
 * the first 16 hex digits of SHA-256 over its kind and table, so a datastore or model built with another
 * tokenizer is recognised and refused.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { LabError } from '../../shared/errors'
import type { ProgressOptions } from '../jobs/cancelled'
import { BpeEncoder, learnBpeMerges } from './bpe-tokenizer'
import { CHAR_EOS, CharEncoder, learnCharacters } from './char-tokenizer'

export type TokenizerKind = 'bpe' | 'char'

export interface TokenizerJson {
  format: 'scaling-lab-tokenizer'
  version: 1
  kind: TokenizerKind
  id: string
  /** bpe: merges as [a, b] id pairs (ids 0-255 bytes, 256 end of text, 257+ merges) */
  merges?: Array<[number, number]>
  /** char: the characters of ids 2.. (0 <eos>, 1 <unk>) */
  chars?: string[]
}

export interface Tokenizer {
  readonly kind: TokenizerKind
  readonly id: string
  readonly vocabSize: number
  readonly eosId: number
  encode(text: string): number[]
  decode(ids: readonly number[]): string
  /** a readable form of one token, e.g. " the" or "的" (a lone byte of a longer character decodes to U+FFFD: see token-display.ts) */
  tokenText(id: number): string
  /** the UTF-8 bytes one token stands for; end of text stands for a line break (a document boundary) */
  tokenBytes(id: number): Uint8Array
  toJSON(): TokenizerJson
}

const utf8 = new TextEncoder()
const LINE_BREAK = Uint8Array.of(10)

function tokenizerId(kind: TokenizerKind, table: unknown): string {
  return createHash('sha256').update(JSON.stringify({ kind, table })).digest('hex').slice(0, 16)
}

class BpeTokenizer implements Tokenizer {
  readonly kind = 'bpe' as const
  readonly id: string
  readonly eosId = 256
  private readonly enc: BpeEncoder
  private readonly decoder = new TextDecoder('utf-8')
  constructor(private readonly merges: Array<[number, number]>) {
    this.enc = new BpeEncoder(merges)
    this.id = tokenizerId('bpe', merges)
  }
  get vocabSize(): number {
    return this.enc.vocabSize
  }
  encode(text: string): number[] {
    return this.enc.encode(text)
  }
  decode(ids: readonly number[]): string {
    const parts = ids.map((i) => this.enc.tokenBytes(i))
    const total = parts.reduce((n, p) => n + p.length, 0)
    const all = new Uint8Array(total)
    let at = 0
    for (const p of parts) {
      all.set(p, at)
      at += p.length
    }
    return this.decoder.decode(all)
  }
  tokenText(id: number): string {
    if (id === this.eosId) return '<eos>'
    return this.decoder.decode(this.enc.tokenBytes(id))
  }
  tokenBytes(id: number): Uint8Array {
    return id === this.eosId ? LINE_BREAK : this.enc.tokenBytes(id)
  }
  toJSON(): TokenizerJson {
    return { format: 'scaling-lab-tokenizer', version: 1, kind: 'bpe', id: this.id, merges: this.merges }
  }
}

class CharTokenizer implements Tokenizer {
  readonly kind = 'char' as const
  readonly id: string
  readonly eosId = CHAR_EOS
  private readonly enc: CharEncoder
  constructor(private readonly chars: string[]) {
    this.enc = new CharEncoder(chars)
    this.id = tokenizerId('char', chars)
  }
  get vocabSize(): number {
    return this.enc.vocabSize
  }
  encode(text: string): number[] {
    return this.enc.encode(text)
  }
  decode(ids: readonly number[]): string {
    return ids.map((i) => (i === CHAR_EOS ? '\n' : this.enc.tokenText(i))).join('')
  }
  tokenText(id: number): string {
    return this.enc.tokenText(id)
  }
  tokenBytes(id: number): Uint8Array {
    return id === CHAR_EOS ? LINE_BREAK : utf8.encode(this.enc.tokenText(id))
  }
  toJSON(): TokenizerJson {
    return { format: 'scaling-lab-tokenizer', version: 1, kind: 'char', id: this.id, chars: this.chars }
  }
}

export interface TrainTokenizerOptions extends ProgressOptions {
  kind: TokenizerKind
  /** total vocabulary size including special ids; BPE: 257 + merges, e.g. 2,000 to 4,000 */
  vocabSize: number
}

/** Learn a tokenizer from texts. Refuses an empty corpus. */
export function trainTokenizer(texts: readonly string[], opts: TrainTokenizerOptions): Tokenizer {
  const chars = texts.reduce((n, t) => n + t.trim().length, 0)
  if (chars === 0) throw new LabError('corpus-empty', 'The corpus is empty: there is no text to learn a tokenizer from.', { hint: 'Choose a source with text in it.' })
  if (opts.kind === 'bpe') {
    if (!Number.isInteger(opts.vocabSize) || opts.vocabSize < 258 || opts.vocabSize > 65536) {
      throw new LabError('bad-option', `A BPE vocabulary size must be an integer from 258 to 65536; got ${opts.vocabSize}.`, { hint: 'Try 2000 to 4000 for a small English model.' })
    }
    return new BpeTokenizer(learnBpeMerges(texts, opts.vocabSize, opts))
  }
  if (!Number.isInteger(opts.vocabSize) || opts.vocabSize < 3) {
    throw new LabError('bad-option', `A character vocabulary size must be an integer of at least 3; got ${opts.vocabSize}.`, { hint: 'Try 3000 to 6000 for Chinese.' })
  }
  return new CharTokenizer(learnCharacters(texts, opts.vocabSize))
}

export function tokenizerFromJson(json: unknown, file = '<tokenizer>'): Tokenizer {
  const j = json as Partial<TokenizerJson>
  if (!j || j.format !== 'scaling-lab-tokenizer') {
    throw new LabError('tokenizer-invalid', `${file} is not a Scaling Lab tokenizer.`, { file, hint: 'Train a tokenizer in the lab or pick tokenizer.json from a model folder.' })
  }
  let tok: Tokenizer | undefined
  try {
    tok = j.kind === 'bpe' && Array.isArray(j.merges) ? new BpeTokenizer(j.merges) : j.kind === 'char' && Array.isArray(j.chars) ? new CharTokenizer(j.chars) : undefined
  } catch (e) {
    throw new LabError('tokenizer-invalid', `${file}: ${(e as Error).message}.`, { file, hint: 'The file is damaged; train the tokenizer again.' })
  }
  if (!tok) throw new LabError('tokenizer-invalid', `${file}: unknown tokenizer kind ${String(j.kind)} or missing table.`, { file, hint: 'The file may be damaged; train the tokenizer again.' })
  if (j.id !== undefined && j.id !== tok.id) {
    throw new LabError('tokenizer-invalid', `${file}: its id ${j.id} does not match its contents (${tok.id}).`, { file, hint: 'The file was edited or damaged; train the tokenizer again.' })
  }
  return tok
}

export function saveTokenizer(tokenizer: Tokenizer, path: string): void {
  writeFileSync(path, JSON.stringify(tokenizer.toJSON()))
}

export function loadTokenizer(path: string): Tokenizer {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new LabError('file-not-found', `Cannot read the tokenizer ${path}.`, { file: path, hint: 'A model folder holds tokenizer.json next to model.json.' })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new LabError('tokenizer-invalid', `${path} is not valid JSON.`, { file: path, hint: 'Train the tokenizer again.' })
  }
  return tokenizerFromJson(json, path)
}
