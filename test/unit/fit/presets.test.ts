/**
 * Presets say what they are: Hoffmann et al. 2022's Approach 1 and 2 allocations beside the Approach-3 fit, and the
 * Kaplan preset's WebText2 loss and overfitting bound. Reference: the paper's Table 2 (a), Table 3 and Table A3
 * (allocations), and scripts/reference/presets-allocation.py (NumPy/SciPy) -> test/fixtures/presets/presets-reference.json.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../../src/core/fit/presets'
import { presetModel } from '../../../src/core/fit/law-model'
import { kaplanMinTokens } from '../../../src/core/fit/kaplan-overfitting'
import { optimalAllocationFor } from '../../../src/core/lab/fit-allocation'
import { listPresetInfos } from '../../../src/core/lab/fit-handlers'
import { runFit } from '../../../src/core/fit/fit-runner'
import type { StoredFit } from '../../../src/shared/api/fit'
import type { ScalingPoint } from '../../../src/core/fit/types'

const here = dirname(fileURLToPath(import.meta.url))
interface Row { table_params: number; table_flops: number; table_tokens: number; N_opt: number; D_opt: number }
const ref = JSON.parse(readFileSync(join(here, '..', '..', 'fixtures', 'presets', 'presets-reference.json'), 'utf8')) as {
  approach1: { a: number; k_N: number; rows: Row[] }
  approach2: { a: number; k_N: number; rows: Row[] }
  kaplan: { overfit_crossover_flops: number; at_5_76e23: { N: number; D: number; D_min: number } }
}

describe("Hoffmann et al. 2022's Approach 1 and 2 allocations", () => {
  for (const [id, key, a] of [['hoffmann-approach1', 'approach1', 0.5], ['hoffmann-approach2', 'approach2', 0.49]] as const) {
    it(`${id}: a = ${a} (Table 2), k_N as the reference script fits it, every table row met within 3.5 % (N) and 6 % (D)`, () => {
      const p = PRESETS[id]
      expect(p.params.a).toBe(a)
      expect(p.params.a + p.params.b).toBeCloseTo(1, 12)
      expect(p.params.k_N / ref[key].k_N).toBeCloseTo(1, 9)
      const model = presetModel(p)
      for (const row of ref[key].rows) {
        const al = model.allocate!(row.table_flops)
        expect(al.N_opt / row.N_opt).toBeCloseTo(1, 9)
        expect((6 * al.N_opt * al.D_opt) / row.table_flops).toBeCloseTo(1, 12)
        expect(Math.abs(al.N_opt / row.table_params - 1)).toBeLessThan(0.035)
        expect(Math.abs(al.D_opt / row.table_tokens - 1)).toBeLessThan(0.06)
      }
    })
  }

  it('answer with no loss, and sit beside the labelled Approach-3 fit (40B at 5.76e23, not Chinchilla\'s 70B)', () => {
    const a1 = optimalAllocationFor({ flops: 5.76e23, preset: 'hoffmann-approach1' })
    expect(a1.loss).toBeNull()
    expect(a1.N_opt / 67e9).toBeCloseTo(1, 1)
    const a3 = optimalAllocationFor({ flops: 5.76e23, preset: 'chinchilla' })
    expect(a3.N_opt / 1e9).toBeGreaterThan(30)
    expect(a3.N_opt / 1e9).toBeLessThan(45)
    expect(a3.loss_dataset).toMatch(/MassiveText/)
    expect(PRESETS.chinchilla.citation).toMatch(/Approach 3/)
    expect(listPresetInfos().map((p) => p.id)).toEqual(['hoffmann-approach1', 'hoffmann-approach2', 'chinchilla', 'besiroglu', 'kaplan'])
  })
})

describe("Kaplan et al. 2020: WebText2 loss and the overfitting bound D >~ 5e3 N^0.74 (eq. 4.4)", () => {
  it('labels the loss as WebText2', () => {
    const k = optimalAllocationFor({ flops: 1e20, preset: 'kaplan' })
    expect(k.loss_dataset).toMatch(/WebText2/)
    expect(listPresetInfos().find((p) => p.id === 'kaplan')!.lossDataset).toMatch(/WebText2/)
  })

  it('flags its allocation at the Gopher budget (D 1.19e11 < 3.2e12 tokens), with the numbers', () => {
    const k = optimalAllocationFor({ flops: 5.76e23, preset: 'kaplan' })
    expect(k.N_opt / ref.kaplan.at_5_76e23.N).toBeCloseTo(1, 9)
    expect(k.warnings!.map((w) => w.code)).toEqual(['kaplan-overfitting'])
    expect(k.warnings![0].values!.D_min / ref.kaplan.at_5_76e23.D_min).toBeCloseTo(1, 9)
    expect(kaplanMinTokens(1e9)).toBeCloseTo(5e3 * Math.pow(1e9, 0.74), 0)
  })

  it('flags exactly above the crossover budget the reference script finds (2.9e18 FLOPs)', () => {
    const c = ref.kaplan.overfit_crossover_flops
    expect(optimalAllocationFor({ flops: c / 1.01, preset: 'kaplan' }).warnings).toEqual([])
    expect(optimalAllocationFor({ flops: c * 1.01, preset: 'kaplan' }).warnings!.length).toBe(1)
  })
})

describe('optimal checks its budget as fit --budget does (1e10 to 1e32 FLOPs)', () => {
  it('refuses budgets outside the range', () => {
    expect(() => optimalAllocationFor({ flops: 1e5 })).toThrow(/from 1e\+10 to 1e\+32/)
    expect(() => optimalAllocationFor({ flops: 1e33 })).toThrow(/from 1e\+10 to 1e\+32/)
    expect(optimalAllocationFor({ flops: 1e10 }).N_opt).toBeGreaterThan(0)
  })
})

describe('optimal under a flagged fit', () => {
  it("carries the fit's warnings: an IsoFLOP frontier through only 2 budgets cannot be checked by leaving one out", () => {
    const points: ScalingPoint[] = []
    for (const [C, xStar] of [[1e20, 9], [1e21, 9.5]] as const) {
      for (let k = 0; k < 5; k++) {
        const x = xStar - 0.4 + 0.2 * k
        points.push({ run: `${C}-${k}`, params: Math.pow(10, x), tokens: C / (6 * Math.pow(10, x)), flops: C, loss: (C === 1e20 ? 2.5 : 2.2) + 0.1 * (x - xStar) ** 2 })
      }
    }
    const result = runFit('isoflop', points)
    expect(result.verdict).toBe('flagged')
    const stored = { id: 7, law: 'isoflop', result } as unknown as StoredFit
    const a = optimalAllocationFor({ flops: 1e22, fitId: 7 }, () => stored)
    expect(a.warnings!.map((w) => w.code)).toEqual(['fit-too-few-to-check'])
    expect(a.warnings![0].message).toMatch(/^Fit 7 is flagged: .*2 budgets/)
  })
})
