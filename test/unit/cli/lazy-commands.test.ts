/**
 * The CLI loads only the command that runs (src/cli/commands/index.ts): `--version` and `--help` load no command
 * and no engine library; `fit --help` loads the fit command alone. The registry's summaries are the commands' own.
 * Each case runs the CLI from source in a child process that records every module it loads.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../../src/cli/commands'
import { helpText } from '../../../src/cli/main'
import { loadedModules, repoRoot, type LoadedModules } from '../loaded-modules'

const T = 120_000
const ENGINE = ['better-sqlite3', 'zod', '@tensorflow/tfjs', 'echarts', 'usearch', 'pdfkit', '@resvg/resvg-js', 'htmlparser2', 'ws']
const cli = (...args: string[]): LoadedModules => loadedModules([join(repoRoot, 'src', 'cli', 'index.ts'), ...args])
const commandFiles = (m: LoadedModules): string[] => [...m.sources].filter((s) => s.startsWith('src/cli/commands/') && s !== 'src/cli/commands/index.ts')

describe('lazy CLI commands', () => {
  it('--version prints the package version and loads no command and no engine library', () => {
    const m = cli('--version')
    expect(m.status, m.stderr).toBe(0)
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    expect(m.stdout).toBe(`${pkg.version}\n`)
    expect(m.sources).toContain('src/cli/main.ts')
    expect(commandFiles(m)).toEqual([])
    for (const name of ENGINE) expect(m.packages, name).not.toContain(name)
    expect([...m.sources].filter((s) => s.startsWith('src/core/catalog/'))).toEqual([])
  }, T)

  it('--help lists every command with its summary and loads none', () => {
    const m = cli('--help')
    expect(m.status, m.stderr).toBe(0)
    expect(m.stdout).toBe(helpText())
    const width = Math.max(...COMMANDS.map((c) => c.name.length))
    for (const c of COMMANDS) expect(m.stdout).toContain(`  ${c.name.padEnd(width)}  ${c.summary}\n`)
    expect(commandFiles(m)).toEqual([])
    for (const name of ENGINE) expect(m.packages, name).not.toContain(name)
  }, T)

  it('a command loads its own module only', () => {
    const m = cli('fit', '--help')
    expect(m.status, m.stderr).toBe(0)
    expect(m.stdout).toMatch(/^scaling-lab fit /)
    expect(commandFiles(m)).toEqual(['src/cli/commands/fit.ts'])
    for (const name of ['@tensorflow/tfjs', 'echarts', 'usearch', 'pdfkit', '@resvg/resvg-js']) expect(m.packages, name).not.toContain(name)
  }, T)

  it('keeps in the registry each command\'s own name and summary', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load()
      expect(command.name).toBe(entry.name)
      expect(command.summary, entry.name).toBe(entry.summary)
    }
  }, T)
})
