/** Corpus sources: the corpora that ship with the app's packages, and the user's own files. */
export type { CorpusDocument, CorpusLang } from '../types'
export { loadBrown, BROWN_GENRES, resolveBrownGenre, detagBrownText, type BrownGenre } from './brown'
export { loadMobyDick } from './moby-dick'
export { loadStateOfTheUnion } from './state-of-the-union'
export { loadChinesePoetry, corporaDir, POETRY_DYNASTIES, type PoetryDynasty } from './chinese-poetry'
export { loadTextSource, readUtf8Text, SUPPORTED_EXTENSIONS, type TextSourceOptions } from './text-files'
export { loadCorpusSource, isBuiltInCorpus, BUILT_IN_CORPORA } from './corpus-spec'
