/** Every command of the scaling-lab CLI; a new command adds one line here. */
import type { CliCommand } from '../command'
import { importCommand } from './import'
import { runsCommand } from './runs'
import { serveCommand } from './serve'

export const COMMANDS: CliCommand[] = [importCommand, runsCommand, serveCommand]
