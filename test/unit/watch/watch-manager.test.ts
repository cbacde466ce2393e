/**
 * Watched folders (issue 14): a folder's logs are imported, a log that grows is read incrementally, its runs are
 * marked running until it has been quiet for the window, a file being copied in waits for a stable size, a bad file
 * is reported with its place, and a watch recorded in the catalog is resumed by the next lab that opens it.
 * Timing: the poll is 40 ms and the tests wait for the lab's events, never for a fixed time; the quiet window is
 * crossed by moving the manager's clock.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Catalog } from '../../../src/core/catalog'
import { createLab } from '../../../src/core/lab'
import { WatchManager } from '../../../src/core/watch/watch-manager'
import type { LabEvent, WatchActivity } from '../../../src/shared/api'
import { tempDir } from '../ingest/helpers'

const tmp = tempDir('watch-manager-')
afterAll(() => tmp.remove())

/** Collects the manager's events; `next` resolves with the first activity (seen or to come) that matches. */
function eventLog(): { emit: (e: LabEvent) => void; next: (match: (a: WatchActivity) => boolean) => Promise<WatchActivity>; events: LabEvent[] } {
  const events: LabEvent[] = []
  const waiting: { match: (a: WatchActivity) => boolean; resolve: (a: WatchActivity) => void }[] = []
  let used = 0
  const emit = (e: LabEvent): void => {
    events.push(e)
    if (e.type !== 'watch-activity') return
    const w = waiting.findIndex((x) => x.match(e.activity))
    if (w >= 0) {
      used = events.length
      waiting.splice(w, 1)[0].resolve(e.activity)
    }
  }
  const next = (match: (a: WatchActivity) => boolean): Promise<WatchActivity> => {
    const seen = events.slice(used).find((e): e is Extract<LabEvent, { type: 'watch-activity' }> => e.type === 'watch-activity' && match(e.activity))
    if (seen) {
      used = events.indexOf(seen) + 1
      return Promise.resolve(seen.activity)
    }
    return new Promise((resolve) => waiting.push({ match, resolve }))
  }
  return { emit, next, events }
}

describe('watched folders', () => {
  let c: Catalog
  let m: WatchManager
  let folder: string
  let n = 0
  let skew = 0
  let log: ReturnType<typeof eventLog>
  const pid = (): number => c.getProject('p')!.id
  const points = (run: string): number => {
    const r = c.listRuns({ projectId: pid() }).find((x) => x.name === run)!
    return c.getRun(r.id).series.reduce((k, s) => k + s.points, 0)
  }
  const status = (run: string): string | undefined => c.listRuns({ projectId: pid() }).find((x) => x.name === run)?.status ?? undefined

  beforeEach(() => {
    folder = join(tmp.dir, `f${n++}`)
    mkdirSync(folder)
    c = new Catalog(':memory:')
    c.ensureProject('p')
    skew = 0
    log = eventLog()
    m = new WatchManager({ catalog: c, emit: log.emit }, { pollMs: 40, quietSeconds: 60, now: () => Date.now() + skew })
  })
  afterEach(async () => {
    await m.close()
    c.close()
  })

  it('imports what is there, follows a growing log, marks its run running, and clears the mark when quiet', async () => {
    writeFileSync(join(folder, 'train.csv'), 'run,step,metric,value\na,1,loss,3.0\n')
    // written just now: its size must be seen twice before it is read
    const watchPromise = m.watch(pid(), folder)
    const first = await log.next((a) => a.change === 'new')
    const info = await watchPromise
    expect(info).toMatchObject({ projectId: pid(), path: expect.stringContaining('f'), active: true, quietSeconds: 60, pollSeconds: 0.04 })
    expect(first).toMatchObject({ file: join(info.path, 'train.csv'), points: 1 })
    expect(status('a')).toBe('running')
    expect(log.events).toContainEqual({ type: 'runs-changed', projectId: pid(), runIds: first.runIds })

    appendFileSync(join(folder, 'train.csv'), 'a,2,loss,2.5\nb,1,loss,3.3\n')
    const grown = await log.next((a) => a.change === 'appended')
    expect(grown).toMatchObject({ rows: 2, points: 2, newRuns: ['b'], importId: first.importId })
    expect(points('a')).toBe(2)
    expect(points('b')).toBe(1)
    expect(status('b')).toBe('running')

    skew = 61_000
    const quiet = await log.next((a) => a.change === 'quiet')
    expect(quiet.runIds.sort()).toEqual(grown.runIds.sort())
    expect(status('a')).toBeUndefined()
    expect(status('b')).toBeUndefined()
    expect(m.list()[0]).toMatchObject({ files: 1, lastError: null, errors: [] })
  })

  it('reports a file it cannot import with its place, and keeps watching', async () => {
    const bad = join(folder, 'bad.csv')
    writeFileSync(bad, 'step,loss\n1,3.0\n2,3.0,extra\n')
    const watching = m.watch(pid(), folder)
    const failed = await log.next((a) => a.change === 'error')
    await watching
    expect(failed.error).toMatchObject({ code: 'import-ragged', line: 3, column: 7 })
    expect(m.list()[0].lastError).toMatch(/bad\.csv:3:7: This row has 3 fields; the header has 2\.$/)
    expect(m.list()[0].errors).toHaveLength(1)
    writeFileSync(join(folder, 'good.csv'), 'step,loss\n1,3.0\n')
    await log.next((a) => a.change === 'new' && a.file.endsWith('good.csv'))
    expect(m.list()[0].lastError).toBeNull()
  })

  it('waits, without an error, for a log that has only its header yet, and imports it when rows come', async () => {
    const f = join(folder, 'train.csv')
    writeFileSync(f, 'run,step,metric,value\n')
    const watching = m.watch(pid(), folder)
    const waiting = await log.next((a) => a.change === 'waiting')
    await watching
    expect(waiting.warnings).toEqual(['The file has a header but no data rows. Waiting for complete rows; the file is read again when it grows.'])
    expect(m.list()[0]).toMatchObject({ lastError: null, errors: [] })
    appendFileSync(f, 'a,1,loss,3.0\n')
    expect(await log.next((a) => a.change === 'new')).toMatchObject({ points: 1 })
  })

  it('refuses a path that is not an existing folder', async () => {
    await expect(m.watch(pid(), join(folder, 'nope'))).rejects.toMatchObject({ code: 'watch-folder', message: expect.stringMatching(/^No folder /) })
    writeFileSync(join(folder, 'x.csv'), 'step,loss\n1,2\n')
    await expect(m.watch(pid(), join(folder, 'x.csv'))).rejects.toMatchObject({ code: 'watch-folder', message: expect.stringMatching(/is a file, not a folder\.$/) })
    expect(c.watches.list()).toEqual([])
  })

  it('stops a watch: the record goes, the marks clear', async () => {
    writeFileSync(join(folder, 'train.csv'), 'run,step,metric,value\na,1,loss,3.0\n')
    const watching = m.watch(pid(), folder)
    await log.next((a) => a.change === 'new')
    const info = await watching
    expect(status('a')).toBe('running')
    const stopped = await m.unwatch(info.id)
    expect(stopped).toMatchObject({ id: info.id, active: false })
    expect(m.list()).toEqual([])
    expect(status('a')).toBeUndefined()
  })

  it('clears the marks it set when the lab closes (nothing follows the logs then), and keeps the watch recorded', async () => {
    writeFileSync(join(folder, 'train.csv'), 'run,step,metric,value\na,1,loss,3.0\n')
    const watching = m.watch(pid(), folder)
    await log.next((a) => a.change === 'new')
    await watching
    expect(status('a')).toBe('running')
    await m.close()
    expect(status('a')).toBeUndefined()
    expect(c.watches.list()).toHaveLength(1)
  })
})

describe('watches survive a restart', () => {
  it('the web host resumes the catalog watches and imports what grew while it was closed', async () => {
    const folder = join(tmp.dir, 'resume')
    mkdirSync(folder)
    const catalogPath = join(tmp.dir, 'resume.sqlite')
    const file = join(folder, 'train.csv')
    writeFileSync(file, 'run,step,metric,value\na,1,loss,3.0\n')
    process.env.SCALING_LAB_WATCH_POLL_MS = '40'
    try {
      const lab1 = await createLab({ catalogPath, host: 'web', seedDemo: false })
      const p = lab1.context.catalog.ensureProject('p')
      const events1: LabEvent[] = []
      const seen1 = new Promise<void>((resolve) =>
        lab1.onEvent((e) => {
          events1.push(e)
          if (e.type === 'watch-activity' && e.activity.change === 'new') resolve()
        }),
      )
      await lab1.invoke('watchFolder', { projectId: p.id, path: folder })
      await seen1
      lab1.close()

      appendFileSync(file, 'a,2,loss,2.5\n')
      const events2: LabEvent[] = []
      let resolveGrown: (a: WatchActivity) => void = () => undefined
      const grown = new Promise<WatchActivity>((resolve) => (resolveGrown = resolve))
      // the resume's first scan may read the growth before createLab returns (then the catalog has it already),
      // or leave it for the next poll when the file was written a moment ago (then its event comes)
      const lab2 = await createLab({ catalogPath, host: 'web', seedDemo: false })
      lab2.onEvent((e) => {
        events2.push(e)
        if (e.type === 'watch-activity' && e.activity.change === 'appended') resolveGrown(e.activity)
      })
      const watches = (await lab2.invoke('listWatches', {})) as { path: string; active: boolean; lastActivityAt: string | null }[]
      expect(watches).toHaveLength(1)
      expect(watches[0]).toMatchObject({ active: true })
      const runs = lab2.context.catalog.listRuns({ projectId: p.id })
      const run = lab2.context.catalog.getRun(runs[0].id)
      if (run.series[0].points < 2) await grown
      expect(lab2.context.catalog.getRun(runs[0].id).series[0].points).toBe(2)
      lab2.close()

      const cli = await createLab({ catalogPath, host: 'cli', seedDemo: false })
      expect(cli.context.catalog.watches.list()).toHaveLength(1)
      cli.close()
    } finally {
      delete process.env.SCALING_LAB_WATCH_POLL_MS
    }
  })
})
