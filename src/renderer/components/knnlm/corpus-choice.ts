/** A corpus picked in the kNN-LM view: Brown genres, other shipped corpora, uploaded files; and the specs the lab takes. */
export interface CorpusChoice {
  genres: string[]
  others: string[]
  uploads: Array<{ uploadId: string; name: string }>
}

export function emptyCorpus(genres: string[] = []): CorpusChoice {
  return { genres, others: [], uploads: [] }
}

/** built-in corpus specs (`brown:news,romance`, `moby-dick`, ...) and upload ids for startKnnLmTrain / startKnnLmDatastore */
export function corpusRequest(c: CorpusChoice): { sources: string[]; uploadIds: string[] } {
  const sources: string[] = []
  if (c.genres.length > 0) sources.push(`brown:${c.genres.join(',')}`)
  sources.push(...c.others)
  return { sources, uploadIds: c.uploads.map((u) => u.uploadId) }
}

export function corpusIsEmpty(c: CorpusChoice): boolean {
  return c.genres.length === 0 && c.others.length === 0 && c.uploads.length === 0
}

/** every chosen source is Chinese (poetry): the automatic tokenizer is then characters */
export function corpusIsChinese(c: CorpusChoice): boolean {
  return c.genres.length === 0 && c.uploads.length === 0 && c.others.length > 0 && c.others.every((o) => o.startsWith('chinese-poetry'))
}
