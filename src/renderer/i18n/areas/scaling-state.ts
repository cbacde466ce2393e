/** Strings of the Scaling view's kept state (issue 10): typed-field messages, the stored fit kept beside a changed fit, remembered exclusions. */
export const en = {
  scalingKeep: {
    field: {
      budgetEmpty: 'Type a compute budget, e.g. 5.76e23, 1e21 FLOPs or 3.1e8 PF-days.',
      notCompute: '“{text}” is not a compute: type e.g. 5.76e23, 70B, 1e21 FLOPs or 3.1e8 PF-days.',
      budgetRange: 'The budget must be between {min} and {max} FLOPs.',
      bootstrap: 'A whole number of resamples from 0 (no intervals) to {max}.',
      seed: 'A whole number from 0 to {max}.',
      fixFirst: 'Fix the marked fields first.',
    },
    storedBeside: 'Stored fit #{id} (as stored, {n} excluded)',
    storedKept: 'Stored fit #{id} no longer matches the exclusions or options: it stays drawn (dashed) beside the quick fit of what is on screen.',
    showStored: 'Show stored fit #{id} again',
    missing: '{n} remembered exclusion(s) are no longer runs of this project and were let go.',
  },
}

export const zhCN: typeof en = {
  scalingKeep: {
    field: {
      budgetEmpty: '请输入计算预算，例如 5.76e23、1e21 FLOPs 或 3.1e8 PF-days。',
      notCompute: '“{text}”不是计算量：请输入例如 5.76e23、70B、1e21 FLOPs 或 3.1e8 PF-days。',
      budgetRange: '预算须在 {min} 到 {max} FLOPs 之间。',
      bootstrap: '重采样次数须为 0（不计算区间）到 {max} 的整数。',
      seed: '须为 0 到 {max} 的整数。',
      fixFirst: '请先修正标出的字段。',
    },
    storedBeside: '已保存拟合 #{id}（按保存时，排除 {n} 个）',
    storedKept: '已保存拟合 #{id} 与当前的排除或选项不再一致：它仍以虚线画在当前快速拟合旁边。',
    showStored: '重新显示已保存拟合 #{id}',
    missing: '{n} 个记住的排除已不再是本项目的运行，已放弃。',
  },
}
