/**
 * Two ways to run the scaling-lab CLI in a test. `runCliInProcess` calls `runCli` of src/cli/main.ts in the test's own
 * process with stdout and stderr captured: no Node start, no TypeScript compile per call, so most tests use it.
 * `runCliProcess` starts the CLI as a child process, as a user does: for what only a process shows (exit codes as the
 * shell sees them, signals, two processes at once, a lock held by another process, the built CLI).
 */
import { spawn } from 'node:child_process'
import { runCli } from '../../src/cli/main'
import { cliEntry, repoRoot } from './cli-entry'

export { cliEntry, repoRoot }

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  /** stdout parsed as JSON when it is JSON */
  json?: unknown
}

function parsedJson(stdout: string): unknown {
  try {
    return JSON.parse(stdout)
  } catch {
    return undefined
  }
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * Run the CLI in this process, as `scaling-lab ARGS` run from the repository root with `env` added to the
 * environment. Calls run one after another (each sets the environment and the working directory for its own
 * duration), so two calls never share them; tests of two CLIs at once use `runCliProcess`. Worker threads start from
 * the sources (or from SCALING_LAB_WORKER_DIR when it is set), as the CLI run from source does.
 */
export function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const run = queue.then(() => runHere(args, env))
  queue = run.catch(() => undefined)
  return run
}

async function runHere(args: string[], env: Record<string, string>): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const saved = Object.keys(env).map((k) => [k, process.env[k]] as const)
  Object.assign(process.env, env)
  const cwd = process.cwd()
  process.chdir(repoRoot)
  const exitCode = process.exitCode
  try {
    const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false })
    // the CLI's entry sets the exit code from what runCli returns; a command setting it itself would be lost in-process
    if (process.exitCode !== exitCode) throw new Error(`scaling-lab ${args.join(' ')} set process.exitCode itself; commands return their exit code`)
    return { code, stdout, stderr, json: parsedJson(stdout) }
  } finally {
    process.exitCode = exitCode
    process.chdir(cwd)
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

/** Run the CLI as a child process (see cliEntry) and collect what it prints. */
export function runCliProcess(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CliResult> {
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
      resolve({ code, stdout, stderr, json: parsedJson(stdout) })
    })
  })
}
