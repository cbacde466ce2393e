/**
 * Run fields nested under config / model / data / params prefixes, as W&B runs tables and MLflow exports write
 * them, map automatically; the preview shows the choice; a runs table without parameters or tokens says so.
 */
import { writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { importFile, previewImport } from '../../../src/core/ingest'
import { fixture, tempDir } from './helpers'

const tmp = tempDir('nested-')
afterAll(() => tmp.remove())

let c: Catalog
beforeEach(() => {
  c = new Catalog(':memory:')
})
afterEach(() => c.close())

const run = (name: string) => {
  const projectId = c.getProject('p')!.id
  const r = c.listRuns({ projectId }).find((x) => x.name === name)!
  return c.getRun(r.id)
}

describe('nested configuration names', () => {
  it('a W&B runs table with model.n_params, model.num_experts and data.tokens: parameters, experts and tokens, FLOPs 6ND', async () => {
    const preview = await previewImport(fixture('wandb-runs-nested.csv'))
    expect(preview.format).toBe('wandb-runs')
    expect(preview.mapping).toMatchObject({ name: 'Name', params: 'model.n_params', tokens: 'data.tokens', experts: 'model.num_experts' })
    expect(preview.warnings.some((w) => w.startsWith('No column was recognised'))).toBe(false)

    const s = await importFile(c, fixture('wandb-runs-nested.csv'), { project: 'p', fileName: 'wandb-runs-nested.csv' })
    expect(s).toMatchObject({ format: 'wandb-runs', runs: 3 })
    const a = run('ancient-river-12')
    expect([a.params, a.tokens, a.experts, a.flops]).toEqual([124439808, 2.5e9, 1, 6 * 124439808 * 2.5e9])
    expect(a.config).toMatchObject({ 'model.n_layer': 12, 'data.dataset': 'openwebtext', 'optimizer.lr': 0.0006 })
    expect(a.config).not.toHaveProperty('model.n_params')
    expect(a.summaries).toEqual({ 'train/loss': 3.301, 'eval/loss': 3.352 })
    const b = run('brisk-fog-14')
    expect([b.params, b.tokens, b.experts]).toEqual([1.4e9, null, 8])
  })

  it('config.num_params and config.train_tokens in a plain one-row-per-run table', async () => {
    const path = tmp.path('nested.csv')
    writeFileSync(path, 'name,config.num_params,config.train_tokens,val_loss\nr1,85M,1.7B,3.4\nr2,302M,6B,3.1\n')
    const preview = await previewImport(path)
    expect(preview.mapping).toMatchObject({ name: 'name', params: 'config.num_params', tokens: 'config.train_tokens' })
    await importFile(c, path, { project: 'p' })
    expect([run('r2').params, run('r2').tokens, run('r2').summaries]).toEqual([302e6, 6e9, { val_loss: 3.1 }])
  })

  it('a vague alias is not trusted under a prefix: data.size is not a parameter count', async () => {
    const path = tmp.path('vague.csv')
    writeFileSync(path, '"Name","State","Created","model.n_params","data.size","train/loss"\n"r","finished","2024","1e8","5e9","3.2"\n')
    const preview = await previewImport(path)
    expect(preview.mapping.params).toBe('model.n_params')
    expect(preview.mapping.tokens).toBeUndefined()
  })

  it('a runs table without parameters and tokens warns, naming the fields, the columns that might hold them and how to map', async () => {
    const path = tmp.path('no-sizes.csv')
    writeFileSync(path, '"Name","State","Created","model.width","data.token_budget","train/loss"\n"r","finished","2024","768","2e9","3.2"\n')
    const preview = await previewImport(path)
    const w = preview.warnings.find((x) => x.startsWith('No column was recognised'))
    expect(w).toBe(
      'No column was recognised for params or tokens (or flops): the runs are stored without them, and scaling fits leave such runs out. Map them with --map params=COLUMN --map tokens=COLUMN (in the import dialog: the column mapping); columns that might hold them: "data.token_budget".',
    )
    const s = await importFile(c, path, { project: 'p', mapping: { tokens: 'data.token_budget' } })
    expect(s.warnings.find((x) => x.startsWith('No column was recognised'))).toMatch(/^No column was recognised for params: /)
    expect(run('r').tokens).toBe(2e9)
  })
})
