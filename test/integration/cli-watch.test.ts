/**
 * `scaling-lab watch DIR` as a process (issue 14): it imports the folder's log, a row appended while it runs is
 * imported incrementally and printed, Ctrl-C (SIGINT) stops it with exit 0 and removes the watch it recorded. The
 * test waits only for the lines the command prints.
 */
import { spawn } from 'node:child_process'
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, onTestFinished } from 'vitest'
import { cliEntry, repoRoot, runCliInProcess } from './run-cli'

const dir = mkdtempSync(join(tmpdir(), 'lab-cli-watch-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('scaling-lab watch', { timeout: 300_000 }, () => {
  it('imports a folder, then the rows appended to a log while it runs, and stops on Ctrl-C', async () => {
    const catalog = join(dir, 'catalog.sqlite')
    const logs = join(dir, 'logs')
    mkdirSync(logs)
    const log = join(logs, 'train.csv')
    writeFileSync(log, 'run,step,metric,value\nrun-a,1,loss,3.0\nrun-a,2,loss,2.6\n')
    const child = spawn(process.execPath, [...cliEntry(), 'watch', logs, '--catalog', catalog, '--project', 'live', '--json'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SCALING_LAB_WATCH_POLL_MS: '100' },
    })
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    const lines: Record<string, unknown>[] = []
    const waiting: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = []
    let buffer = ''
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString()
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>
        buffer = buffer.slice(nl + 1)
        lines.push(line)
        for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i].match(line)) waiting.splice(i, 1)[0].resolve(line)
      }
    })
    const lineWhere = (match: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
      const seen = lines.find(match)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        waiting.push({ match, resolve })
        void exited.then((code) => reject(new Error(`watch exited with ${code}: ${stderr}`)))
      })
    }

    const first = await lineWhere((l) => l.change === 'new')
    expect(first).toMatchObject({ file: expect.stringMatching(/train\.csv$/), points: 2 })
    const watching = await lineWhere((l) => 'watch' in l)
    expect(watching.watch).toMatchObject({ quietSeconds: 60, active: true })

    appendFileSync(log, 'run-a,3,loss,2.3\nrun-b,1,loss,3.1\n')
    const grown = await lineWhere((l) => l.change === 'appended')
    expect(grown).toMatchObject({ rows: 2, points: 2, rewrites: 0, newRuns: ['run-b'], importId: first.importId })

    child.kill('SIGINT')
    expect(await exited, stderr).toBe(0)

    const runs = await runCliInProcess(['runs', '--catalog', catalog, '--project', 'live', '--json'])
    expect((runs.json as { runs: { name: string }[] }).runs.map((r) => r.name)).toEqual(['run-a', 'run-b'])
    const text = await runCliInProcess(['watch', join(logs, 'train.csv'), '--catalog', catalog])
    expect(text.code).toBe(2)
    expect(text.stderr).toMatch(/train\.csv is a file, not a folder\./)
  })
})
