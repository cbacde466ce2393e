/**
 * The one way out of the app to the web, in the user's browser. Which links open at once, which only after the
 * user has read the full URL and agreed, and which never: navigation-policy.ts (externalLinkDecision).
 */
import { dialog, shell, type BrowserWindow } from 'electron'
import { externalLinkDecision } from './navigation-policy'

export function openExternalSafely(url: string, parent?: BrowserWindow): void {
  void openExternalLink(url, parent)
}

async function openExternalLink(url: string, parent: BrowserWindow | undefined): Promise<void> {
  const decision = externalLinkDecision(url)
  if (decision.action === 'open') return shell.openExternal(decision.url)
  if (decision.action === 'refuse') {
    await showBox(parent, { type: 'warning', message: 'Scaling Lab did not open this link.', detail: `${decision.reason}:\n${url.slice(0, 2000)}`, buttons: ['OK'] })
    return
  }
  const answer = await showBox(parent, {
    type: 'question',
    message: 'Open this link in your browser?',
    detail: `It leads outside Scaling Lab, to:\n\n${decision.url}`,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  })
  if (answer.response === 0) await shell.openExternal(decision.url)
}

function showBox(parent: BrowserWindow | undefined, options: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
  return parent && !parent.isDestroyed() ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)
}
