import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/core/ingest/plan'
import { detectFormat } from '../../../src/core/ingest/formats'
import { sniffBytes, sniffFile } from '../../../src/core/ingest/sniff'
import { previewImport } from '../../../src/core/ingest/preview'
import { fixture } from './helpers'

const sniffText = (text: string, name = 'file.csv') => sniffBytes(Buffer.from(text), Buffer.byteLength(text), name)

describe('recognising the shape of a file', () => {
  it.each([
    ['summary-units.csv', 'summary'],
    ['summary-tab.csv', 'summary'],
    ['long-log.csv', 'long'],
    ['wide-log.csv', 'wide'],
    ['wide-tokens-runs.csv', 'wide'],
    ['wandb-panel-export.csv', 'wandb-panel'],
    ['wandb-runs-export.csv', 'wandb-runs'],
    ['run-small_125m-tag-train_loss.csv', 'tensorboard'],
    ['mlflow-search-runs.csv', 'mlflow'],
    ['evals-table.csv', 'evals'],
    ['predictions-confidence.csv', 'predictions'],
    ['real/chinchilla_svg_extracted_data.csv', 'summary'],
    ['real/pythia_v1_lambada_piqa_zeroshot.csv', 'evals'],
    ['real/pythia_arithmetic_by_size.csv', 'evals'],
    ['real/boolq_gpt2_per_example.csv', 'predictions'],
  ])('%s is %s', async (name, format) => {
    const s = await sniffFile(fixture(name), name)
    expect(detectFormat(s.header, name, s.sampleRows).format).toBe(format)
  })

  it('reads headers in any case and spacing', () => {
    expect(detectFormat(['RUN', 'Step', 'METRIC', 'Value'], 'x.csv').format).toBe('long')
    expect(detectFormat(['  wall time ', 'STEP', 'value'], 'x.csv').format).toBe('tensorboard')
    expect(detectFormat(['Model Name', 'Task', 'Score'], 'x.csv').format).toBe('evals')
  })
})

describe('the column mapping', () => {
  it('is automatic and visible', async () => {
    const p = await previewImport(fixture('summary-units.csv'), { fileName: 'summary-units.csv' })
    expect(p.format).toBe('summary')
    expect(p.mapping).toEqual({
      name: 'Name',
      family: 'Family',
      params: 'Params',
      active_params: 'Active Params',
      tokens: 'Tokens',
      flops: 'FLOPs',
      experts: 'Experts',
      top_k: 'Top-K',
      tags: 'Tags',
      notes: 'Notes',
    })
    expect(p.metricColumns).toEqual(['loss', 'HellaSwag'])
    expect(p.detectedRuns).toEqual(['chinchilla-like', 'gopher-like', 'small-a', 'small-b', 'moe-8x'])
    expect(p.problems).toEqual([])
    expect(p.sampleRows).toHaveLength(5)
    expect(p.fields).toContain('nonembedding_params')
  })

  it('maps the real Pythia evaluation table: accuracy is the value and names the metric, step is the checkpoint', async () => {
    const p = await previewImport(fixture('real/pythia_v1_lambada_piqa_zeroshot.csv'), { maxRows: 3 })
    expect(p.mapping).toMatchObject({ model: 'model', params: 'params', task: 'task', value: 'accuracy', stderr: 'stderr', checkpoint: 'step', tokens: 'tokens' })
    expect(p.sampleRows).toHaveLength(3)
    expect(p.warnings.join(' ')).toContain('deduped')
  })

  it('can be overridden field by field, with the names of either shape', () => {
    const s = sniffText('job,t,series,y\na,1,loss,3\n')
    const auto = buildPlan(s, { format: 'long' }, 'f.csv')
    expect(auto.problems.length).toBeGreaterThan(0)
    const mapped = buildPlan(s, { format: 'long', mapping: { name: 'job', step: 't', metric: 'series', value: 'y' } }, 'f.csv')
    expect(mapped.problems).toEqual([])
    expect(mapped.mapping).toEqual({ run: 'job', step: 't', metric: 'series', value: 'y' })
    // column names match in any case
    expect(buildPlan(s, { format: 'long', mapping: { run: 'JOB', step: 'T', metric: 'Series', value: 'Y' } }, 'f.csv').problems).toEqual([])
  })

  it('reports a mapping to a column that does not exist, and fields that do not exist', () => {
    const s = sniffText('run,step,metric,value\na,1,loss,3\n')
    expect(buildPlan(s, { mapping: { value: 'nope' } }, 'f.csv').problems.join(' ')).toMatch(/no column "nope"/)
    expect(buildPlan(s, { mapping: { colour: 'run' } }, 'f.csv').problems.join(' ')).toMatch(/colour is not a field/)
    expect(buildPlan(s, { format: 'parquet' }, 'f.csv').problems.join(' ')).toMatch(/Unknown format/)
  })

  it('unmaps a field given an empty column', () => {
    const s = sniffText('model,model_family,task,value\nm,f,t,1\n')
    expect(buildPlan(s, {}, 'f.csv').mapping.family).toBe('model_family')
    expect(buildPlan(s, { mapping: { family: '' } }, 'f.csv').mapping.family).toBeUndefined()
  })

  it('says what a forced shape is missing', () => {
    const s = sniffText('name,loss\na,3\n')
    expect(buildPlan(s, { format: 'evals' }, 'f.csv').problems.join(' ')).toMatch(/needs a column for task/)
  })

  it('indexes a step log by tokens when that is its x column', () => {
    const s = sniffText('run,tokens,loss\na,1e9,3\na,2e9,2.8\n')
    const plan = buildPlan(s, {}, 'f.csv')
    expect([plan.format, plan.xKind, plan.mapping.step]).toEqual(['wide', 'tokens', 'tokens'])
    // one row per run: a summary table, tokens being each run's training tokens
    const summary = buildPlan(sniffText('run,tokens,loss\na,1e9,3\nb,2e9,2.8\n'), {}, 'f.csv')
    expect([summary.format, summary.mapping.tokens]).toEqual(['summary', 'tokens'])
  })

  it('groups W&B panel columns by run and metric, with __MIN / __MAX as the band, skipping _step', async () => {
    const s = await sniffFile(fixture('wandb-panel-export.csv'), 'panel.csv')
    const plan = buildPlan(s, {}, 'panel.csv')
    expect(plan.panel).toEqual([
      { run: 'lilac-sweep-3', metric: 'train/loss', value: 1, lo: 2, hi: 3 },
      { run: 'fluent-dawn-7', metric: 'train/loss', value: 4, lo: 5, hi: 6 },
    ])
    expect(plan.mapping).toEqual({ step: 'Step' })
  })

  it('names TensorBoard runs and metrics from the file name', async () => {
    const s = await sniffFile(fixture('run-small_125m-tag-train_loss.csv'), 'x')
    const plan = buildPlan(s, {}, 'downloads/run-small_125m-tag-train_loss.csv')
    expect([plan.runFromFile, plan.metricFromFile]).toEqual(['small_125m', 'train_loss'])
    const dot = buildPlan(s, {}, 'logs/baseline/run-.-tag-loss.csv')
    expect([dot.runFromFile, dot.metricFromFile]).toEqual(['baseline', 'loss'])
  })
})
