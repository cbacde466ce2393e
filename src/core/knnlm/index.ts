/** kNN-LM lab: tokenizers, a small Transformer, datastores, retrieval, interpolation, evaluation. */
export { trainTokenizer, loadTokenizer, saveTokenizer, tokenizerFromJson, type Tokenizer, type TokenizerJson, type TokenizerKind } from './tokenizer'
export { trainLanguageModel, encodeDocuments, DEFAULT_CONFIG, type TrainLanguageModelOptions, type TrainLanguageModelResult } from './train-language-model'
export { DEFAULT_HELD_OUT_SHARE, splitHeldOut, trainLanguageModelInWorker, buildDatastoreInWorker, type TrainJobInput, type DatastoreJobInput, type DatastoreJobResult } from './train-job'
export { readModelJson, type ModelJson, type LossPoint } from './model-folder'
export { LoadedModel } from './loaded-model'
export { countParameters, type TransformerConfig } from './transformer'
export {
  buildDatastore,
  loadDatastore,
  saveDatastore,
  makeDatastore,
  searchDatastore,
  datastoreMemory,
  checkCompatible,
  readDatastoreMeta,
  HNSW_THRESHOLD,
  type Datastore,
  type DatastoreMeta,
  type MemoryReport,
  type SearchMethod,
  type BuildDatastoreOptions,
  type BuildDatastoreResult,
} from './datastore'
export { exactSearch, naiveSearch, type Neighbours } from './exact-search'
export { exactSearchTf } from './exact-search-tf'
export { exactSearchNative } from './exact-search-native'
export { loadKnnKernel, knnKernelStatus } from './knn-kernel'
export { HnswIndex, type HnswOptions } from './hnsw-index'
export { knnLogProbs, mixLogProb, perplexity } from './knn-distribution'
export { evaluateInterpolation, sweepInterpolation, DEFAULT_GRID, type EvalInputs, type KnnLmEvaluation, type KnnLmSweep, type SweepGrid, type SweepPoint, type SizePoint } from './interpolation-eval'
export { perTokenView, type PerTokenView, type TokenGain, type TokenTypeGain } from './per-token-view'
export { readNpy, writeNpy, parseNpy, encodeNpy, type NpyArray, type NpyDtype } from './npy'
export { importNumbers, importNpyDatastore, importEvalInputs, type ImportedNumbers } from './import-npy'
export { loadDemo, demoDir, readDemoHeldOut, type DemoPaths, type DemoSettingName } from './demo'
export type { DemoManifest, DemoRecipe } from './demo-manifest'
export {
  evaluateKnnLm,
  sweepKnnLm,
  queryNextToken,
  evaluateImported,
  sweepImported,
  clearKnnLmCache,
  type KnnLmTarget,
  type KnnLmOptions,
  type EvaluateKnnLmResult,
  type NextTokenView,
  type NeighbourView,
  type TokenProbability,
} from './api'
