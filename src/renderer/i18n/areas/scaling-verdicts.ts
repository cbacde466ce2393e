/**
 * Strings of the fit verdicts (src/core/fit/verdict-checks.ts), the IsoFLOP budgets (used / skipped and why) and the
 * Compute view's preset labels and notes (loss datasets, Kaplan's overfitting bound), English and Simplified Chinese.
 */
export const en = {
  verdicts: {
    law: 'Every check passed',
    flagged: 'Flagged: {n} warning(s)',
    looSummary: 'Leave-one-out: {n} refits without an extreme run or budget; largest exponent change {shift}.',
    looSignFlip: 'a sign flip',
    warning: {
      'loss-near-zero': '{runs} run(s) have loss below {threshold} nats per token (e.g. {run}: {loss}): is this an accuracy or error rate rather than a cross-entropy?',
      'loss-too-large': '{runs} run(s) have loss above {threshold} nats per token (e.g. {run}: {loss}), more than ln of a 3-million-token vocabulary: is this perplexity or a loss summed over tokens?',
      'exponent-driven-by-one-point': 'Leaving out {run} moves the exponent from {from} to {to} (more than {threshold}): one point drives it.',
      'too-few-to-check': 'Too few points to leave one out: nothing shows the exponents do not hinge on a single point.',
      'allocation-exponent-out-of-range': 'The allocation exponent a = {a} lies outside (0, 1): the optimal model size or token count would shrink as compute grows.',
    },
    budgets: 'Budgets: {used} of {total} used',
    used: 'used',
    skipped: 'skipped',
    status: 'Status',
    reason: {
      'too-few-sizes': 'fewer than 3 distinct model sizes',
      'minimum-at-edge': 'lowest loss at the smallest or largest size sampled: the minimum is not bracketed',
      'opens-downward': 'the parabola around the lowest loss opens downward',
      'vertex-outside': 'the vertex lies outside the sizes fitted (an extrapolation)',
    },
    bracketNote: 'A budget counts only when its minimum is bracketed: the parabola is fitted on the lowest-loss run and up to two sizes on each side.',
    excludedNote: '{n} run(s) excluded in the Law-fit tab are left out here too.',
    lossOn: 'on {dataset}',
    noLoss: 'no loss law',
    lossNotComparable: "Losses on different datasets are not comparable: Kaplan et al. 2020 measured theirs on WebText2, Hoffmann et al. 2022 and Besiroglu et al. 2024 on MassiveText. Hoffmann's Approaches 1 and 2 give allocations only.",
    chinchillaNote: "Chinchilla itself (70B parameters, 1.4T tokens) was sized from Approaches 1 and 2; the Approach-3 fit puts the optimum at this budget nearer 40B.",
    overfitting: 'Breaks Kaplan\'s overfitting bound: {D} tokens < 5e3 N^0.74 = {Dmin} (eq. 4.4).',
  },
}

export const zhCN: typeof en = {
  verdicts: {
    law: '全部检验通过',
    flagged: '已标记：{n} 条警告',
    looSummary: '留一检验：去掉一个端点运行或预算后重拟合 {n} 次；指数最大变化 {shift}。',
    looSignFlip: '符号翻转',
    warning: {
      'loss-near-zero': '{runs} 个运行的损失低于 {threshold} nats/词元（例如 {run}：{loss}）：这是准确率或错误率，而不是交叉熵吗？',
      'loss-too-large': '{runs} 个运行的损失高于 {threshold} nats/词元（例如 {run}：{loss}），超过 300 万词表的 ln：这是困惑度或按词元求和的损失吗？',
      'exponent-driven-by-one-point': '去掉 {run} 后指数从 {from} 变为 {to}（阈值 {threshold}）：单个点决定了指数。',
      'too-few-to-check': '点数太少，无法做留一检验：没有证据表明指数不依赖于单个点。',
      'allocation-exponent-out-of-range': '分配指数 a = {a} 不在 (0, 1) 内：随着计算量增加，最优模型规模或词元数会减少。',
    },
    budgets: '预算：使用 {used} / {total}',
    used: '使用',
    skipped: '跳过',
    status: '状态',
    reason: {
      'too-few-sizes': '不同模型规模少于 3 个',
      'minimum-at-edge': '最低损失位于所采样的最小或最大规模：极小值未被包围',
      'opens-downward': '最低损失附近的抛物线开口向下',
      'vertex-outside': '顶点位于拟合的规模范围之外（属外推）',
    },
    bracketNote: '只有极小值被包围的预算才计入：抛物线只拟合最低损失的运行及其两侧各至多两个规模。',
    excludedNote: '在“定律拟合”页排除的 {n} 个运行在此同样不计入。',
    lossOn: '基于 {dataset}',
    noLoss: '无损失定律',
    lossNotComparable: '不同数据集上的损失不可比较：Kaplan 等 2020 的损失基于 WebText2，Hoffmann 等 2022 与 Besiroglu 等 2024 基于 MassiveText。Hoffmann 的方法一、二只给出分配。',
    chinchillaNote: 'Chinchilla 本身（700 亿参数、1.4 万亿词元）是按方法一、二确定的；方法三拟合在此预算下的最优规模约为 400 亿。',
    overfitting: '违反 Kaplan 的过拟合界：{D} 个词元 < 5e3 N^0.74 = {Dmin}（式 4.4）。',
  },
}
