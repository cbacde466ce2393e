/**
 * The scaling-lab command line: dispatch to a command, turn errors into messages and exit codes. Only the command
 * that runs is loaded (commands/index.ts); `--version` and `--help` load none.
 */
import { LabError, toErrorInfo } from '../shared/errors'
import { errorLocation } from '../shared/error-location'
import { parseArgs } from './args'
import type { CliCommand, CliIo } from './command'
import { COMMANDS } from './commands'

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'scaling-lab: the Scaling Lab engine on the command line',
    '',
    'usage: scaling-lab COMMAND [options]     scaling-lab COMMAND --help',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'The catalog defaults to the application-data folder; --catalog PATH or SCALING_LAB_CATALOG overrides it.',
    '',
  ].join('\n')
}

/** Run the CLI; returns the exit code: 0 done, 2 bad input or usage, 1 an internal failure. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText())
    return name === undefined ? 2 : 0
  }
  if (name === '--version') {
    const { appVersion } = await import('../core/lab/app-version')
    io.stdout(`${appVersion()}\n`)
    return 0
  }
  const entry = COMMANDS.find((c) => c.name === name)
  if (!entry) {
    io.stderr(`scaling-lab: unknown command ${JSON.stringify(name)}\n\n${helpText()}`)
    return 2
  }
  const json = rest.includes('--json')
  let command: CliCommand | undefined
  try {
    command = await entry.load()
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.usage}\n`)
      return 0
    }
    return await command.run(parseArgs(rest, command.args), io)
  } catch (e) {
    const info = toErrorInfo(e)
    const where = errorLocation(info)
    io.stderr(`scaling-lab ${name}: ${where ? where + ': ' : ''}${info.message}${info.hint ? ` (${info.hint})` : ''}\n`)
    if (info.code === 'usage' && command) io.stderr(`usage: ${command.usage}\n`)
    if (json) io.stdout(JSON.stringify({ error: { file: info.file ?? null, line: info.line ?? null, column: info.column ?? null, message: info.message, code: info.code } }) + '\n')
    return e instanceof LabError ? 2 : 1
  }
}
