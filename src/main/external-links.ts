/** The one way out of the app to the web: http(s) links only, opened in the user's browser. */
import { shell } from 'electron'

export function openExternalSafely(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') void shell.openExternal(parsed.toString())
}
