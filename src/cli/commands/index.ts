/**
 * Every command of the scaling-lab CLI: its name and one line of help, and how to load it. A command's module
 * (and the engine behind it) is imported only when that command runs, so `--version`, `--help` and a small
 * command start quickly. A new command adds one entry here (its summary is the command's own; a unit test checks).
 */
import type { CliCommand } from '../command'

export interface CommandEntry {
  name: string
  summary: string
  load(): Promise<CliCommand>
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'import', summary: 'import CSV run logs, evaluations or per-example predictions into the catalog', load: async () => (await import('./import')).importCommand },
  { name: 'runs', summary: "list the runs in the catalog, or correct one run's fields (runs set)", load: async () => (await import('./runs')).runsCommand },
  { name: 'serve', summary: 'serve the app to a browser on this machine (127.0.0.1 only, with a session token)', load: async () => (await import('./serve')).serveCommand },
  { name: 'corpus', summary: 'clean a corpus: strip HTML, quality rules, block list, exact and near dedup, decontamination', load: async () => (await import('./corpus')).corpusCommand },
  { name: 'knnlm', summary: 'kNN-LM: train a small LM, build a datastore, evaluate and sweep the interpolation', load: async () => (await import('./knnlm')).knnlmCommand },
  { name: 'analyze', summary: 'emergence, calibration and trend shape (inverse / U-shaped scaling) of task results', load: async () => (await import('./analyze')).analyzeCommand },
  { name: 'fit', summary: 'fit a scaling law (kaplan-n kaplan-d kaplan-c kaplan-nd envelope isoflop chinchilla routed) and store it', load: async () => (await import('./fit')).fitCommand },
  { name: 'optimal', summary: 'compute-optimal parameters and tokens at a FLOP budget (fit or preset; inference-aware; data-constrained)', load: async () => (await import('./optimal')).optimalCommand },
  { name: 'curves', summary: "draw runs' metric curves on one chart (groups over seeds with bands) to SVG, PNG or PDF, or print them", load: async () => (await import('./curves')).curvesCommand },
  { name: 'figure', summary: 'render the scaling, isoflop or compute chart to SVG, PNG or PDF', load: async () => (await import('./figure')).figureCommand },
]
