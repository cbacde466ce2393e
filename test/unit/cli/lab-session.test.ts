/**
 * The CLI's door to the lab: a job started through a channel is followed by its events and read back with getJob,
 * and Ctrl-C (SIGINT) cancels it. Fixture: Pythia arithmetic evaluations (../shared/data/README.md).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../../src/cli/args'
import { withLab } from '../../../src/cli/lab-session'
import type { ImportSummary, JobState } from '../../../src/shared/api'
import { LabError } from '../../../src/shared/errors'

const fixture = join(__dirname, '..', '..', 'fixtures', 'emergence', 'pythia_arithmetic_by_size.csv')
const args = parseArgs(['--catalog', ':memory:'], { values: ['catalog'], switches: [] })

describe('CLI lab session', () => {
  it('runs a job through its channel, reports progress and returns the result getJob holds', async () => {
    const fractions: number[] = []
    const summary = await withLab(args, async (lab) => {
      const { id: uploadId } = lab.lab.context.uploads.fromPath(fixture)
      return lab.runJob<ImportSummary>('startImport', { uploadId, project: 'p', format: 'evals' }, { onProgress: (f) => fractions.push(f) })
    })
    expect(summary.evals).toBeGreaterThan(0)
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true)
  })

  it('cancels the job on Ctrl-C, also when it comes before the job has its id', async () => {
    const outcome = await withLab(args, async (lab) => {
      const { id: uploadId } = lab.lab.context.uploads.fromPath(fixture)
      await lab.runJob('startImport', { uploadId, project: 'p', format: 'evals' })
      const projectId = (await lab.invoke('listProjects', {}))[0].id
      const running = lab.runJob('analyzeEmergence', { projectId, task: 'arithmetic_addition_2operand_x1_0to99', bootstrap: 10000 })
      process.emit('SIGINT')
      const error = await running.then(() => undefined, (e: unknown) => e)
      const jobs = (await lab.invoke('listJobs', {})) as JobState[]
      return { error, status: jobs.find((j) => j.kind === 'emergence')?.status }
    })
    expect(outcome.error).toBeInstanceOf(LabError)
    expect((outcome.error as LabError).code).toBe('cancelled')
    expect(outcome.status).toBe('cancelled')
  })
})
