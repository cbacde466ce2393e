/** Read the analysis fixtures (test/fixtures/{emergence,pythia,calibration}) into the analysis input types. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { EvalPoint, PredictionRow } from '../../../src/core/analysis/types'

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url))

function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(root + path, 'utf8').trim().split(/\r?\n/)
  const head = lines[0].split(',')
  return lines.slice(1).map((line) => {
    const cells = line.split(',')
    return Object.fromEntries(head.map((h, i) => [h, cells[i]]))
  })
}

/** Pythia-deduped arithmetic: metric exact_match_acc_mean_over_x1, 7 sizes x 6 checkpoints x 5 shot counts. */
export function pythiaArithmetic(): EvalPoint[] {
  return readCsv('emergence/pythia_arithmetic_by_size.csv').map((r) => ({
    model: r.model,
    family: r.model_family,
    params: Number(r.params),
    tokens: Number(r.tokens),
    task: r.task,
    metric: r.metric,
    value: Number(r.value),
    shots: Number(r.fewshot),
    checkpoint: Number(r.step),
  }))
}

/** Pythia v1 zero-shot lambada_openai and piqa accuracy with standard errors at 27 checkpoints; family by dedup. */
export function pythiaLambadaPiqa(): EvalPoint[] {
  return readCsv('pythia/pythia_v1_lambada_piqa_zeroshot.csv').map((r) => {
    const p: EvalPoint = {
      model: r.model,
      family: r.deduped === '1' ? 'pythia-deduped' : 'pythia',
      params: Number(r.params),
      tokens: Number(r.tokens),
      task: r.task,
      metric: 'acc',
      value: Number(r.accuracy),
      stderr: Number(r.stderr),
      checkpoint: Number(r.step),
    }
    if (r.task === 'piqa') p.choices = 2
    return p
  })
}

/**
 * GPT-2 BoolQ per-example probability of the correct answer and whether the pick was right; task =
 * experiment (0-shot / 1-shot). BoolQ has two answers (yes / no): calibration with choices = 2 reads the
 * pick's confidence as max(p, 1 - p); without it ECE is not available.
 */
export function boolqPredictions(): PredictionRow[] {
  return readCsv('calibration/boolq_gpt2_per_example.csv').map((r) => ({
    model: r.model,
    params: Number(r.params),
    task: r.experiment,
    item: r.index,
    probability: Number(r.p_correct),
    correct: r.correct === '1' ? 1 : 0,
    family: 'gpt2',
  }))
}

export const PYTHIA_1_4B = 1414647808
export const PYTHIA_2_8B = 2775208960
