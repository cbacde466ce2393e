/**
 * scaling-lab watch DIR : import the CSV logs of a folder, then keep importing as they grow (only new rows), as new
 * files appear, or as a file is rewritten (re-imported as a replacement); one line (or JSON line) per change, until
 * Ctrl-C. The watch lasts as long as the command: it is recorded while it runs and removed when it stops.
 */
import { relative } from 'node:path'
import { untilShutdown } from '../../server/shutdown'
import type { WatchActivity, WatchInfo } from '../../shared/api/watch'
import { LabError } from '../../shared/errors'
import { numberOption, option } from '../args'
import { DEFAULT_PROJECT } from '../catalog-option'
import type { CliCommand, CliIo } from '../command'
import { withLab } from '../lab-session'
import { visible } from '../visible'

const DEFAULT_QUIET_SECONDS = 60

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'import a folder of CSV logs and keep importing as they grow (only new rows), until Ctrl-C',
  usage: `scaling-lab watch DIR [--project NAME] [--catalog PATH] [--quiet SECONDS] [--json]
  Imports every .csv / .tsv file of DIR (not its subfolders) into the project (default "${DEFAULT_PROJECT}", created when
  missing), then follows the folder: a file that grows is imported incrementally (only its new complete rows, in one
  transaction; a half-written last line waits for its line end), a new file is imported, a file rewritten or
  truncated is re-imported as a replacement of its earlier import. A file still being copied in is read once its
  size is stable. Runs whose log changed in the last --quiet seconds (default ${DEFAULT_QUIET_SECONDS}) are marked running.
  Prints one line per change (--json: one JSON object per line, the first {"watch": ...}); stop with Ctrl+C.`,
  args: { values: ['catalog', 'project', 'quiet'], switches: ['json'] },
  async run(args, io) {
    const dir = args.positionals[0]
    if (dir === undefined || args.positionals.length > 1) throw new LabError('usage', 'watch takes one folder: scaling-lab watch DIR')
    const quietSeconds = numberOption(args, 'quiet', (n) => Number.isInteger(n) && n >= 1 && n <= 86_400, 'a whole number of seconds, 1 to 86400') ?? DEFAULT_QUIET_SECONDS
    const json = args.switches.has('json')
    return withLab(args, async ({ lab, invoke }) => {
      const project = await invoke('createProject', { name: option(args, 'project') ?? DEFAULT_PROJECT })
      const known = new Set((await invoke('listWatches', {})).map((w) => w.id))
      let folder = dir
      const off = lab.onEvent((e) => {
        if (e.type === 'watch-activity' && e.activity.projectId === project.id) io.stdout(json ? JSON.stringify(e.activity) + '\n' : activityText(e.activity, folder))
      })
      // the first scan's lines come while watchFolder runs: they are printed as they come
      const watch = await invoke('watchFolder', { projectId: project.id, path: dir, quietSeconds })
      folder = watch.path
      io.stdout(json ? JSON.stringify({ watch }) + '\n' : watchingText(watch, project.name))
      // the watcher's timers do not keep the process alive; this does, until Ctrl-C
      const keepAlive = setInterval(() => undefined, 1 << 30)
      return untilShutdown(process, {
        stop: async () => {
          clearInterval(keepAlive)
          off()
          // a watch this command started ends with it; one the app had recorded stays for the app
          if (!known.has(watch.id)) await invoke('unwatchFolder', { watchId: watch.id })
        },
        closeNow: () => {
          clearInterval(keepAlive)
          lab.close()
        },
        report: io.stderr,
      })
    })
  },
}

function watchingText(w: WatchInfo, project: string): string {
  const how = w.fileEvents ? `file events and a poll every ${w.pollSeconds} s` : `a poll every ${w.pollSeconds} s (no file events here)`
  return `watching ${visible(w.path)} for project ${visible(project)} (${how}); runs are marked running until their log is quiet for ${w.quietSeconds} s. Ctrl+C stops.\n`
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** One line for a file handled, and its warnings indented below. */
export function activityText(a: WatchActivity, folder: string): string {
  const name = visible(relative(folder, a.file) || a.file)
  const head = a.change.padEnd(9)
  let line: string
  if (a.change === 'error' && a.error) {
    const where = [name, a.error.line, a.error.column].filter((p) => p !== undefined).join(':')
    line = `${head} ${where}: ${visible(a.error.message)}${a.error.hint ? ` (${visible(a.error.hint)})` : ''}`
  } else if (a.change === 'waiting') {
    line = `${head} ${name}: nothing to import yet`
  } else if (a.change === 'quiet') {
    line = `${head} ${name}: ${plural(a.runIds.length, 'run')} no longer marked running`
  } else if (a.change === 'appended') {
    const rewrites = a.rewrites ? `, ${plural(a.rewrites, 'point')} rewritten` : ''
    const runs = a.newRuns.length ? `; new ${a.newRuns.length === 1 ? 'run' : 'runs'} ${a.newRuns.map((r) => visible(r)).join(', ')}` : ''
    line = `${head} ${name}: +${plural(a.rows, 'row')}, +${plural(a.points, 'point')}${rewrites}${runs}`
  } else {
    line = `${head} ${name}: ${plural(a.runIds.length, 'run')}, ${plural(a.points, 'point')}`
  }
  return [line, ...a.warnings.map((w) => `  warning: ${visible(w)}`)].join('\n') + '\n'
}
