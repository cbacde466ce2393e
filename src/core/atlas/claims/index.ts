/** The claims of each atlas entry, reproduced with the lab's engines from the shipped files. */
import type { AtlasName, AtlasReproduction } from '../../../shared/api/atlas'
import { reproduceDatablations } from './datablations'
import { reproduceObsscaling } from './obsscaling'
import { reproduceOlmoLadder } from './olmo-ladder'
import { reproduceRouting } from './routing'

function reproducePythia(): AtlasReproduction {
  return {
    name: 'pythia',
    claims: [],
    notes: [
      "No headline number of Biderman et al. 2023 is reproducible from the demo's files: they hold zero-shot LAMBADA and PIQA accuracy and two-operand arithmetic accuracy by size, checkpoint and shots, while the paper's numbered findings (memorisation, the gender-bias intervention, accuracy against pretraining term frequency) rest on data that is not shipped (term-frequency bins, memorisation scores). The runs are here to plot and compare, not to check a number.",
    ],
  }
}

export function reproduceAtlas(name: AtlasName, folder: string): AtlasReproduction {
  switch (name) {
    case 'datablations':
      return reproduceDatablations(folder)
    case 'routing':
      return reproduceRouting(folder)
    case 'obsscaling':
      return reproduceObsscaling(folder)
    case 'olmo-ladder':
      return reproduceOlmoLadder(folder)
    case 'pythia':
      return reproducePythia()
  }
}
