/** A CLI command: its name, one line of help, usage text, and what it does. */
import type { ArgSpec, ParsedArgs } from './args'

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  isTTY: boolean
}

export interface CliCommand {
  name: string
  summary: string
  usage: string
  args: ArgSpec
  /** returns the process exit code */
  run(args: ParsedArgs, io: CliIo): Promise<number>
}
