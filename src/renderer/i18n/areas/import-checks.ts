/** Strings of the import dialog's checks: the lenient choice, the summary's warnings and item counts (English and Simplified Chinese). */
export const en = {
  importChecks: {
    lenient: 'Leave cells that are not numbers empty (lenient)',
    lenientHint: 'Otherwise a column of numbers with a few cells that are not numbers is refused at the first one; when ticked, each cell left empty is listed after the import.',
    summaryWarnings: 'What the import assumed, skipped or left out',
    items: '{n} evaluation rows were items, stored as means with their count',
  },
}

export const zhCN: typeof en = {
  importChecks: {
    lenient: '非数字单元格留空（宽松导入）',
    lenientHint: '不勾选时，数字列中若有少数非数字单元格，导入会在第一个处拒绝；勾选后，每个被留空的单元格都会在导入后列出。',
    summaryWarnings: '导入时的假定、跳过与未导入内容',
    items: '{n} 条评测行是题目级结果，已按均值存储并记录数量',
  },
}
