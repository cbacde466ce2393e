/**
 * scaling-lab figure scaling|isoflop|compute --out FILE.svg|png|pdf : the Scaling, IsoFLOP and Compute views' charts
 * rendered headless from the same option builders (src/shared/figures/scaling-charts.ts).
 */
import { PRESET_NAMES, LAWS, type Law, type PresetId } from '../../shared/api/fit'
import { LabError } from '../../shared/errors'
import { listOption, option } from '../args'
import { openCatalog, requireOneProject } from '../catalog-option'
import type { CliCommand } from '../command'
import { intOption, quantityOption } from '../quantity-option'
import { buildFigureOption, figureFormat, FIGURE_VIEWS, writeFigure, type FigureView } from '../../core/figures/figure-command'
import { runIdsByName } from '../../core/lab/fit-selection'

export const figureCommand: CliCommand = {
  name: 'figure',
  summary: 'render the scaling, isoflop or compute chart to SVG, PNG or PDF',
  usage: `scaling-lab figure scaling|isoflop|compute --out FILE.svg|png|pdf [--fit ID] [--runs NAMES] [--exclude NAMES]
                     [--catalog PATH] [--project NAME] [--x params|tokens|flops] [--law LAW] [--preset NAMES]
                     [--budget C] [--isoflop-tolerance DEX] [--width PX] [--height PX] [--pixel-ratio R] [--theme light|dark] [--json]
  scaling: loss against N, D or C (--x, default flops) with the stored fit (--fit) or a fit of --law made on the spot
  (default chinchilla), its band, the extrapolation dashed and residuals; --preset adds published laws to compare.
  isoflop: IsoFLOP profiles with parabolas and vertices. compute: N_opt and D_opt against C under the fit and presets.`,
  args: {
    values: ['out', 'fit', 'runs', 'exclude', 'catalog', 'project', 'x', 'law', 'preset', 'budget', 'isoflop-tolerance', 'width', 'height', 'pixel-ratio', 'theme'],
    switches: ['json'],
  },
  async run(args, io) {
    const view = args.positionals[0]
    if (view === undefined || !(FIGURE_VIEWS as readonly string[]).includes(view)) throw new LabError('usage', `figure needs a view: ${FIGURE_VIEWS.join(', ')}`)
    if (args.positionals.length > 1) throw new LabError('usage', `unexpected argument ${JSON.stringify(args.positionals[1])}`)
    const out = option(args, 'out')
    if (out === undefined) throw new LabError('usage', 'figure needs --out FILE.svg, FILE.png or FILE.pdf')
    figureFormat(out)
    const x = option(args, 'x') ?? 'flops'
    if (x !== 'params' && x !== 'tokens' && x !== 'flops') throw new LabError('usage', `--x ${JSON.stringify(x)} must be params, tokens or flops`)
    const theme = option(args, 'theme') ?? 'light'
    if (theme !== 'light' && theme !== 'dark') throw new LabError('usage', `--theme ${JSON.stringify(theme)} must be light or dark`)
    const law = option(args, 'law')
    if (law !== undefined && !(LAWS as readonly string[]).includes(law)) throw new LabError('usage', `--law ${JSON.stringify(law)} must be one of ${LAWS.join(', ')}`)
    const presets = listOption(args, 'preset')
    for (const p of presets ?? []) if (!(PRESET_NAMES as readonly string[]).includes(p)) throw new LabError('usage', `--preset ${JSON.stringify(p)} must be one of ${PRESET_NAMES.join(', ')}`)
    const width = intOption(args, 'width', 200, 8000) ?? 900
    const height = intOption(args, 'height', 150, 8000) ?? 560
    const pixelRatio = quantityOption(args, 'pixel-ratio', (n) => n >= 0.5 && n <= 8, 'a pixel ratio from 0.5 to 8') ?? 2
    const budget = quantityOption(args, 'budget', (n) => n > 0, 'a positive number of FLOPs')
    const tolerance = quantityOption(args, 'isoflop-tolerance', (n) => n > 0 && n <= 1, 'a width in dex, above 0 and at most 1')
    const fitId = intOption(args, 'fit', 1, Number.MAX_SAFE_INTEGER)
    const catalog = openCatalog(args)
    try {
      const needsProject = view !== 'compute' && fitId === undefined
      const named = option(args, 'project') !== undefined || needsProject || listOption(args, 'runs') !== undefined || listOption(args, 'exclude') !== undefined
      const projectId = named ? requireOneProject(catalog, args) : undefined
      const runNames = listOption(args, 'runs')
      const excludeNames = listOption(args, 'exclude')
      const option_ = buildFigureOption(catalog, {
        view: view as FigureView,
        projectId,
        fitId,
        runIds: runNames && projectId !== undefined ? runIdsByName(catalog, projectId, runNames, '--runs') : undefined,
        excluded: excludeNames && projectId !== undefined ? runIdsByName(catalog, projectId, excludeNames, '--exclude') : undefined,
        law: law as Law | undefined,
        isoflopTolerance: tolerance,
        x,
        theme,
        presets: presets as PresetId[] | undefined,
        budget,
        size: { width, height },
      })
      const r = await writeFigure(option_, out, { width, height, theme, pixelRatio })
      if (args.switches.has('json')) io.stdout(JSON.stringify({ figure: { view, out, format: r.format, bytes: r.bytes, width, height } }) + '\n')
      else io.stdout(`wrote ${out} (${r.format}, ${r.bytes} bytes)\n`)
      return 0
    } finally {
      catalog.close()
    }
  },
}
