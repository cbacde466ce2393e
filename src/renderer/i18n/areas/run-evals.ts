/** Strings of a run page's task evaluations (charts per task and the final-checkpoint table), English and Simplified Chinese. */
export const en = {
  runEvals: {
    title: 'Task evaluations',
    count: '{n} evaluations of {tasks} task/metric pairs',
    pick: 'Tasks shown:',
    shots: '{n}-shot',
    band: 'band: ±1 standard error',
    noTokens: 'x: checkpoint step (training tokens unknown)',
    final: 'At the final checkpoint',
    task: 'Task',
    metric: 'Metric',
    shotsCol: 'Shots',
    value: 'Value',
    stderr: 'Std. error',
    checkpoint: 'Checkpoint',
    // item counts (issue 9)
    items: 'n (items)',
    itemsHint: 'Number of items (examples) behind the value; its standard error comes from them',
  },
}

export const zhCN: typeof en = {
  runEvals: {
    title: '任务评测',
    count: '{tasks} 个任务/指标组合的 {n} 条评测',
    pick: '显示的任务：',
    shots: '{n} 样本',
    band: '阴影：±1 标准误',
    noTokens: '横轴：检查点步数（训练词元数未知）',
    final: '最终检查点',
    task: '任务',
    metric: '指标',
    shotsCol: '样本数',
    value: '值',
    stderr: '标准误',
    checkpoint: '检查点',
    // item counts (issue 9)
    items: 'n（题目数）',
    itemsHint: '该值所依据的题目（样本）数；其标准误由这些题目算出',
  },
}
