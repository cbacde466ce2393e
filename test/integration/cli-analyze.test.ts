/**
 * `scaling-lab analyze emergence | calibration | trend` as a user runs them, on the real fixtures imported
 * into a temporary catalog. Expected numbers: the arithmetic jump between Pythia 1.4B and 2.8B
 * (../shared/data/README.md); the emergence scale from scripts/reference/analysis-emergence.py; BoolQ
 * ECE and Brier from scripts/reference/analysis-calibration.py (numpy, 10 equal-width bins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, runCliInProcess } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-analyze-'))
const catalog = join(dir, 'catalog.sqlite')
const fixture = (p: string): string => join(repoRoot, 'test', 'fixtures', p)

type Row = Record<string, unknown>

beforeAll(async () => {
  const imports: [string, string, string, string[]][] = [
    ['emergence/pythia_arithmetic_by_size.csv', 'evals', 'pythia', []],
    // this file has no family column: its "deduped" column (0 / 1) tells the two Pythia families apart
    ['pythia/pythia_v1_lambada_piqa_zeroshot.csv', 'evals', 'lambada', ['--map', 'family=deduped']],
    ['calibration/boolq_gpt2_per_example.csv', 'predictions', 'boolq', []],
    ['calibration/mc4_options_synthetic.csv', 'predictions', 'mc4', []],
  ]
  for (const [file, format, project, extra] of imports) {
    const r = await runCliInProcess(['import', fixture(file), '--format', format, '--project', project, '--catalog', catalog, ...extra])
    expect(r.code, r.stderr).toBe(0)
  }
}, 180_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scaling-lab analyze', () => {
  it('finds the Pythia arithmetic jump between 1.4B and 2.8B parameters with shot counts pooled on request', async () => {
    const r = await runCliInProcess(['analyze', 'emergence', '--task', 'arithmetic_addition_2operand_x1_0to99', '--pool-shots', '--catalog', catalog, '--bootstrap', '200', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const [res] = r.json as Row[]
    expect(res).toMatchObject({ task: 'arithmetic_addition_2operand_x1_0to99', kind: 'emergent', shots: [0, 2, 4, 8, 16], pooled_shots: true, n: 7 })
    const scale = res.emergence_scale as number
    // python3 scripts/reference/analysis-emergence.py (pooled)
    expect(scale / 1.484561e9).toBeCloseTo(1, 6)
    // nothing lies between 1.4B and 2.8B: the interval is no narrower than that bracket
    expect(res.bracket).toEqual([1414647808, 2775208960])
    const [lo, hi] = res.interval as [number, number]
    expect(lo).toBeLessThanOrEqual(1414647808)
    expect(hi).toBeGreaterThanOrEqual(2775208960)
    expect(res.chance).toBe(0)
    expect(res.chance_source).toMatchObject({ value: 0, source: 'registry', reference: expect.stringContaining('arXiv 2005.14165') })
    expect((res.warnings as Row[]).map((w) => w.key)).toContain('shotsPooled')
    expect(Object.keys(res.fits as Row).sort()).toEqual(['flat', 'linear', 'logistic'])
  }, 120_000)

  it('analyses each shot count as its own series by default and says where each jump lies', async () => {
    const j = await runCliInProcess(['analyze', 'emergence', '--task', 'arithmetic_addition_2operand_x1_0to99', '--catalog', catalog, '--bootstrap', '0', '--json'])
    expect(j.code, j.stderr).toBe(0)
    const rows = j.json as Row[]
    expect(rows.map((x) => x.shots)).toEqual([[0], [2], [4], [8], [16]])
    // scripts/reference/analysis-emergence.py, per shot count
    expect(rows.map((x) => x.bracket)).toEqual([null, [1414647808, 2775208960], [1414647808, 2775208960], [1414647808, 2775208960], [1011781632, 1414647808]])
    expect((rows[1].emergence_scale as number) / 1.453308e9).toBeCloseTo(1, 5)
    for (const key of ['task', 'kind', 'emergence_scale', 'interval', 'between', 'chance', 'chance_source', 'bracket', 'n', 'fits', 'evidence']) expect(rows[1]).toHaveProperty(key)
    const t = await runCliInProcess(['analyze', 'emergence', '--task', 'arithmetic_addition_2operand_x1_0to99', '--shots', '2', '--catalog', catalog, '--bootstrap', '0'])
    expect(t.code, t.stderr).toBe(0)
    expect(t.stdout).toMatch(/2-shot: emergent, emergence scale between 1\.41B and 2\.78B \(log-interpolated 1\.45B\); interval 1\.41B to 2\.78B/)
    expect(t.stdout).toMatch(/chance 0 \(registry: open generation \(arithmetic_\*\)/)
    expect(t.stdout).toMatch(/leave-one-size-out error favours the line by/)
    const both = await runCliInProcess(['analyze', 'emergence', '--task', 'arithmetic_addition_2operand_x1_0to99', '--shots', '2', '--pool-shots', '--catalog', catalog])
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/give one of the two/)
  }, 120_000)

  it('takes PIQA chance (1/2) from the registry and --chance from the user', async () => {
    const r = await runCliInProcess(['analyze', 'emergence', '--task', 'piqa', '--project', 'lambada', '--margin', '0.1', '--bootstrap', '0', '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const rows = r.json as Row[]
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row.chance_source).toMatchObject({ value: 0.5, source: 'registry', reference: expect.stringContaining('arXiv 1911.11641') })
      // scripts/reference/analysis-emergence.py: margin 0.1 puts the crossing between 70M and 160M
      expect(row.bracket).toEqual([70426624, 162322944])
    }
    const u = await runCliInProcess(['analyze', 'emergence', '--task', 'piqa', '--project', 'lambada', '--chance', '0.6', '--bootstrap', '0', '--catalog', catalog])
    expect(u.code, u.stderr).toBe(0)
    expect(u.stdout).toMatch(/chance 0\.6 \(option: given by the user\)/)
  }, 120_000)

  it('says when the chance level of a multiple-choice-looking task is unknown', async () => {
    const mc = join(dir, 'unknown-mc.csv')
    writeFileSync(mc, 'model,params,task,acc\nm1,1e7,my_quiz,0.26\nm2,1e8,my_quiz,0.25\nm3,1e9,my_quiz,0.27\nm4,1e10,my_quiz,0.45\nm5,1e11,my_quiz,0.6\n')
    expect((await runCliInProcess(['import', mc, '--format', 'evals', '--project', 'quiz', '--catalog', catalog])).code).toBe(0)
    const r = await runCliInProcess(['analyze', 'emergence', '--task', 'my_quiz', '--project', 'quiz', '--bootstrap', '0', '--catalog', catalog])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/chance 0 \(assumed: unknown/)
    expect(r.stdout).toMatch(/Chance level unknown: assumed 0 .*give --chance/)
    expect(r.stdout).toMatch(/warning: Chance level unknown/)
  }, 180_000)

  it('prints ECE and Brier of GPT-2 on BoolQ that agree with a direct computation', async () => {
    // BoolQ answers are yes / no: --choices 2 declares it, so the pick's confidence is max(p, 1 - p)
    const r = await runCliInProcess(['analyze', 'calibration', '--task', 'boolq-1shot-gpt2', '--bins', '10', '--binning', 'width', '--choices', '2', '--bootstrap', '50', '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const rows = r.json as Row[]
    expect(rows.map((x) => x.model)).toEqual(['gpt2', 'gpt2-medium', 'gpt2-large', 'gpt2-xl'])
    for (const key of ['task', 'model', 'params', 'n', 'accuracy', 'mean_confidence', 'ece', 'mce', 'brier', 'nll']) expect(rows[0]).toHaveProperty(key)
    expect(rows[0]).toMatchObject({ confidence_source: 'two-choice', ece_unavailable: null, brier_on: 'gold' })
    const expected: Record<string, [number, number]> = {
      gpt2: [0.088474939, 0.255909557],
      'gpt2-medium': [0.1452102598, 0.2569848392],
      'gpt2-large': [0.0749930866, 0.2377686477],
      'gpt2-xl': [0.0110273207, 0.2206701294],
    }
    for (const row of rows) {
      const [ece, brier] = expected[row.model as string]
      expect(row.ece as number).toBeCloseTo(ece, 9)
      expect(row.brier as number).toBeCloseTo(brier, 9)
      expect(row.n).toBe(3270)
    }
  }, 120_000)

  it('without a confidence or a declared two choices, prints accuracy, Brier and NLL and says why ECE is not available', async () => {
    const args = ['analyze', 'calibration', '--task', 'boolq-1shot-gpt2', '--bootstrap', '0', '--project', 'boolq', '--catalog', catalog]
    const j = await runCliInProcess([...args, '--json'])
    expect(j.code, j.stderr).toBe(0)
    const xl = (j.json as Row[]).find((x) => x.model === 'gpt2-xl')!
    expect(xl).toMatchObject({ n: 3270, ece: null, mce: null, mean_confidence: null, confidence_source: null, brier_on: 'gold', reliability: [] })
    // accuracy from the file's correct column, Brier on the gold answer and NLL (scripts/reference/analysis-calibration.py)
    expect(xl.accuracy as number).toBeCloseTo(0.6480122324, 9)
    expect(xl.brier as number).toBeCloseTo(0.2206701294, 9)
    expect(xl.nll as number).toBeCloseTo(0.633107175, 9)
    expect(xl.ece_unavailable).toMatch(/^ECE is not available because none of the 3270 items gives the confidence of the model's pick/)
    const t = await runCliInProcess(args)
    expect(t.code, t.stderr).toBe(0)
    expect(t.stdout).toMatch(/gpt2-xl \(N=[^)]+, n=3270\): accuracy 0\.648, confidence -, ECE -, MCE -, Brier 0\.2207 \(on the gold answer\), NLL 0\.6331\n  ECE is not available because/)
  }, 120_000)

  it('calibrates a 4-option task imported from per-option probabilities (scripts/reference/calibration-options.py)', async () => {
    const r = await runCliInProcess(['analyze', 'calibration', '--project', 'mc4', '--binning', 'mass', '--bootstrap', '0', '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const expected = JSON.parse(readFileSync(fixture('calibration/mc4_options_synthetic.expected.json'), 'utf8')).models as Record<string, Record<string, number>>
    const rows = r.json as Row[]
    expect(rows.map((x) => x.model)).toEqual(['mc-small', 'mc-medium', 'mc-large'])
    for (const row of rows) {
      const ref = expected[row.model as string]
      expect(row).toMatchObject({ n: 240, confidence_source: 'confidence', ece_unavailable: null, brier_on: 'gold', binning: 'mass' })
      expect(row.ece as number).toBeCloseTo(ref.ece_mass, 10)
      expect(row.accuracy as number).toBeCloseTo(ref.accuracy, 10)
      expect(row.brier as number).toBeCloseTo(ref.brier_gold, 10)
    }
  }, 120_000)

  it('calls Pythia lambada positive in both families at the final checkpoint', async () => {
    const r = await runCliInProcess(['analyze', 'trend', '--task', 'lambada_openai', '--project', 'lambada', '--catalog', catalog, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const rows = r.json as Row[]
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row).toMatchObject({ task: 'lambada_openai', metric: 'accuracy', shape: 'positive' })
      expect(row.evidence).toHaveProperty('slope')
      expect(row.evidence).toHaveProperty('curvature')
      expect(row.evidence).toHaveProperty('vertex')
      // the evidence the verdict rests on (scripts/reference/trend-order-test.py: trend LR 6617.15 / 6584.80)
      const ev = row.evidence as { test: { trend: { statistic: number; p_value: number }; turn: { statistic: number } }; steps: { z: number }[]; errors: string }
      expect(ev.test.trend.statistic).toBeCloseTo(row.family === '0' ? 6617.1521 : 6584.8015, 3)
      expect(ev.test.trend.p_value).toBeLessThan(0.001)
      expect(ev.test.turn.statistic).toBe(0)
      expect(ev.steps.length).toBe((row.points as unknown[]).length - 1)
      expect(ev.errors).toBe('Errors: the standard errors given with the evaluations.')
      for (const p of row.points as Row[]) expect(p).toHaveProperty('n')
    }
    const text = await runCliInProcess(['analyze', 'trend', '--task', 'lambada_openai', '--project', 'lambada', '--catalog', catalog])
    expect(text.stdout).toMatch(/lambada_openai 0 accuracy: positive\n  The task improves with scale \(standard scaling\): a monotone fit beats a flat one, change [\d.]+ \(monotone vs flat: LR = 6620, p < 0\.0005; one turn vs monotone: LR = 0, p = 1\)\. Steps in units of their errors: \+16\.9, /)
  }, 120_000)

  it('refuses a probability outside [0, 1] with the file, line and column', async () => {
    const bad = join(dir, 'bad-probability.csv')
    writeFileSync(bad, 'model,params,task,item,probability\ngpt2,124e6,boolq,1,0.7\ngpt2,124e6,boolq,2,1.3\n')
    const p = await runCliInProcess(['import', bad, '--format', 'predictions', '--project', 'bad', '--catalog', catalog])
    expect(p.code).toBe(2)
    expect(p.stderr).toMatch(/bad-probability\.csv:3:\d+: probability 1\.3 is outside \[0, 1\]/)
  }, 180_000)

  it('names a model without a size', async () => {
    const noSize = join(dir, 'no-size.csv')
    writeFileSync(noSize, 'model,task,item,probability\nmystery,boolq,1,0.7\nmystery,boolq,2,0.2\n')
    expect((await runCliInProcess(['import', noSize, '--format', 'predictions', '--project', 'nosize', '--catalog', catalog])).code).toBe(0)
    const n = await runCliInProcess(['analyze', 'calibration', '--project', 'nosize', '--catalog', catalog, '--json'])
    expect(n.code).toBe(2)
    expect(n.stderr).toMatch(/Model "mystery" has no size/)
    expect((n.json as { error: { code: string } }).error.code).toBe('missing-size')
  }, 180_000)

  it('refuses one size only', async () => {
    const one = join(dir, 'one-size.csv')
    writeFileSync(one, 'model,params,task,accuracy\nseed-1,1e9,copy,0.41\nseed-2,1e9,copy,0.44\n')
    expect((await runCliInProcess(['import', one, '--format', 'evals', '--project', 'one', '--catalog', catalog])).code).toBe(0)
    for (const sub of ['emergence', 'trend']) {
      const o = await runCliInProcess(['analyze', sub, '--task', 'copy', '--project', 'one', '--catalog', catalog])
      expect(o.code).toBe(2)
      expect(o.stderr).toMatch(/only one model size/)
    }
  }, 240_000)

  it('asks for a subcommand', async () => {
    const r = await runCliInProcess(['analyze', '--catalog', catalog])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/emergence, calibration, trend/)
  }, 120_000)
})
