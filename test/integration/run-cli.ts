/** Run the scaling-lab CLI from source in a child process, as a user would, and collect what it prints. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * `npm test` builds first and sets SCALING_LAB_CLI_BUILT=1: the tests then run the built CLI, as `npx scaling-lab`
 * does (and start faster). Run alone (`npx vitest run test/integration`), they run the TypeScript source.
 */
export function cliEntry(): string[] {
  const built = join(repoRoot, 'out', 'main', 'cli.js')
  if (process.env.SCALING_LAB_CLI_BUILT === '1' && existsSync(built)) return [built]
  return ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'index.ts')]
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  /** stdout parsed as JSON when it is JSON */
  json?: unknown
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cliEntry(), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`scaling-lab ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`))
    }, timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      let json: unknown
      try {
        json = JSON.parse(stdout)
      } catch {
        json = undefined
      }
      resolve({ code, stdout, stderr, json })
    })
  })
}
