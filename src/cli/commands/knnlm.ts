/**
 * scaling-lab knnlm train | datastore | eval | sweep: train a small LM, build a datastore, and measure kNN-LM
 * interpolation (Khandelwal et al. 2020). With no model/datastore/text, eval and sweep use the shipped demo.
 * Every subcommand is a kNN-LM channel's job on a headless lab (no catalog opened): the folders, text sources and
 * .npy files the user names go in the channel's CLI-only `paths`, which only a lab opened by the CLI accepts.
 */
import { dirname, join } from 'node:path'
import type { KnnLmDatastorePathsResult, KnnLmTrainPathsResult, KnnLmEvalResult, KnnLmSweepResult } from '../../shared/api/knnlm'
import type { RequestOf } from '../../shared/api'
import { LabError } from '../../shared/errors'
import { listOption, numberOption, option, type ParsedArgs } from '../args'
import type { CliCommand, CliIo } from '../command'
import { catalogPathFrom } from '../catalog-option'
import { progressLine } from '../progress-line'
import { withLab } from '../lab-session'

type EvalPaths = NonNullable<RequestOf<'startKnnLmEval'>['paths']>
type SweepGrid = Pick<RequestOf<'startKnnLmSweep'>, 'lambdas' | 'ks' | 'temperatures' | 'sizes'>

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

function needSources(sources: string[]): string[] {
  if (sources.length === 0) throw new LabError('usage', 'name at least one SRC (a text file or folder, or brown:<genre>, moby-dick, chinese-poetry)')
  return sources
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

function imported(args: ParsedArgs): EvalPaths['npy'] {
  const names = ['keys', 'values', 'queries', 'targets', 'lm-logprobs'] as const
  const given = names.filter((n) => option(args, n) !== undefined)
  if (given.length === 0) return undefined
  const missing = names.filter((n) => option(args, n) === undefined)
  if (missing.length > 0) throw new LabError('usage', `evaluating your own numbers needs all of --keys --values --queries --targets --lm-logprobs; missing ${missing.map((m) => '--' + m).join(' ')}`)
  return { keys: option(args, 'keys')!, values: option(args, 'values')!, queries: option(args, 'queries')!, targets: option(args, 'targets')!, lmLogProbs: option(args, 'lm-logprobs')! }
}

/** The CLI's own target, always as paths (left out: the demo's), so the lab evaluates what the command names. */
function target(args: ParsedArgs): { setting?: 'in-domain' | 'adaptation'; paths: EvalPaths } {
  const npy = imported(args)
  if (npy) return { paths: { npy, method: method(args) } }
  const setting = option(args, 'setting')
  if (setting !== undefined && setting !== 'in-domain' && setting !== 'adaptation') throw new LabError('usage', `--setting ${setting} is not in-domain or adaptation`)
  return { setting, paths: { modelDir: option(args, 'model'), datastoreDir: option(args, 'datastore'), textSource: option(args, 'text'), method: method(args) } }
}

/** Run a kNN-LM job through a headless lab (no catalog: the work is on the folders named), with a progress line. */
async function runJob<T>(args: ParsedArgs, io: CliIo, json: boolean, label: string, channel: 'startKnnLmTrain' | 'startKnnLmDatastore' | 'startKnnLmEval' | 'startKnnLmSweep', payload: unknown): Promise<T> {
  const progress = io.isTTY && !json ? progressLine(io, label) : undefined
  try {
    return await withLab(args, (s) => s.runJob<T>(channel, payload, { onProgress: progress?.update }), { inMemory: true })
  } finally {
    progress?.done()
  }
}

const fmt = (x: number): string => x.toFixed(2)

async function train(args: ParsedArgs, sources: string[], io: CliIo, json: boolean): Promise<number> {
  needSources(sources)
  const heldOutShare = numberOption(args, 'held-out', (n) => n > 0 && n <= 0.5, 'a share in (0, 0.5]: 0.1 keeps a tenth of the documents out')
  // left out: 'auto', characters when every document is Chinese, else BPE
  const chosen = option(args, 'tokenizer')
  if (chosen !== undefined && chosen !== 'bpe' && chosen !== 'char') throw new LabError('usage', `--tokenizer ${chosen} is not bpe or char`)
  const tokenizer = chosen ?? 'auto'
  const out = option(args, 'out') ?? join(dirname(catalogPathFrom(args)), 'knnlm', 'models', `model-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  const payload: RequestOf<'startKnnLmTrain'> = {
    tokenizer,
    // none held out unless --held-out asks (the channel's own heldOutShare, 0.1, is for the app's models)
    paths: { sources, outDir: out, resume: args.switches.has('resume'), heldOutShare },
  }
  // left out, the channel's defaults are the trainer's (2 layers, d_model 64, 4 heads, context 64, 500 steps,
  // batch 16, learning rate 3e-3, seed 1; vocabulary 2048 for BPE, 4000 for characters)
  const set = <K extends keyof RequestOf<'startKnnLmTrain'>>(key: K, value: RequestOf<'startKnnLmTrain'>[K] | undefined): void => {
    if (value !== undefined) payload[key] = value
  }
  set('vocabSize', int(args, 'vocab', 3))
  set('layers', int(args, 'layers'))
  set('dModel', int(args, 'd-model'))
  set('heads', int(args, 'heads'))
  set('context', int(args, 'context'))
  set('steps', int(args, 'steps'))
  set('batchSize', int(args, 'batch'))
  set('learningRate', numberOption(args, 'lr', (n) => n > 0 && n < 1))
  set('seed', int(args, 'seed', 0))
  const r = await runJob<KnnLmTrainPathsResult>(args, io, json, 'knnlm train', 'startKnnLmTrain', payload)
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
  needSources(sources)
  const dtype = option(args, 'dtype') ?? 'float16'
  if (dtype !== 'float16' && dtype !== 'float32') throw new LabError('usage', `--dtype ${dtype} is not float16 or float32`)
  const paths: NonNullable<RequestOf<'startKnnLmDatastore'>['paths']> = { sources, modelDir, outDir: out, hnsw: args.switches.has('hnsw') }
  const against = option(args, 'decontaminate')
  if (against !== undefined) paths.decontaminate = against
  // left out, the lab scores the keys in one thread per core, up to 4
  const threads = int(args, 'threads')
  if (threads !== undefined) paths.threads = threads
  const r = await runJob<KnnLmDatastorePathsResult>(args, io, json, 'knnlm datastore', 'startKnnLmDatastore', { dtype, paths })
  if (json) io.stdout(JSON.stringify(r) + '\n')
  else {
    io.stdout(`${r.count.toLocaleString('en-US')} keys x ${r.dims} dims (${dtype}) -> ${out}, ${((r.memory.diskBytes ?? 0) / 1e6).toFixed(2)} MB on disk, ${r.tokensPerSecond.toFixed(0)} tokens/s\n`)
    if (r.decontaminated) io.stdout(`decontamination (${r.decontaminated.n}-grams): removed ${r.decontaminated.removed.length} documents ${r.decontaminated.removed.join(' ')}\n`)
  }
  return 0
}

async function evaluate(args: ParsedArgs, io: CliIo, json: boolean): Promise<number> {
  const s = { lambda: numberOption(args, 'lambda'), k: int(args, 'k'), temperature: numberOption(args, 'temperature'), datastoreFraction: numberOption(args, 'fraction') }
  const t = target(args)
  const payload: RequestOf<'startKnnLmEval'> = { ...t, ...s, ...(t.paths.npy ? {} : { maxTokens: int(args, 'max-tokens') }) }
  const r = await runJob<KnnLmEvalResult>(args, io, json, 'knnlm eval', 'startKnnLmEval', payload)
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
  const on = target(args)
  const payload: RequestOf<'startKnnLmSweep'> = { ...on, ...grid, ...(on.paths.npy ? {} : { maxTokens: int(args, 'max-tokens') }) }
  const r = await runJob<KnnLmSweepResult>(args, io, json, 'knnlm sweep', 'startKnnLmSweep', payload)
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
