/**
 * Filter expressions over runs, parsed by hand (no eval): `params > 1e8 and family = Pythia`,
 * `not (tags contains seed) or loss:last < 3`, `name contains "70m"`.
 *   expr       := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | "(" expr ")" | comparison
 *   comparison := ref ("=" | "!=" | "<" | "<=" | ">" | ">=" | "contains") value
 *   ref        := a run field (name, family, params, tokens, ...) or a metric column (loss:last, val_loss:at=1e9)
 *   value      := a number with optional units (1e8, 1.4B, 300B), a quoted string, or a bare word (Pythia)
 * Text compares without regard to case; `tags = x` holds when x is one of the run's tags, `tags contains x` when a
 * tag contains x. A run with no value for a field or column matches no comparison on it (so `not` of the
 * comparison holds). A bad expression is refused with its 1-based character position and what was expected.
 */
import { LabError } from './errors'
import { parseColumnSpec, type MetricColumnSpec } from './run-columns'
import { parseQuantity } from './units'

export type FieldType = 'number' | 'text' | 'tags' | 'boolean'

/** The run fields a filter or a sort can name, with their types. */
export const FILTER_FIELDS = {
  id: 'number',
  name: 'text',
  family: 'text',
  params: 'number',
  activeParams: 'number',
  nonembeddingParams: 'number',
  tokens: 'number',
  flops: 'number',
  experts: 'number',
  topK: 'number',
  loss: 'number',
  tags: 'tags',
  notes: 'text',
  hidden: 'boolean',
} as const satisfies Record<string, FieldType>
export type FilterField = keyof typeof FILTER_FIELDS

export type FilterRef = { kind: 'field'; field: FilterField } | { kind: 'column'; spec: MetricColumnSpec }
export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains'
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; node: FilterNode }
  | { kind: 'cmp'; ref: FilterRef; op: CmpOp; value: number | string | boolean }

type Tok =
  | { t: 'lp' | 'rp' | 'end'; pos: number; text: string }
  | { t: 'op'; pos: number; text: CmpOp }
  | { t: 'num'; pos: number; text: string; value: number }
  | { t: 'str'; pos: number; text: string; value: string }
  | { t: 'word'; pos: number; text: string }

const FIELD_BY_NAME = new Map(Object.keys(FILTER_FIELDS).map((f) => [f.toLowerCase(), f as FilterField]))

/** A run field by any of its spellings (topK, top_k, TOPK); undefined when there is none. */
export function filterField(name: string): FilterField | undefined {
  return FIELD_BY_NAME.get(name.replace(/_/g, '').toLowerCase())
}

const FIELD_LIST = Object.keys(FILTER_FIELDS).join(', ')

function fail(pos: number, message: string, hint?: string): never {
  throw new LabError('bad-filter', `Filter: ${message} at column ${pos + 1}.`, { column: pos + 1, hint: hint ?? `Write comparisons like params > 1e8, family = Pythia, loss:last < 3, joined by and, or, not and parentheses.` })
}

const NUMBER = /^[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?[a-z]*/i
const WORD = /^[A-Za-z_][\w./\-]*(?::[A-Za-z_]+(?:=[^\s()<>=!]+)?)?/

export function tokenize(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) {
      i++
      continue
    }
    const rest = src.slice(i)
    if (c === '(' || c === ')') {
      out.push({ t: c === '(' ? 'lp' : 'rp', pos: i, text: c })
      i++
      continue
    }
    const op = /^(<=|>=|!=|==|=|<|>)/.exec(rest)
    if (op) {
      out.push({ t: 'op', pos: i, text: (op[1] === '==' ? '=' : op[1]) as CmpOp })
      i += op[1].length
      continue
    }
    if (c === '"' || c === "'") {
      let j = i + 1
      let value = ''
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++
        value += src[j]
        j++
      }
      if (j >= src.length) fail(i, `the string opened here is not closed (expected a closing ${c})`)
      out.push({ t: 'str', pos: i, text: src.slice(i, j + 1), value })
      i = j + 1
      continue
    }
    const num = NUMBER.exec(rest)
    if (num) {
      const value = parseQuantity(num[0])
      if (value === undefined) fail(i, `${JSON.stringify(num[0])} is not a number (units: k, M, B, T, e.g. 1.4B)`)
      out.push({ t: 'num', pos: i, text: num[0], value })
      i += num[0].length
      continue
    }
    const word = WORD.exec(rest)
    if (word) {
      out.push({ t: 'word', pos: i, text: word[0] })
      i += word[0].length
      continue
    }
    fail(i, `unexpected character ${JSON.stringify(c)}`)
  }
  out.push({ t: 'end', pos: src.length, text: '' })
  return out
}

const isKeyword = (tok: Tok, kw: string): boolean => tok.t === 'word' && tok.text.toLowerCase() === kw
const KEYWORDS = ['and', 'or', 'not', 'contains']
const shown = (tok: Tok): string => (tok.t === 'end' ? 'the end' : JSON.stringify(tok.text))

class Parser {
  private i = 0
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i]
  }
  private next(): Tok {
    return this.toks[this.i++]
  }

  parse(): FilterNode {
    const node = this.or()
    const tok = this.peek()
    if (tok.t !== 'end') fail(tok.pos, `expected and, or or the end, found ${shown(tok)}`)
    return node
  }

  private or(): FilterNode {
    let left = this.and()
    while (isKeyword(this.peek(), 'or')) {
      this.next()
      left = { kind: 'or', left, right: this.and() }
    }
    return left
  }

  private and(): FilterNode {
    let left = this.unary()
    while (isKeyword(this.peek(), 'and')) {
      this.next()
      left = { kind: 'and', left, right: this.unary() }
    }
    return left
  }

  private unary(): FilterNode {
    const tok = this.peek()
    if (isKeyword(tok, 'not')) {
      this.next()
      return { kind: 'not', node: this.unary() }
    }
    if (tok.t === 'lp') {
      this.next()
      const node = this.or()
      const close = this.next()
      if (close.t !== 'rp') fail(close.pos, `expected ")" to close the "(" at column ${tok.pos + 1}, found ${shown(close)}`)
      return node
    }
    return this.comparison()
  }

  private ref(): FilterRef {
    const tok = this.next()
    if (tok.t !== 'word' || KEYWORDS.includes(tok.text.toLowerCase())) {
      fail(tok.pos, `expected a run field (${FIELD_LIST}) or a metric column (metric:agg), found ${shown(tok)}`)
    }
    if (tok.text.includes(':')) return { kind: 'column', spec: parseColumnSpec(tok.text, tok.pos) }
    const field = filterField(tok.text)
    if (!field) fail(tok.pos, `unknown field ${JSON.stringify(tok.text)}; expected a run field (${FIELD_LIST}) or a metric column (metric:agg)`)
    return { kind: 'field', field }
  }

  private comparison(): FilterNode {
    const refTok = this.peek()
    const ref = this.ref()
    const type: FieldType = ref.kind === 'column' ? 'number' : FILTER_FIELDS[ref.field]
    const opTok = this.next()
    let op: CmpOp
    if (opTok.t === 'op') op = opTok.text
    else if (isKeyword(opTok, 'contains')) op = 'contains'
    else fail(opTok.pos, `expected a comparison (=, !=, <, <=, >, >=, contains) after ${JSON.stringify(refTok.text)}, found ${shown(opTok)}`)
    const allowed: Record<FieldType, CmpOp[]> = {
      number: ['=', '!=', '<', '<=', '>', '>='],
      text: ['=', '!=', 'contains'],
      tags: ['=', '!=', 'contains'],
      boolean: ['=', '!='],
    }
    if (!allowed[type].includes(op)) fail(opTok.pos, `${JSON.stringify(refTok.text)} is ${type === 'number' ? 'a number' : type === 'boolean' ? 'yes or no' : 'text'}: use ${allowed[type].join(', ')}, not ${op}`)
    return { kind: 'cmp', ref, op, value: this.value(type, refTok.text) }
  }

  private value(type: FieldType, refText: string): number | string | boolean {
    const tok = this.next()
    if (type === 'number') {
      if (tok.t !== 'num') fail(tok.pos, `expected a number after ${JSON.stringify(refText)} (units like 1.4B, 300B accepted), found ${shown(tok)}`)
      return tok.value
    }
    if (type === 'boolean') {
      const b = tok.t === 'word' || tok.t === 'str' ? { true: true, yes: true, false: false, no: false }[tok.text.replace(/['"]/g, '').toLowerCase()] : undefined
      if (b === undefined) fail(tok.pos, `expected true or false after ${JSON.stringify(refText)}, found ${shown(tok)}`)
      return b
    }
    if (tok.t === 'str') return tok.value
    if ((tok.t === 'word' && !KEYWORDS.includes(tok.text.toLowerCase())) || tok.t === 'num') return tok.text
    fail(tok.pos, `expected a value (a word or a quoted string) after ${JSON.stringify(refText)}, found ${shown(tok)}`)
  }
}

/** The expression's tree; a blank expression is refused (the caller leaves the filter out instead). */
export function parseFilter(src: string): FilterNode {
  if (src.trim() === '') fail(0, 'the expression is empty')
  return new Parser(tokenize(src)).parse()
}

/** Every metric column the expression names (the engine computes them before it filters). */
export function filterColumns(node: FilterNode): MetricColumnSpec[] {
  if (node.kind === 'cmp') return node.ref.kind === 'column' ? [node.ref.spec] : []
  if (node.kind === 'not') return filterColumns(node.node)
  return [...filterColumns(node.left), ...filterColumns(node.right)]
}

/** The value a reference reads: a number, text, a tag list, a boolean, or null when the run has none. */
export type RefValue = number | string | string[] | boolean | null | undefined

function compare(op: CmpOp, v: RefValue, want: number | string | boolean): boolean {
  if (v === null || v === undefined) return false
  if (Array.isArray(v)) {
    const w = String(want).toLowerCase()
    const tags = v.map((t) => t.toLowerCase())
    if (op === '=') return tags.includes(w)
    if (op === '!=') return !tags.includes(w)
    return tags.some((t) => t.includes(w))
  }
  if (typeof v === 'string') {
    const a = v.toLowerCase()
    const w = String(want).toLowerCase()
    return op === '=' ? a === w : op === '!=' ? a !== w : a.includes(w)
  }
  if (typeof v === 'boolean') return op === '=' ? v === want : v !== want
  const w = want as number
  switch (op) {
    case '=':
      return v === w
    case '!=':
      return v !== w
    case '<':
      return v < w
    case '<=':
      return v <= w
    case '>':
      return v > w
    case '>=':
      return v >= w
    default:
      return false
  }
}

/** Whether a run passes; `read` gives the value of a field or column for that run. */
export function matchesFilter(node: FilterNode, read: (ref: FilterRef) => RefValue): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, read) && matchesFilter(node.right, read)
    case 'or':
      return matchesFilter(node.left, read) || matchesFilter(node.right, read)
    case 'not':
      return !matchesFilter(node.node, read)
    case 'cmp':
      return compare(node.op, read(node.ref), node.value)
  }
}
