/**
 * Character tokenizer for Chinese (and any script written without spaces): one id per Unicode code point, the
 * most frequent `vocabSize - 2` characters of the corpus, plus <eos> (0) and <unk> (1) for characters never seen.
 */
export const CHAR_EOS = 0
export const CHAR_UNK = 1

export function learnCharacters(texts: readonly string[], vocabSize: number): string[] {
  const counts = new Map<string, number>()
  for (const t of texts) for (const ch of t) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  return [...counts.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, Math.max(0, vocabSize - 2))
    .map(([ch]) => ch)
}

export class CharEncoder {
  private readonly index = new Map<string, number>()
  constructor(readonly chars: readonly string[]) {
    chars.forEach((ch, i) => this.index.set(ch, i + 2))
  }
  get vocabSize(): number {
    return this.chars.length + 2
  }
  encode(text: string): number[] {
    const out: number[] = []
    for (const ch of text) out.push(this.index.get(ch) ?? CHAR_UNK)
    return out
  }
  tokenText(id: number): string {
    if (id === CHAR_EOS) return '<eos>'
    if (id === CHAR_UNK) return '<unk>'
    const ch = this.chars[id - 2]
    if (ch === undefined) throw new RangeError(`token id ${id} is outside the vocabulary (${this.vocabSize})`)
    return ch
  }
}
