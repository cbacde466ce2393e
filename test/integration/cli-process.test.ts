/**
 * The CLI as a separate process, for what only a process shows: the exit codes the shell sees, the version, Ctrl+C
 * (SIGINT) stopping `serve` cleanly, and one import plus one fit end to end (through the built CLI when `npm test`
 * built it, see run-cli.ts). Everything else runs the CLI in-process (runCliInProcess). No command reads stdin.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { cliEntry, repoRoot, runCliProcess } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-cli-process-'))
const catalog = join(dir, 'catalog.sqlite')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// each call starts Node and (run from source) compiles the CLI: seconds each, much more on a loaded machine
describe('scaling-lab as a process', { timeout: 300_000 }, () => {
  it('prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    const r = await runCliProcess(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`${version}\n`)
  })

  it('exits 2 for an unknown command, with the usage', async () => {
    const unknown = await runCliProcess(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/)
    expect(unknown.stderr).toMatch(/^usage: scaling-lab COMMAND/m)
  })

  it('imports the Chinchilla table and fits Kaplan L(N) to it, exit 0; a broken file exits 2 with its location', async () => {
    const imported = await runCliProcess(['import', join(repoRoot, 'test/fixtures/chinchilla/svg_extracted_data.csv'), '--catalog', catalog, '--project', 'chinchilla', '--json'])
    expect(imported.code, imported.stderr).toBe(0)
    expect((imported.json as { imports: { runs: number }[] }).imports[0].runs).toBe(245)
    const fit = await runCliProcess(['fit', 'kaplan-n', '--catalog', catalog, '--project', 'chinchilla', '--json'])
    expect(fit.code, fit.stderr).toBe(0)
    expect((fit.json as { fit: { law: string; n_points: number } }).fit).toMatchObject({ law: 'kaplan-n', n_points: 245 })
    const broken = await runCliProcess(['import', join(repoRoot, 'test/fixtures/ingest/bad-ragged.csv'), '--catalog', catalog, '--project', 'broken', '--json'])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/bad-ragged\.csv:3:\d+: /)
    expect((broken.json as { error: { line: number } }).error.line).toBe(3)
  })

  it('serve stops on Ctrl+C (SIGINT) and exits 0', async () => {
    const child = spawn(process.execPath, [...cliEntry(), 'serve', '--catalog', catalog, '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString()
        if (/serving at http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(stdout)) resolve()
      })
      void exited.then((code) => reject(new Error(`serve exited with ${code} before printing its address: ${stderr}`)))
    })
    child.kill('SIGINT')
    expect(await exited, stderr).toBe(0)
    expect(stdout).toContain(`catalog: ${catalog}`)
  })
})
