/** One handler per import shape. */
import type { ShapeFormat } from '../formats'
import { evalsShape } from './evals'
import { longShape } from './long'
import { mlflowShape } from './mlflow'
import { predictionsShape } from './predictions'
import type { ShapeFactory } from './shape'
import { summaryShape } from './summary'
import { tensorboardShape } from './tensorboard'
import { wandbPanelShape } from './wandb-panel'
import { wandbRunsShape } from './wandb-runs'
import { wideShape } from './wide'

export type { ShapeContext, ShapeFactory, ShapeHandler } from './shape'

export const SHAPES: Record<ShapeFormat, ShapeFactory> = {
  summary: summaryShape,
  long: longShape,
  wide: wideShape,
  'wandb-panel': wandbPanelShape,
  'wandb-runs': wandbRunsShape,
  tensorboard: tensorboardShape,
  mlflow: mlflowShape,
  evals: evalsShape,
  predictions: predictionsShape,
}
