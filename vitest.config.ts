import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/artifacts/**'],
    environment: 'node',
    // one tiny kNN-LM model trained per run, shared by the kNN-LM tests (read with inject)
    globalSetup: ['test/unit/knnlm/tiny-model.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
