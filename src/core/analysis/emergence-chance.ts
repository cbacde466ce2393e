/**
 * The chance level of a task, and where it came from (never silently 0). In order:
 *   option    the user's value (the view's field, --chance);
 *   choices   1 / k from the evaluations' `choices` column, when every row that gives it agrees;
 *   registry  1 / k for a well-known benchmark (the table below, each entry with its paper), matched on
 *             lm-evaluation-harness task names (`arc_easy`, `hellaswag`, `mmlu_anatomy`, `lambada_openai` ...);
 *             0 for open generation (LAMBADA, arithmetic, GSM8K ...: an answer cannot be guessed);
 *   metric    0 for generation metrics (exact match, F1, BLEU, ROUGE, pass@k);
 *   assumed   0 for an accuracy-like metric (acc, acc_norm, accuracy ...) on a task the registry does not
 *             know: it may be multiple choice, so the verdict says "chance level unknown: assumed 0, give
 *             --chance". Assuming 0 can only hide a jump (every size then clears "chance"), never invent one;
 *   none      continuous metrics (loss, log-likelihood, Brier ...) and scores outside [0, 1]: no chance
 *             level, the baseline is the smallest size's score.
 * Chance of a k-way multiple-choice task = 1 / k (Wei et al. 2022, arXiv 2206.07682, "near random").
 */
import type { ChanceLevel, EmergenceNote } from '../../shared/api/analysis-results'
import type { EvalPoint } from './types'
import { metricHigherIsBetter, metricIsContinuous } from './metric-semantics'

export interface KnownTask {
  /** lm-evaluation-harness name, or a prefix ending in '_' for a family of subtasks */
  name: string
  /** answer choices per item; 0 for open generation */
  choices: number
  reference: string
}

/** Well-known benchmarks with the number of answer choices their papers state. */
export const KNOWN_TASKS: readonly KnownTask[] = [
  { name: 'mmlu', choices: 4, reference: 'Hendrycks et al. 2021, "Measuring Massive Multitask Language Understanding", arXiv 2009.03300 (4 options)' },
  { name: 'mmlu_', choices: 4, reference: 'Hendrycks et al. 2021, MMLU, arXiv 2009.03300 (4 options per subject)' },
  { name: 'hendrycksTest-', choices: 4, reference: 'Hendrycks et al. 2021, MMLU, arXiv 2009.03300 (older harness name)' },
  { name: 'arc_easy', choices: 4, reference: 'Clark et al. 2018, "Think you have Solved Question Answering? Try ARC", arXiv 1803.05457 (4 options; a few items have 3 or 5)' },
  { name: 'arc_challenge', choices: 4, reference: 'Clark et al. 2018, ARC, arXiv 1803.05457 (4 options; a few items have 3 or 5)' },
  { name: 'hellaswag', choices: 4, reference: 'Zellers et al. 2019, "HellaSwag: Can a Machine Really Finish Your Sentence?", arXiv 1905.07830 (4 endings)' },
  { name: 'swag', choices: 4, reference: 'Zellers et al. 2018, "SWAG", arXiv 1808.05326 (4 endings)' },
  { name: 'piqa', choices: 2, reference: 'Bisk et al. 2020, "PIQA: Reasoning about Physical Commonsense in Natural Language", arXiv 1911.11641 (2 solutions)' },
  { name: 'winogrande', choices: 2, reference: 'Sakaguchi et al. 2020, "WinoGrande", arXiv 1907.10641 (2 options)' },
  { name: 'wsc273', choices: 2, reference: 'Levesque et al. 2012, "The Winograd Schema Challenge", KR 2012 (2 candidates)' },
  { name: 'wsc', choices: 2, reference: 'Levesque et al. 2012, Winograd Schema Challenge; SuperGLUE, Wang et al. 2019, arXiv 1905.00537 (true / false)' },
  { name: 'boolq', choices: 2, reference: 'Clark et al. 2019, "BoolQ: Exploring the Surprising Difficulty of Natural Yes/No Questions", arXiv 1905.10044 (yes / no)' },
  { name: 'copa', choices: 2, reference: 'Roemmele et al. 2011, "Choice of Plausible Alternatives", AAAI Spring Symposium (2 alternatives)' },
  { name: 'xcopa', choices: 2, reference: 'Ponti et al. 2020, "XCOPA", arXiv 2005.00333 (2 alternatives)' },
  { name: 'rte', choices: 2, reference: 'Dagan et al. 2005, Recognising Textual Entailment; GLUE, Wang et al. 2018, arXiv 1804.07461 (entailment or not)' },
  { name: 'wic', choices: 2, reference: 'Pilehvar and Camacho-Collados 2019, "WiC", arXiv 1808.09121 (same sense or not)' },
  { name: 'sst2', choices: 2, reference: 'Socher et al. 2013, Stanford Sentiment Treebank; GLUE, arXiv 1804.07461 (positive / negative)' },
  { name: 'qnli', choices: 2, reference: 'GLUE, Wang et al. 2018, arXiv 1804.07461 (entailment or not)' },
  { name: 'mrpc', choices: 2, reference: 'Dolan and Brockett 2005, MRPC; GLUE, arXiv 1804.07461 (paraphrase or not)' },
  { name: 'qqp', choices: 2, reference: 'Quora Question Pairs; GLUE, arXiv 1804.07461 (duplicate or not)' },
  { name: 'cb', choices: 3, reference: 'de Marneffe et al. 2019, CommitmentBank; SuperGLUE, arXiv 1905.00537 (3 labels)' },
  { name: 'mnli', choices: 3, reference: 'Williams et al. 2018, "MultiNLI", arXiv 1704.05426 (3 labels)' },
  { name: 'anli_', choices: 3, reference: 'Nie et al. 2020, "Adversarial NLI", arXiv 1910.14599 (3 labels)' },
  { name: 'openbookqa', choices: 4, reference: 'Mihaylov et al. 2018, "Can a Suit of Armor Conduct Electricity?", arXiv 1809.02789 (4 options)' },
  { name: 'sciq', choices: 4, reference: 'Welbl et al. 2017, "Crowdsourcing Multiple Choice Science Questions", arXiv 1707.06209 (4 options)' },
  { name: 'race', choices: 4, reference: 'Lai et al. 2017, "RACE", arXiv 1704.04683 (4 options)' },
  { name: 'logiqa', choices: 4, reference: 'Liu et al. 2020, "LogiQA", arXiv 2007.08124 (4 options)' },
  { name: 'mathqa', choices: 5, reference: 'Amini et al. 2019, "MathQA", arXiv 1905.13319 (5 options)' },
  { name: 'lambada', choices: 0, reference: 'Paperno et al. 2016, "The LAMBADA dataset", arXiv 1606.06031 (predict the last word: open vocabulary)' },
  { name: 'lambada_', choices: 0, reference: 'Paperno et al. 2016, LAMBADA, arXiv 1606.06031 (lambada_openai, lambada_standard: open vocabulary)' },
  { name: 'arithmetic_', choices: 0, reference: 'Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv 2005.14165, sec. 3.9.1 (free-form number answers)' },
  { name: 'gsm8k', choices: 0, reference: 'Cobbe et al. 2021, "Training Verifiers to Solve Math Word Problems", arXiv 2110.14168 (free-form answers)' },
  { name: 'triviaqa', choices: 0, reference: 'Joshi et al. 2017, "TriviaQA", arXiv 1705.03551 (free-form answers)' },
  { name: 'nq_open', choices: 0, reference: 'Kwiatkowski et al. 2019, "Natural Questions", TACL 7 (free-form answers)' },
  { name: 'webqs', choices: 0, reference: 'Berant et al. 2013, "Semantic Parsing on Freebase from Question-Answer Pairs", EMNLP (free-form answers)' },
  { name: 'squad', choices: 0, reference: 'Rajpurkar et al. 2016, "SQuAD", arXiv 1606.05250 (extracted spans)' },
  { name: 'coqa', choices: 0, reference: 'Reddy et al. 2019, "CoQA", arXiv 1808.07042 (free-form answers)' },
  { name: 'drop', choices: 0, reference: 'Dua et al. 2019, "DROP", arXiv 1903.00161 (free-form answers)' },
  { name: 'humaneval', choices: 0, reference: 'Chen et al. 2021, "Evaluating Large Language Models Trained on Code", arXiv 2107.03374 (generated programs)' },
  { name: 'mbpp', choices: 0, reference: 'Austin et al. 2021, "Program Synthesis with Large Language Models", arXiv 2108.07732 (generated programs)' },
]

/** The registry entry for a task: exact name, a subtask of a prefix entry ('mmlu_anatomy'), or a variant ('piqa-0shot'). */
export function knownTask(task: string): KnownTask | null {
  const t = task.trim().toLowerCase()
  let best: KnownTask | null = null
  for (const k of KNOWN_TASKS) {
    const name = k.name.toLowerCase()
    const prefix = name.endsWith('_') || name.endsWith('-')
    const hit = prefix ? t.startsWith(name) && t.length > name.length : t === name || new RegExp(`^${name}[-_.:/ ]`).test(t)
    if (hit && (best === null || name.length > best.name.length)) best = k
  }
  return best
}

const GENERATION_METRIC = /(exact[_ ]?match|^em$|^em[_-]|_em$|\bf1\b|^f1|bleu|rouge|pass@)/i
const ACCURACY_LIKE = /^(acc|accuracy|acc_norm|mc1|mc2)\b|^acc[_-]/i

export interface ResolvedChance {
  chance: ChanceLevel
  warnings: EmergenceNote[]
}

function note(key: string, values: Record<string, string | number>, text: string): EmergenceNote {
  return { key, values, text }
}

function fromChoices(k: number, detail: string, reference: string | null, source: 'choices' | 'registry'): ChanceLevel {
  return { value: k > 0 ? 1 / k : 0, source, detail, reference }
}

/** Resolve the chance level of one series (its points share task and metric). */
export function resolveChance(points: readonly EvalPoint[], task: string, metric: string, given?: number): ResolvedChance {
  const warnings: EmergenceNote[] = []
  const known = knownTask(task)
  if (given !== undefined) return { chance: { value: given, source: 'option', detail: 'given by the user', reference: null }, warnings }
  const stated = [...new Set(points.map((p) => p.choices).filter((c): c is number => c !== undefined))].sort((a, b) => a - b)
  const missing = points.filter((p) => p.choices === undefined).length
  if (stated.length === 1) {
    const k = stated[0]
    if (missing > 0)
      warnings.push(note('choicesPartial', { k, missing, total: points.length }, `${missing} of ${points.length} rows give no choices; the others say ${k}, used for all.`))
    if (known && known.choices !== k)
      warnings.push(note('choicesDisagree', { k, task: known.name, registry: known.choices }, `The choices column says ${k}; the registry says ${known.choices} for ${known.name}: the column is used.`))
    return { chance: fromChoices(k, `${k} answer choices (choices column)`, null, 'choices'), warnings }
  }
  if (stated.length > 1)
    warnings.push(note('choicesMixed', { list: stated.join(', ') }, `The rows give different numbers of choices (${stated.join(', ')}): the column is not used for the chance level.`))
  if (known) {
    const name = known.name.replace(/[_-]$/, (c) => `${c}*`)
    const detail = known.choices > 0 ? `${known.choices} answer choices (${name})` : `open generation (${name}): nothing to guess`
    return { chance: fromChoices(known.choices, detail, known.reference, 'registry'), warnings }
  }
  if (metricIsContinuous(metric) || !metricHigherIsBetter(metric))
    return { chance: { value: null, source: 'none', detail: 'continuous metric: no chance level; the baseline is the smallest size', reference: null }, warnings }
  const proportion = points.every((p) => p.value >= 0 && p.value <= 1)
  if (!proportion) return { chance: { value: null, source: 'none', detail: 'scores outside [0, 1]: no chance level; the baseline is the smallest size', reference: null }, warnings }
  if (GENERATION_METRIC.test(metric))
    return { chance: { value: 0, source: 'metric', detail: `generation metric (${metric}): a generated answer cannot be guessed`, reference: null }, warnings }
  const mcLooking = ACCURACY_LIKE.test(metric)
  warnings.push(
    note(
      'chanceUnknown',
      { task, metric },
      `Chance level unknown: assumed 0 for ${metric} on "${task}", a task not in the registry${mcLooking ? ' (if it is multiple choice, chance is 1 / choices)' : ''}; give --chance (or a choices column).`,
    ),
  )
  return { chance: { value: 0, source: 'assumed', detail: `unknown: assumed 0 (${metric} on a task not in the registry)`, reference: null }, warnings }
}
