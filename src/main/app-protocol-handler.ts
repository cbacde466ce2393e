/**
 * Electron wiring of the app:// scheme (what is served, and what is refused: app-protocol.ts): registered as a
 * standard, secure scheme before the app is ready, then answered from out/renderer with the app's CSP.
 */
import { protocol } from 'electron'
import { APP_SCHEME, answerAppRequest } from './app-protocol'

/** Must run before app 'ready'. standard + secure: 'self' in the CSP, relative URLs and fetch() work as on https. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])
}

/** Serve the built renderer under app://scaling-lab/. */
export function serveAppScheme(root: string, contentSecurityPolicy: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(root, contentSecurityPolicy, request))
}
