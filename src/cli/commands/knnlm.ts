/**
 * scaling-lab knnlm train | datastore | eval | sweep: train a small LM, build a datastore, and measure kNN-LM
 * interpolation (Khandelwal et al. 2020). With no model/datastore/text, eval and sweep use the shipped demo.
 */
import { writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { LabError } from '../../shared/errors'
import { loadCorpusSource, type CorpusDocument } from '../../core/corpus'
import {
  buildDatastore,
  evaluateImported,
  evaluateKnnLm,
  sweepImported,
  sweepKnnLm,
  splitHeldOut,
  trainLanguageModel,
  trainTokenizer,
  loadTokenizer,
  type SweepGrid,
  type TokenizerKind,
} from '../../core/knnlm'
import { listOption, numberOption, option, type ParsedArgs } from '../args'
import type { CliCommand, CliIo } from '../command'
import { catalogPathFrom } from '../catalog-option'
import { progressLine } from '../progress-line'

const USAGE = `scaling-lab knnlm train SRC... [--out DIR] [--tokenizer bpe|char] [--vocab N] [--layers N] [--d-model N]
                 [--heads N] [--context N] [--steps N] [--batch N] [--lr X] [--seed N] [--held-out F] [--resume] [--json]
scaling-lab knnlm datastore SRC... --model DIR --out DIR [--dtype float16|float32] [--hnsw]
                 [--decontaminate SRC] [--threads N] [--json]
scaling-lab knnlm eval [--model DIR --datastore DIR --text SRC | --setting in-domain|adaptation]
                 [--lambda L] [--k K] [--temperature T] [--max-tokens N] [--fraction F] [--exact|--hnsw] [--json]
scaling-lab knnlm sweep [same as eval] [--lambdas L,...] [--ks K,...] [--temperatures T,...] [--sizes F,...] [--json]
  eval/sweep on your own model's numbers: --keys K.npy --values V.npy --queries Q.npy --targets Y.npy
                 --lm-logprobs LP.npy (float16/float32 keys and queries, int32 values and targets, natural logs)
  SRC: a text file or folder (.txt, .jsonl, .csv, .html), or brown, brown:<genre>[,...], moby-dick, sotu,
       chinese-poetry[:tang|:song]. With no options, eval and sweep use the shipped demo model, its in-domain
       datastore and held-out text (--setting adaptation: a datastore and text from a genre the LM never saw).
  train --held-out F keeps that share of the documents (0 < F <= 0.5; one document: its last part) out of training,
       reports the held-out loss and writes the text to DIR/heldout.txt for eval --text.
  datastore --threads N scores the keys in N worker threads (default: one per core, up to 4; the same keys).
  train writes to --out, or beside the catalog in knnlm/models/<name> (--catalog PATH picks the catalog).`

function loadTexts(sources: string[]): { docs: CorpusDocument[]; texts: string[] } {
  if (sources.length === 0) throw new LabError('usage', 'name at least one SRC (a text file or folder, or brown:<genre>, moby-dick, chinese-poetry)')
  const docs = sources.flatMap((s) => loadCorpusSource(s))
  return { docs, texts: docs.map((d) => d.text) }
}

function textOf(spec: string): string {
  return loadCorpusSource(spec)
    .map((d) => d.text)
    .join('\n\n')
}

function int(args: ParsedArgs, name: string, min = 1): number | undefined {
  return numberOption(args, name, (n) => Number.isInteger(n) && n >= min, `a whole number of at least ${min}`)
}

function numbers(args: ParsedArgs, name: string): number[] | undefined {
  const list = listOption(args, name)
  if (!list) return undefined
  return list.map((s) => {
    const n = Number(s)
    if (!Number.isFinite(n)) throw new LabError('usage', `--${name}: ${JSON.stringify(s)} is not a number`)
    return n
  })
}

function method(args: ParsedArgs): 'exact' | 'hnsw' | undefined {
  if (args.switches.has('exact')) return 'exact'
  if (args.switches.has('hnsw')) return 'hnsw'
  return undefined
}

function imported(args: ParsedArgs): { keys: string; values: string; queries: string; targets: string; lmLogProbs: string } | undefined {
  const names = ['keys', 'values', 'queries', 'targets', 'lm-logprobs'] as const
  const given = names.filter((n) => option(args, n) !== undefined)
  if (given.length === 0) return undefined
  const missing = names.filter((n) => option(args, n) === undefined)
  if (missing.length > 0) throw new LabError('usage', `evaluating your own numbers needs all of --keys --values --queries --targets --lm-logprobs; missing ${missing.map((m) => '--' + m).join(' ')}`)
  return { keys: option(args, 'keys')!, values: option(args, 'values')!, queries: option(args, 'queries')!, targets: option(args, 'targets')!, lmLogProbs: option(args, 'lm-logprobs')! }
}

function target(args: ParsedArgs): { modelDir?: string; datastoreDir?: string; text?: string; setting?: 'in-domain' | 'adaptation'; method?: 'exact' | 'hnsw' } {
  const setting = option(args, 'setting')
  if (setting !== undefined && setting !== 'in-domain' && setting !== 'adaptation') throw new LabError('usage', `--setting ${setting} is not in-domain or adaptation`)
  const text = option(args, 'text')
  return { modelDir: option(args, 'model'), datastoreDir: option(args, 'datastore'), text: text !== undefined ? textOf(text) : undefined, setting, method: method(args) }
}

async function withProgress<T>(io: CliIo, json: boolean, label: string, work: (onProgress?: (f: number, m?: string) => void) => Promise<T>): Promise<T> {
  const progress = io.isTTY && !json ? progressLine(io, label) : undefined
  try {
    return await work(progress?.update)
  } finally {
    progress?.done()
  }
}

const fmt = (x: number): string => x.toFixed(2)

async function train(args: ParsedArgs, sources: string[], io: CliIo, json: boolean): Promise<number> {
  const { texts: all, docs } = loadTexts(sources)
  const heldOutShare = numberOption(args, 'held-out', (n) => n > 0 && n <= 0.5, 'a share in (0, 0.5]: 0.1 keeps a tenth of the documents out')
  const split = heldOutShare === undefined ? undefined : splitHeldOut(docs, heldOutShare)
  const texts = split ? split.train : all
  const kind = (option(args, 'tokenizer') ?? (docs.every((d) => d.lang === 'zh') ? 'char' : 'bpe')) as TokenizerKind
  if (kind !== 'bpe' && kind !== 'char') throw new LabError('usage', `--tokenizer ${kind} is not bpe or char`)
  const out = option(args, 'out') ?? join(dirname(catalogPathFrom(args)), 'knnlm', 'models', `model-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  const resume = args.switches.has('resume')
  let tokenizer
  try {
    tokenizer = resume ? loadTokenizer(join(out, 'tokenizer.json')) : undefined
  } catch {
    tokenizer = undefined
  }
  tokenizer ??= trainTokenizer(texts, { kind, vocabSize: int(args, 'vocab', 3) ?? (kind === 'bpe' ? 2048 : 4000) })
  const config: Record<string, number> = {}
  for (const [flag, key] of [['layers', 'layers'], ['d-model', 'dModel'], ['heads', 'heads'], ['context', 'context']] as const) {
    const v = int(args, flag)
    if (v !== undefined) config[key] = v
  }
  const r = await withProgress(io, json, 'knnlm train', (onProgress) =>
    trainLanguageModel(
      {
        texts,
        tokenizer: tokenizer!,
        outDir: out,
        config,
        steps: int(args, 'steps') ?? 500,
        batchSize: int(args, 'batch'),
        learningRate: numberOption(args, 'lr', (n) => n > 0 && n < 1),
        seed: int(args, 'seed', 0) ?? 1,
        resume,
        validationTexts: split?.heldOut,
        trainedOn: { sources },
      },
      { onProgress },
    ),
  )
  if (split) writeFileSync(join(out, 'heldout.txt'), split.heldOut.join('\n\n'))
  if (json) io.stdout(JSON.stringify(r) + '\n')
  else {
    const held = r.finalValLoss === undefined ? '' : `, held-out ${fmt(r.finalValLoss)}`
    io.stdout(`trained ${r.parameters.toLocaleString('en-US')} parameters for ${r.step} steps on ${r.trainingTokens.toLocaleString('en-US')} tokens: loss ${fmt(r.finalLoss)} nats${held} -> ${r.modelDir} (model ${r.modelId})\n`)
  }
  return 0
}

async function datastore(args: ParsedArgs, sources: string[], io: CliIo, json: boolean): Promise<number> {
  const modelDir = option(args, 'model')
  const out = option(args, 'out')
  if (modelDir === undefined || out === undefined) throw new LabError('usage', 'knnlm datastore needs --model DIR (a trained model) and --out DIR')
  const { docs } = loadTexts(sources)
  const dtype = option(args, 'dtype') ?? 'float16'
  if (dtype !== 'float16' && dtype !== 'float32') throw new LabError('usage', `--dtype ${dtype} is not float16 or float32`)
  const against = option(args, 'decontaminate')
  const r = await withProgress(io, json, 'knnlm datastore', (onProgress) =>
    buildDatastore(
      {
        modelDir,
        texts: docs.map((d) => d.text),
        documentIds: docs.map((d) => d.id),
        outDir: out,
        dtype,
        hnsw: args.switches.has('hnsw') ? true : 'auto',
        source: { sources, documents: docs.map((d) => d.id) },
        decontaminateAgainst: against !== undefined ? textOf(against) : undefined,
        scoringThreads: int(args, 'threads') ?? Math.min(4, availableParallelism()),
      },
      { onProgress },
    ),
  )
  const summary = { datastoreDir: out, count: r.count, dims: r.dims, dtype, seconds: r.seconds, tokensPerSecond: r.tokensPerSecond, memory: r.memory, hnsw: r.datastore.index !== undefined, decontaminated: r.decontaminated }
  if (json) io.stdout(JSON.stringify(summary) + '\n')
  else {
    io.stdout(`${r.count.toLocaleString('en-US')} keys x ${r.dims} dims (${dtype}) -> ${out}, ${((r.memory.diskBytes ?? 0) / 1e6).toFixed(2)} MB on disk, ${r.tokensPerSecond.toFixed(0)} tokens/s\n`)
    if (r.decontaminated) io.stdout(`decontamination (${r.decontaminated.n}-grams): removed ${r.decontaminated.removed.length} documents ${r.decontaminated.removed.join(' ')}\n`)
  }
  return 0
}

async function evaluate(args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const s = { lambda: numberOption(args, 'lambda'), k: int(args, 'k'), temperature: numberOption(args, 'temperature'), datastoreFraction: numberOption(args, 'fraction') }
  const own = imported(args)
  const r = await withProgress(io, json, 'knnlm eval', (onProgress) =>
    own ? evaluateImported({ ...own, ...s, method: method(args) }, { onProgress }) : evaluateKnnLm({ ...target(args), ...s, maxTokens: int(args, 'max-tokens') }, { onProgress }),
  )
  const out = { tokens: r.tokens, ppl_lm: r.ppl_lm, ppl_knnlm: r.ppl_knnlm, lambda: r.lambda, k: r.k, temperature: r.temperature, datastoreSize: r.datastoreSize, search: r.search, ...('setting' in r && r.setting ? { setting: r.setting } : {}) }
  if (json) io.stdout(JSON.stringify(out) + '\n')
  else io.stdout(`${r.tokens} tokens: perplexity LM ${fmt(r.ppl_lm)} -> kNN-LM ${fmt(r.ppl_knnlm)} (lambda ${r.lambda}, k ${r.k}, temperature ${r.temperature}, ${r.datastoreSize} keys)\nsearch: ${r.search}\n`)
  return 0
}

async function sweep(args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const grid: SweepGrid = {}
  const l = numbers(args, 'lambdas')
  if (l) grid.lambdas = l
  const k = numbers(args, 'ks')
  if (k) grid.ks = k
  const t = numbers(args, 'temperatures')
  if (t) grid.temperatures = t
  const z = numbers(args, 'sizes')
  if (z) grid.sizes = z
  const own = imported(args)
  const r = await withProgress(io, json, 'knnlm sweep', (onProgress) =>
    own ? sweepImported({ ...own, ...grid, method: method(args) }, { onProgress }) : sweepKnnLm({ ...target(args), ...grid, maxTokens: int(args, 'max-tokens') }, { onProgress }),
  )
  if (json) io.stdout(JSON.stringify(r) + '\n')
  else {
    io.stdout(`${r.tokens} tokens, ${r.datastoreSize} keys: LM perplexity ${fmt(r.ppl_lm)}; best kNN-LM ${fmt(r.best.ppl)} at lambda ${r.best.lambda}, k ${r.best.k}, temperature ${r.best.temperature}\n`)
    io.stdout(`lambda:      ${r.lambdaCurve.map((p) => `${p.lambda}=${fmt(p.ppl)}`).join('  ')}\n`)
    io.stdout(`k:           ${r.kCurve.map((p) => `${p.k}=${fmt(p.ppl)}`).join('  ')}\n`)
    io.stdout(`temperature: ${r.temperatureCurve.map((p) => `${p.temperature}=${fmt(p.ppl)}`).join('  ')}\n`)
    io.stdout(`datastore:   ${r.sizeCurve.map((p) => `${p.keys} keys=${fmt(p.ppl_best)} (lambda ${p.bestLambda})`).join('  ')}\n`)
    io.stdout(`search:      ${r.search}\n`)
  }
  return 0
}

export const knnlmCommand: CliCommand = {
  name: 'knnlm',
  summary: 'kNN-LM: train a small LM, build a datastore, evaluate and sweep the interpolation',
  usage: USAGE,
  args: {
    values: [
      'out', 'tokenizer', 'vocab', 'layers', 'd-model', 'heads', 'context', 'steps', 'batch', 'lr', 'seed', 'held-out', 'threads', 'model', 'dtype', 'decontaminate', 'datastore', 'text', 'setting',
      'lambda', 'k', 'temperature', 'max-tokens', 'fraction', 'lambdas', 'ks', 'temperatures', 'sizes', 'keys', 'values', 'queries', 'targets', 'lm-logprobs', 'catalog', 'project',
    ],
    switches: ['json', 'resume', 'hnsw', 'exact'],
  },
  async run(args, io) {
    const [sub, ...rest] = args.positionals
    const json = args.switches.has('json')
    switch (sub) {
      case 'train':
        return train(args, rest, io, json)
      case 'datastore':
        return datastore(args, rest, io, json)
      case 'eval':
        return evaluate(args, io, json)
      case 'sweep':
        return sweep(args, io, json)
      default:
        throw new LabError('usage', sub === undefined ? 'name a subcommand: knnlm train | datastore | eval | sweep' : `unknown subcommand knnlm ${sub}: use train, datastore, eval or sweep`)
    }
  },
}
