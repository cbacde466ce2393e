import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../integration/run-cli'

describe('layer boundaries (DESIGN.md)', () => {
  it('renderer -> shared; main, server, cli, workers -> core -> shared; core never imports electron', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'check-boundaries.mjs')], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
