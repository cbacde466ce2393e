/**
 * scaling-lab figure scaling|isoflop|compute --out FILE.svg|png|pdf : the Scaling, IsoFLOP and Compute views' charts
 * rendered headless from the same option builders (src/shared/figures/scaling-charts.ts).
 */
import { writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { PRESET_NAMES, LAWS, type Law, type PresetId } from '../../shared/api/fit'
import { FIGURE_VIEWS, type FigureView } from '../../shared/api/figures'
import { LabError } from '../../shared/errors'
import { listOption, option } from '../args'
import { requireOneProject } from '../catalog-option'
import type { CliCommand } from '../command'
import { intOption, quantityOption } from '../quantity-option'
import { runIdsByName } from '../run-names'
import { withLab } from '../lab-session'

/** The file's format, from --out's extension. */
function figureFormat(path: string): 'svg' | 'png' | 'pdf' {
  const ext = extname(path).toLowerCase().slice(1)
  if (ext === 'svg' || ext === 'png' || ext === 'pdf') return ext
  throw new LabError('usage', `--out ${JSON.stringify(path)} must end in .svg, .png or .pdf.`)
}

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
    const format = figureFormat(out)
    const x = option(args, 'x')
    if (x !== undefined && x !== 'params' && x !== 'tokens' && x !== 'flops') throw new LabError('usage', `--x ${JSON.stringify(x)} must be params, tokens or flops`)
    const theme = option(args, 'theme')
    if (theme !== undefined && theme !== 'light' && theme !== 'dark') throw new LabError('usage', `--theme ${JSON.stringify(theme)} must be light or dark`)
    const law = option(args, 'law')
    if (law !== undefined && !(LAWS as readonly string[]).includes(law)) throw new LabError('usage', `--law ${JSON.stringify(law)} must be one of ${LAWS.join(', ')}`)
    const presets = listOption(args, 'preset')
    for (const p of presets ?? []) if (!(PRESET_NAMES as readonly string[]).includes(p)) throw new LabError('usage', `--preset ${JSON.stringify(p)} must be one of ${PRESET_NAMES.join(', ')}`)
    // sizes, ratio, theme and axis default in the renderFigure schema
    const width = intOption(args, 'width', 200, 8000)
    const height = intOption(args, 'height', 150, 8000)
    const pixelRatio = quantityOption(args, 'pixel-ratio', (n) => n >= 0.5 && n <= 8, 'a pixel ratio from 0.5 to 8')
    const budget = quantityOption(args, 'budget', (n) => n > 0, 'a positive number of FLOPs')
    const tolerance = quantityOption(args, 'isoflop-tolerance', (n) => n > 0 && n <= 1, 'a width in dex, above 0 and at most 1')
    const fitId = intOption(args, 'fit', 1, Number.MAX_SAFE_INTEGER)
    return withLab(args, async (lab) => {
      const needsProject = view !== 'compute' && fitId === undefined
      const named = option(args, 'project') !== undefined || needsProject || listOption(args, 'runs') !== undefined || listOption(args, 'exclude') !== undefined
      const projectId = named ? await requireOneProject(lab, args) : undefined
      const runNames = listOption(args, 'runs')
      const excludeNames = listOption(args, 'exclude')
      const r = await lab.invoke('renderFigure', {
        view: view as FigureView,
        format,
        projectId,
        fitId,
        runIds: runNames && projectId !== undefined ? await runIdsByName(lab, projectId, runNames, '--runs') : undefined,
        excluded: excludeNames && projectId !== undefined ? await runIdsByName(lab, projectId, excludeNames, '--exclude') : undefined,
        law: law as Law | undefined,
        isoflopTolerance: tolerance,
        x,
        theme,
        presets: presets as PresetId[] | undefined,
        budget,
        width,
        height,
        pixelRatio,
      })
      const data = Buffer.from(r.base64, 'base64')
      writeFileSync(out, data)
      if (args.switches.has('json')) io.stdout(JSON.stringify({ figure: { view, out, format: r.format, bytes: data.length, width: r.width, height: r.height } }) + '\n')
      else io.stdout(`wrote ${out} (${r.format}, ${data.length} bytes)\n`)
      return 0
    })
  },
}
