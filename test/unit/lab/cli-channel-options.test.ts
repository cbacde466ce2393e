/**
 * What the channels gained so that the CLI can go through the lab (issue 11): a local file read in place
 * (UploadStore.fromPath), an import into a project named (created by the import's own transaction, so a refused
 * file leaves none behind), and the corpus cleaning's local paths, which only the CLI host may name.
 * Fixture: 24 real Chinchilla runs as a W&B runs table (scripts/reference/wandb-runs-model-cfg.py).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '../../../src/core/lab'
import { UploadStore } from '../../../src/core/lab/upload-store'
import type { ImportSummary, JobState, Project } from '../../../src/shared/api'
import { jobSettled as settled } from './job-settled'

const fixture = join(__dirname, '..', '..', 'fixtures', 'catalog', 'wandb-runs-model-cfg.csv')
const labs: Lab[] = []
afterAll(() => labs.forEach((l) => l.close()))

async function open(host: 'cli' | 'web'): Promise<Lab> {
  const lab = await createLab({ catalogPath: ':memory:', host, seedDemo: false })
  labs.push(lab)
  return lab
}


describe('channel options the CLI needs', () => {
  it('fromPath reads a local file where it is, under the name the user typed, and never deletes it', () => {
    const store = new UploadStore()
    const up = store.fromPath(fixture)
    expect(up).toMatchObject({ name: fixture, path: fixture })
    expect(up.size).toBeGreaterThan(0)
    expect(store.get(up.id).path).toBe(fixture)
    store.dispose()
    expect(existsSync(fixture)).toBe(true)
  })

  it('startImport by project name creates the project with the import, and not when the file is refused', async () => {
    const lab = await open('cli')
    const dir = mkdtempSync(join(tmpdir(), 'cli-channel-'))
    try {
      const bad = join(dir, 'empty.csv')
      writeFileSync(bad, '')
      const refused = await settled(lab, ((await lab.invoke('startImport', { uploadId: lab.context.uploads.fromPath(bad).id, project: 'named' })) as { jobId: string }).jobId)
      expect(refused.status).toBe('error')
      expect(refused.error?.file).toBe(bad)
      expect((await lab.invoke('listProjects', {})) as Project[]).toEqual([])

      const done = await settled(lab, ((await lab.invoke('startImport', { uploadId: lab.context.uploads.fromPath(fixture).id, project: 'named' })) as { jobId: string }).jobId)
      expect(done.status).toBe('done')
      expect((done.result as ImportSummary).runs).toBe(24)
      expect(((await lab.invoke('listProjects', {})) as Project[]).map((p) => p.name)).toEqual(['named'])
      await expect(lab.invoke('startImport', { uploadId: lab.context.uploads.fromPath(fixture).id })).rejects.toThrow(/projectId or project/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a page may not name local paths for a corpus cleaning; the CLI may', async () => {
    const web = await open('web')
    await expect(web.invoke('startCorpusClean', { localSources: ['/etc'], outDir: '/tmp/x' })).rejects.toThrow(/Only the command line reads and writes local paths/)
    await expect(web.invoke('startCorpusClean', { sources: ['brown:humor'], blocklistPath: '/etc/passwd' })).rejects.toThrow(/Only the command line/)
  })
})
