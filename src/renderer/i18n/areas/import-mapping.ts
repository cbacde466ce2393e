/** Strings of the import dialog's mapping corrections: a field the user switched off (English and Simplified Chinese). */
export const en = {
  importMapping: {
    off: 'off',
    offTitle: 'Left unmapped by you; the automatic mapping had chosen column "{column}". Pick a column to map it again.',
  },
}

export const zhCN: typeof en = {
  importMapping: {
    off: '已关闭',
    offTitle: '已由你取消映射；自动映射原先选择的是列“{column}”。选择一列即可重新映射。',
  },
}
