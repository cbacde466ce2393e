/** The OLMo ladder as the lab imports it (resources/atlas/olmo-ladder/evaluations.csv) and the paper's own tables. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { EvalPoint } from '../../../src/core/analysis/types'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

function rows(path: string): Record<string, string>[] {
  const lines = readFileSync(repo + path, 'utf8').trim().split(/\r?\n/)
  const head = lines[0].split(',')
  return lines.slice(1).map((line) => {
    const cells = line.split(',')
    return Object.fromEntries(head.map((h, i) => [h, cells[i]]))
  })
}

/** Evaluations in the lab's evals format; an empty checkpoint is the final model. */
export function olmoLadderPoints(path = 'resources/atlas/olmo-ladder/evaluations.csv'): EvalPoint[] {
  return rows(path).map((r) => {
    const p: EvalPoint = { model: r.model, params: Number(r.params), task: r.task, metric: r.metric, value: Number(r.value), tokens: Number(r.tokens), shots: Number(r.shots) }
    if (r.checkpoint !== '') p.checkpoint = Number(r.checkpoint)
    return p
  })
}

/** A paper_results table (test/fixtures/forecast/olmo-ladder-paper-<name>.csv), by its first column. */
export function paperTable(name: string): Map<string, Record<string, string>> {
  const table = rows(`test/fixtures/forecast/olmo-ladder-paper-${name}.csv`)
  return new Map(table.map((r) => [r.Task, r]))
}

/** The 16 runs of the paper's fit (src/scripts/paper/configs/final.json): {190M, 370M, 760M, 1.3B} x {1, 2, 5, 10} xC. */
export const PAPER_RUNS = ['190M', '370M', '760M', '1B'].flatMap((s) => ['1xC', '2xC', '5xC', '10xC'].map((m) => `${s}-${m}`))
/** the 13B-5T target: N and D of peteish13_eval_final */
export const TARGET_13B = { params: 13202396160, tokens: 5000088518656, label: '13B-5T' }
export const PAPER_TASKS = ['mmlu_avg_test', 'hellaswag_val', 'arc_challenge_test', 'arc_easy_test', 'piqa_val', 'csqa_val', 'socialiqa_val', 'openbookqa_test']
