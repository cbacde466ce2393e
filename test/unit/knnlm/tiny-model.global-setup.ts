/**
 * vitest globalSetup: trains the tiny models the kNN-LM tests read, once per test run, instead of once in each
 * test file; they are removed when the run ends. Seeded, so each is the same model the test files trained before
 * (trainTiny(10) and trainTiny(2, { seed: 9 })). Tests that test training itself still train their own.
 */
import { rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { SHARED_TINY_STEPS, trainTiny } from './tiny-setup'

export default async function setup(project: TestProject): Promise<() => void> {
  const main = await trainTiny(SHARED_TINY_STEPS)
  const other = await trainTiny(2, { seed: 9 })
  project.provide('tinyKnnLmModelDir', main.dir)
  project.provide('otherTinyKnnLmModelDir', other.dir)
  return () => {
    for (const dir of [main.dir, other.dir]) rmSync(dir, { recursive: true, force: true })
  }
}
