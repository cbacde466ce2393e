/**
 * What the desktop window may load, which permissions its page gets, and which links leave for the user's
 * browser. Pure decisions (no Electron import), so they are unit-tested in plain Node; index.ts and
 * external-links.ts wire them to Electron's events.
 */
import { APP_ORIGIN } from './app-protocol'

/** The page's own origin: app://scaling-lab, or the dev server's origin in development (never when packaged). */
export function isAppOrigin(url: string, devServerUrl?: string): boolean {
  const origin = originOf(url)
  if (origin === null) return false
  if (origin === APP_ORIGIN) return true
  return devServerUrl !== undefined && devServerUrl !== '' && origin === originOf(devServerUrl)
}

/** will-navigate, will-redirect, will-frame-navigate: only to the app's own pages. */
export function isAllowedNavigation(url: string, devServerUrl?: string): boolean {
  return isAppOrigin(url, devServerUrl)
}

/**
 * The permissions the page may have: writing plain text to the clipboard (copying a table or a fit), and only
 * from the app's own page. Everything else (camera, microphone, geolocation, notifications, MIDI, HID, serial,
 * reading the clipboard, opening external protocols, ...) is refused.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write']

export function isAllowedPermission(permission: string, requestingUrl: string, devServerUrl?: string): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isAppOrigin(requestingUrl, devServerUrl)
}

/** Hosts whose https links open without asking (a subdomain counts: www.arxiv.org, docs.github.com). */
export const TRUSTED_LINK_HOSTS: readonly string[] = ['arxiv.org', 'doi.org', 'github.com']

export type ExternalLinkDecision =
  | { action: 'open'; url: string }
  | { action: 'confirm'; url: string }
  | { action: 'refuse'; reason: string }

/**
 * A link out of the app: https to a trusted host opens; any other http(s) link is opened only after the user
 * has seen the full URL and agreed; any other scheme (file:, javascript:, smb:, custom handlers) and links
 * with a user name or password in them are refused.
 */
export function externalLinkDecision(url: string): ExternalLinkDecision {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { action: 'refuse', reason: 'not a URL' }
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { action: 'refuse', reason: `the ${parsed.protocol} scheme is not opened` }
  if (parsed.username !== '' || parsed.password !== '') return { action: 'refuse', reason: 'a link with a user name or password is not opened' }
  const host = parsed.hostname.toLowerCase()
  const trusted = TRUSTED_LINK_HOSTS.some((h) => host === h || host.endsWith('.' + h))
  return { action: parsed.protocol === 'https:' && trusted && parsed.port === '' ? 'open' : 'confirm', url: parsed.href }
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    // URL.origin is 'null' for schemes Node does not know as special (app:), so build it the same way for all
    return `${u.protocol}//${u.host.toLowerCase()}`
  } catch {
    return null
  }
}
