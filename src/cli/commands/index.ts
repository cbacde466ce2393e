/** Every command of the scaling-lab CLI; a new command adds one line here. */
import type { CliCommand } from '../command'
import { importCommand } from './import'
import { runsCommand } from './runs'
import { serveCommand } from './serve'
import { corpusCommand } from './corpus'
import { knnlmCommand } from './knnlm'
import { analyzeCommand } from './analyze'
import { fitCommand } from './fit'
import { optimalCommand } from './optimal'
import { figureCommand } from './figure'

export const COMMANDS: CliCommand[] = [importCommand, runsCommand, serveCommand, corpusCommand, knnlmCommand, analyzeCommand, fitCommand, optimalCommand, figureCommand]
