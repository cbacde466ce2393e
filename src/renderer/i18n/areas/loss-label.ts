/** Strings that say which metric "the loss" is: the Catalog's Loss column, the Scaling view's empty state (English and Simplified Chinese). */
export const en = {
  lossLabel: {
    column: 'Loss ({metric})',
    columnTitle: "The project's loss metric: each run's final \"{metric}\". Choose another one in the Scaling view (the \"loss =\" menu).",
    noLossMetric: 'No metric of this project looks like a loss, so no run can be plotted. Choose which metric is the loss (the "loss =" menu), or import runs that record one.',
  },
}

export const zhCN: typeof en = {
  lossLabel: {
    column: '损失（{metric}）',
    columnTitle: '本项目的损失指标：每个运行最终的“{metric}”。可在“缩放定律”视图的“损失 =”菜单中选择其他指标。',
    noLossMetric: '本项目没有看起来像损失的指标，因此无法绘制任何运行。请在“损失 =”菜单中选择哪个指标是损失，或导入记录了损失的运行。',
  },
}
