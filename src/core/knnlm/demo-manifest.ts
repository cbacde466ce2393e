/** The shipped demo (resources/demo-model): its recipe (read by scripts/train-demo.ts) and manifest shape. */
import type { TransformerConfig } from './transformer'

export interface DemoRecipe {
  seed: number
  vocabSize: number
  config: Omit<TransformerConfig, 'vocabSize'>
  steps: number
  batchSize: number
  learningRate: number
  /** Brown genres the LM is trained on */
  lmGenres: string[]
  inDomain: { heldOutDocs: string[]; datastoreDocs: string[] }
  adaptation: { genre: string; heldOutDocs: string[]; datastoreDocCount: number }
  /** kNN-LM settings used when none are given; maxTokens caps the held-out text evaluated by default */
  defaults: { lambda: number; k: number; temperature: number; maxTokens: number }
}

export interface DemoSetting {
  datastore: string
  heldOut: string
  description: string
}

export interface DemoManifest {
  format: 'scaling-lab-demo'
  version: 1
  recipe: DemoRecipe
  modelId: string
  tokenizerId: string
  settings: { 'in-domain': DemoSetting; adaptation: DemoSetting }
  generatedAt: string
  /** what scripts/train-demo.ts measured on the shipped artefacts (for the view's first paint and the report) */
  results?: Record<DemoSettingKey, DemoResult>
}

export type DemoSettingKey = 'in-domain' | 'adaptation'

export interface DemoResult {
  tokens: number
  datastoreKeys: number
  ppl_lm: number
  /** at the default lambda, k, temperature */
  ppl_knnlm: number
  best: { lambda: number; k: number; temperature: number; ppl: number }
  sizeCurve: Array<{ fraction: number; keys: number; ppl_best: number; bestLambda: number }>
}

export const DEMO_RECIPE: DemoRecipe = {
  seed: 20240601,
  vocabSize: 2048,
  config: { layers: 2, dModel: 64, heads: 4, context: 64, dFF: 256, preLN: true },
  steps: 900,
  batchSize: 16,
  learningRate: 3e-3,
  lmGenres: ['news', 'editorial', 'reviews', 'religion', 'hobbies', 'lore', 'belles_lettres', 'government', 'learned'],
  inDomain: {
    heldOutDocs: ['brown:ca41', 'brown:ca42', 'brown:ca43', 'brown:ca44'],
    datastoreDocs: ['brown:ca01', 'brown:ca02', 'brown:ca03', 'brown:ca04', 'brown:ca05', 'brown:ca06'],
  },
  adaptation: { genre: 'romance', heldOutDocs: ['brown:cp27', 'brown:cp28', 'brown:cp29'], datastoreDocCount: 8 },
  defaults: { lambda: 0.25, k: 1024, temperature: 10, maxTokens: 2000 },
}
