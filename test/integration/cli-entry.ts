/**
 * Where the scaling-lab CLI is, for tests that start it as a process (kept apart from run-cli.ts so that the e2e
 * harness does not load the whole CLI into its own process).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * `npm test` builds first and sets SCALING_LAB_CLI_BUILT=1: child processes then run the built CLI, as `npx scaling-lab`
 * does (and start faster). Run alone (`npx vitest run test/integration`), they run the TypeScript source.
 */
export function cliEntry(): string[] {
  const built = join(repoRoot, 'out', 'main', 'cli.js')
  if (process.env.SCALING_LAB_CLI_BUILT === '1' && existsSync(built)) return [built]
  return ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'index.ts')]
}
