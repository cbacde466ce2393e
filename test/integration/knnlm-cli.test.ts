/** `scaling-lab knnlm` as a user runs it: the demo with no options, your own .npy numbers, train + datastore, clear errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runCliInProcess } from './run-cli'

const fx = join(repoRoot, 'test', 'fixtures', 'knnlm')

describe('scaling-lab knnlm', () => {
  it('eval with no options evaluates the shipped demo on its held-out text', async () => {
    const r = await runCliInProcess(['knnlm', 'eval', '--json'])
    expect(r.code).toBe(0)
    const j = r.json as { tokens: number; ppl_lm: number; ppl_knnlm: number; lambda: number; k: number }
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['tokens', 'ppl_lm', 'ppl_knnlm', 'lambda', 'k']))
    expect(j.lambda).toBe(0.25)
    expect(j.k).toBe(1024)
    expect(j.ppl_knnlm).toBeLessThan(j.ppl_lm)
  }, 180_000)

  it('evaluates your own model numbers from .npy files (NumPy reference in expected.json)', async () => {
    const expected = JSON.parse(readFileSync(join(fx, 'expected.json'), 'utf8')) as { cases: Array<{ lambda: number; k: number; temperature: number; ppl_knnlm_f32: number; ppl_lm: number }> }
    const c = expected.cases[1]!
    const files = ['--keys', join(fx, 'keys-f32.npy'), '--values', join(fx, 'values.npy'), '--queries', join(fx, 'queries.npy'), '--targets', join(fx, 'targets.npy'), '--lm-logprobs', join(fx, 'lm-logprobs.npy')]
    const r = await runCliInProcess(['knnlm', 'eval', ...files, '--lambda', String(c.lambda), '--k', String(c.k), '--temperature', String(c.temperature), '--json'])
    expect(r.code).toBe(0)
    const j = r.json as { ppl_lm: number; ppl_knnlm: number }
    expect(j.ppl_lm).toBeCloseTo(c.ppl_lm, 4)
    expect(j.ppl_knnlm).toBeCloseTo(c.ppl_knnlm_f32, 4)
    const bad = await runCliInProcess(['knnlm', 'eval', ...files.slice(0, 5), join(fx, 'queries-wrong-dims.npy'), ...files.slice(6), '--json'])
    expect(bad.code).toBe(2)
    expect(bad.stderr + bad.stdout).toMatch(/dimension/)
  }, 180_000)

  it('trains a model and builds a datastore; refuses a datastore from another model, and an empty corpus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-knnlm-'))
    const text = join(dir, 'text.txt')
    writeFileSync(text, readFileSync(join(repoRoot, 'resources', 'demo-model', 'heldout-adaptation.txt'), 'utf8').slice(0, 6000))
    const model = join(dir, 'model')
    const t = await runCliInProcess(['knnlm', 'train', text, '--out', model, '--vocab', '300', '--layers', '1', '--d-model', '16', '--heads', '2', '--context', '16', '--steps', '5', '--batch', '2', '--held-out', '0.2', '--json'])
    expect(t.code).toBe(0)
    expect((t.json as { step: number }).step).toBe(5)
    // --held-out: the text's last part (from a line break) is kept out, measured and written for eval --text
    expect(Number.isFinite((t.json as { finalValLoss?: number }).finalValLoss)).toBe(true)
    const held = readFileSync(join(model, 'heldout.txt'), 'utf8')
    expect(readFileSync(text, 'utf8').trimEnd().endsWith(held)).toBe(true)
    // the cut is at the last line break before 80% of the text, so a little over a fifth is held out
    expect(held.length / 6000).toBeGreaterThanOrEqual(0.19)
    expect(held.length / 6000).toBeLessThan(0.4)
    const tooMuch = await runCliInProcess(['knnlm', 'train', text, '--out', join(dir, 'm3'), '--held-out', '0.9', '--steps', '1', '--json'])
    expect(tooMuch.code).toBe(2)
    expect(tooMuch.stderr + tooMuch.stdout).toMatch(/--held-out "0\.9" is not a share in \(0, 0\.5\]/)
    const noThreads = await runCliInProcess(['knnlm', 'datastore', text, '--model', model, '--out', join(dir, 's0'), '--threads', '0', '--json'])
    expect(noThreads.code).toBe(2)
    expect(noThreads.stderr + noThreads.stdout).toMatch(/--threads "0" is not a whole number of at least 1/)
    const store = join(dir, 'store')
    const d = await runCliInProcess(['knnlm', 'datastore', text, '--model', model, '--out', store, '--json'])
    expect(d.code).toBe(0)
    expect((d.json as { dims: number }).dims).toBe(16)
    const mixed = await runCliInProcess(['knnlm', 'eval', '--datastore', store, '--json'])
    expect(mixed.code).toBe(2)
    expect(mixed.stderr + mixed.stdout).toMatch(/tokenizer|model/)
    writeFileSync(join(dir, 'empty.txt'), '\n')
    const empty = await runCliInProcess(['knnlm', 'train', join(dir, 'empty.txt'), '--out', join(dir, 'm2'), '--json'])
    expect(empty.code).toBe(2)
  }, 240_000)
})
