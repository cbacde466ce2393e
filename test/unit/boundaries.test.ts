import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { repoRoot } from '../integration/run-cli'

const check = (root?: string) => spawnSync(process.execPath, [join(repoRoot, 'scripts', 'check-boundaries.mjs'), ...(root ? [root] : [])], { encoding: 'utf8' })

/** a small source tree: path under src/ -> text */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', path)), { recursive: true })
    writeFileSync(join(root, 'src', path), text)
  }
  return root
}

describe('layer boundaries (DESIGN.md)', () => {
  it('renderer -> shared; main, server, cli, workers -> core -> shared; core never imports electron', () => {
    const r = check()
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('the CLI reaches core only through the lab facade and the listed helpers', () => {
    const base = {
      'core/lab.ts': 'export const createLab = 1\n',
      'core/lab/default-catalog-path.ts': 'export const defaultCatalogPath = 1\n',
      'core/fit/allocation.ts': 'export const CHINCHILLA_BUDGET = 1\n',
      'core/catalog/index.ts': 'export class Catalog {}\n',
    }
    const ok = check(tree({ ...base, 'cli/commands/fit.ts': "import { createLab } from '../../core/lab'\nimport { defaultCatalogPath } from '../../core/lab/default-catalog-path'\n" }))
    expect(ok.stderr).toBe('')
    expect(ok.status).toBe(0)

    const bad = check(tree({ ...base, 'cli/commands/fit.ts': "import { CHINCHILLA_BUDGET } from '../../core/fit/allocation'\nimport { Catalog } from '../../core/catalog'\n" }))
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('src/cli/commands/fit.ts (cli) imports ../../core/fit/allocation: the CLI goes through the lab')
    expect(bad.stderr).toContain('imports ../../core/catalog:')
  })
})
