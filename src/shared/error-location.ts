/**
 * Where an error happened, as FILE:LINE:COLUMN (unknown parts left out), for a reader who sees it before the
 * message. Empty when the message already begins with that location (some messages name their file
 * themselves), so the file is not said twice.
 */
export function errorLocation(info: { file?: string | null; line?: number | null; column?: number | null; message: string }): string {
  const where = [info.file, info.line, info.column].filter((p) => p !== undefined && p !== null).join(':')
  return where && !info.message.startsWith(where) ? where : ''
}
