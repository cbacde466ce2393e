/** The unit every corpus source yields and every pipeline stage consumes. */
export type CorpusLang = 'en' | 'zh'

export interface CorpusDocument {
  /** unique within a corpus, prefixed by the source: "brown:ca01", "moby-dick:chapter-1", "file.jsonl:12" */
  id: string
  text: string
  /** where it came from: "brown", "moby-dick", "sotu", "chinese-poetry", or a file path */
  source: string
  /** Brown genre name ("news"), dynasty ("tang"), ... when the source has one */
  genre?: string
  lang: CorpusLang
}
